import type Database from 'better-sqlite3';
import type { RecordedEvent } from '@hub/event-store';
import { InvalidProjection } from './errors.js';
import type { Fold } from './fold.js';

export type ReadModelDb = Database.Database;

/**
 * A read model's writer. Each projection owns one SQLite file (see files.ts), so `init` only
 * creates; there is no `drop`: a version bump starts a fresh, empty file.
 */
// biome-ignore lint/suspicious/noExplicitAny: a projection names the fold it reads; the runner holds many kinds together.
export interface Projection<F = any> {
  /** Names the read model; also its folder under the runner's directory, hence the strict form. */
  readonly name: string;
  /** Bump on any change to `init` or `apply`: the read model is then discarded and rebuilt from the start. */
  readonly version: number;
  /** Only these event types reach `apply`; absent: every event. */
  readonly eventTypes?: readonly string[];
  /**
   * A shared state this model reads (a case's folded state): the runner folds it once per event
   * for every model naming the same fold and hands `apply` what the fold made of the event.
   */
  readonly fold?: Fold<unknown, F>;
  /** Creates the tables and indexes; runs on every start, so it must be idempotent (IF NOT EXISTS). */
  init(db: ReadModelDb): void;
  /**
   * Applies one event with synchronous writes on `db`, inside the batch's transaction. Throwing
   * rolls the whole batch back and stops this projection. It must not be async: a promise would
   * outlive the transaction, so the runner refuses one.
   */
  apply(db: ReadModelDb, event: RecordedEvent, folded: F | undefined): void;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Identity, for inference and an early check; the runner checks again. */
export function defineProjection<P extends Projection>(projection: P): P {
  checkProjection(projection);
  return projection;
}

export function checkProjection(projection: Projection): void {
  if (!NAME.test(projection.name)) {
    throw new InvalidProjection(projection.name, 'a name is 1-63 of a-z, 0-9, "-" and "_", starting with a letter or digit');
  }
  if (!Number.isSafeInteger(projection.version) || projection.version < 0) {
    throw new InvalidProjection(projection.name, `version must be a whole number of 0 or more, not ${projection.version}`);
  }
}

export function checkUniqueNames(projections: readonly Projection[]): void {
  const seen = new Set<string>();
  for (const projection of projections) {
    checkProjection(projection);
    if (seen.has(projection.name)) throw new InvalidProjection(projection.name, 'two projections share this name');
    seen.add(projection.name);
  }
}
