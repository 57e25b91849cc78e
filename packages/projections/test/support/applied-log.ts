import type { RecordedEvent } from '@hub/event-store';
import type { Projection, ReadModelDb } from '../../src/index.js';

export interface AppliedLogOptions {
  name?: string;
  version?: number;
  eventTypes?: readonly string[];
  /** Asked after the event's row is written, so a refusal also proves that row is rolled back. */
  failWhen?: (event: RecordedEvent) => boolean;
}

/** A projection that writes one row per apply, with no key: a duplicate apply shows as a second row. */
export function appliedLog(options: AppliedLogOptions = {}): Projection {
  return {
    name: options.name ?? 'applied-log',
    version: options.version ?? 1,
    ...(options.eventTypes ? { eventTypes: options.eventTypes } : {}),
    init(db) {
      db.exec('CREATE TABLE IF NOT EXISTS applied (position INTEGER NOT NULL, event_id TEXT NOT NULL, type TEXT NOT NULL)');
    },
    apply(db, event) {
      db.prepare('INSERT INTO applied (position, event_id, type) VALUES (?, ?, ?)').run(event.position, event.id, event.type);
      if (options.failWhen?.(event)) throw new Error(`refused ${event.type} at ${event.position}`);
    },
  };
}

export interface AppliedSummary {
  rows: number;
  distinct: number;
  positions: bigint[];
  checkpoint: bigint | null;
}

export function appliedSummary(db: ReadModelDb, name = 'applied-log'): AppliedSummary {
  const counts = db.prepare<[], { rows: number; distinct: number }>('SELECT count(*) AS rows, count(DISTINCT position) AS "distinct" FROM applied').get()!;
  const positions = db
    .prepare<[], { position: bigint }>('SELECT position FROM applied ORDER BY position')
    .safeIntegers(true)
    .all()
    .map((r) => r.position);
  const checkpoint =
    db.prepare<[string], { position: string | null }>('SELECT position FROM projection_checkpoints WHERE name = ?').get(name)?.position ?? null;
  return { rows: counts.rows, distinct: counts.distinct, positions, checkpoint: checkpoint === null ? null : BigInt(checkpoint) };
}
