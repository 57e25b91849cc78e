import Database from 'better-sqlite3';
import type { RecordedEvent } from '@hub/event-store';
import { InvalidProjection } from './errors.js';
import type { ReadModelDb } from './projection.js';

/** What one event made of its key's state. */
export interface FoldStep<S, F> {
  /** The state after the event: the same object when the event changed nothing. */
  state: S;
  /** What the models using this fold get with the event. */
  folded: F;
}

/**
 * A state several read models need, kept per key (a case's folded state, per case) and folded
 * once per event for all of them by the runner, instead of once per model. Pure: `step` must not
 * mutate the state it is given, since the previous state is handed to models as well.
 */
export interface Fold<S = unknown, F = unknown> {
  /** Names the fold; also its file under the runner's directory. */
  readonly name: string;
  /** Bump on any change to `step` or to the state's shape: the fold's stored states are dropped and folded again. */
  readonly version: number;
  /** The key of the state an event folds into; undefined: the event folds into nothing, and models get undefined. */
  keyOf(event: RecordedEvent): string | undefined;
  /** Folds one event; `state` is undefined for a key seen for the first time. */
  step(state: S | undefined, event: RecordedEvent): FoldStep<S, F>;
}

const NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;

export function defineFold<S, F>(fold: Fold<S, F>): Fold<S, F> {
  if (!NAME.test(fold.name)) throw new InvalidProjection(fold.name, 'a fold name is 1-63 of a-z, 0-9, "-" and "_", starting with a letter or digit');
  return fold;
}

export interface FoldCacheOptions {
  /** States kept in memory beyond those not yet written. */
  capacity: number;
  /**
   * A durable cache writes its states and checkpoint at most once per this many events, live or
   * catching up, and when the runner stops: encoding a state costs more than folding it, and what
   * a crash loses here is only folded again (the runner reads again from the fold's checkpoint and
   * every model skips what it has). Default 50,000.
   */
  persistEvery: number;
  /** Durable: the serving runner's cache, resumed on the next start. Otherwise a rebuild's scratch file, synchronous=OFF. */
  durable: boolean;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS fold_checkpoint (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position TEXT);
CREATE TABLE IF NOT EXISTS fold_states (key TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;`;

/**
 * The states of one fold: the recently used in memory (a Map in use order, as an LRU), all of
 * them in a SQLite file of their own. The file's checkpoint is written in the same transaction as
 * its states, and the runner commits it after the models of the same batch, so it is never ahead
 * of a model that committed: after a crash the runner reads again from the lower of the two and
 * each model skips what it already has, while the fold folds again what its file lacks.
 */
export class FoldCache<S = unknown, F = unknown> {
  /** Every event up to here is folded into the states in memory (null: nothing yet). */
  position: bigint | null;
  /** What the file holds. */
  private committed: bigint | null;
  private readonly states = new Map<string, S>();
  private readonly dirty = new Set<string>();
  private sincePersist = 0;
  private readonly db: ReadModelDb;
  private readonly load: Database.Statement<[string], string>;
  private readonly save: Database.Statement<[string, string]>;
  private readonly writeCheckpoint: Database.Statement<[string | null, string]>;
  private readonly persist: () => void;

  constructor(
    readonly fold: Fold<S, F>,
    readonly path: string,
    private readonly options: FoldCacheOptions,
  ) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(options.durable ? 'synchronous = NORMAL' : 'synchronous = OFF');
    this.db.exec(SCHEMA);
    const row = this.db
      .prepare<[string], { version: number; position: string | null }>('SELECT version, position FROM fold_checkpoint WHERE name = ?')
      .get(fold.name);
    const usable = options.durable && row !== undefined && row.version === fold.version;
    if (!usable) {
      this.db.exec('DELETE FROM fold_states; DELETE FROM fold_checkpoint');
      this.db.prepare('INSERT INTO fold_checkpoint (name, version, position) VALUES (?, ?, NULL)').run(fold.name, fold.version);
    }
    this.position = usable && row.position !== null ? BigInt(row.position) : null;
    this.committed = this.position;
    this.load = this.db.prepare<[string], string>('SELECT state FROM fold_states WHERE key = ?').pluck();
    this.save = this.db.prepare('INSERT INTO fold_states (key, state) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state');
    this.writeCheckpoint = this.db.prepare('UPDATE fold_checkpoint SET position = ? WHERE name = ?');
    this.persist = this.db.transaction(() => {
      for (const key of this.dirty) this.save.run(key, JSON.stringify(this.states.get(key)));
      this.writeCheckpoint.run(this.position === null ? null : this.position.toString(), this.fold.name);
    });
  }

  /** Folds `event` unless it is at or below what is already folded; undefined then, or when the event has no key. */
  step(event: RecordedEvent): F | undefined {
    if (this.position !== null && event.position <= this.position) return undefined;
    this.position = event.position;
    this.sincePersist++;
    const key = this.fold.keyOf(event);
    if (key === undefined) return undefined;
    const before = this.get(key);
    const { state, folded } = this.fold.step(before, event);
    if (state !== before) {
      this.states.delete(key);
      this.states.set(key, state);
      this.dirty.add(key);
    }
    return folded;
  }

  /**
   * After the models' commits of a batch: writes the states folded since the last write, when
   * enough events have gone by, or when memory holds more than it should.
   */
  commit(): void {
    const due = this.options.durable && this.sincePersist >= this.options.persistEvery;
    if (due || this.dirty.size > this.options.capacity) {
      this.persist();
      this.committed = this.position;
      this.dirty.clear();
      this.sincePersist = 0;
    }
    this.evict();
  }

  /** Drops every state: the next event folds from nothing. For a model that needs events the fold is past. */
  reset(): void {
    this.states.clear();
    this.dirty.clear();
    this.db.exec('DELETE FROM fold_states');
    this.writeCheckpoint.run(null, this.fold.name);
    this.position = null;
    this.committed = null;
    this.sincePersist = 0;
  }

  /**
   * Forgets what was folded after the file's checkpoint, as a crash would: the runner does this
   * when it starts reading again from before the position in memory.
   */
  rewind(): void {
    for (const key of this.dirty) this.states.delete(key);
    this.dirty.clear();
    this.position = this.committed;
    this.sincePersist = 0;
  }

  /**
   * Writes every state folded since the last write, and the checkpoint, whatever the options say:
   * a rebuild's worker thread does this when it hands its scratch file over to the serving thread.
   */
  persistNow(): void {
    if (this.position === this.committed && this.dirty.size === 0) return;
    this.persist();
    this.committed = this.position;
    this.dirty.clear();
    this.sincePersist = 0;
  }

  /**
   * Takes up what another connection wrote to the file (a rebuild's worker thread): memory is
   * dropped and the position is the file's checkpoint, so the next event folds on from there.
   */
  reloadFromFile(): void {
    this.states.clear();
    this.dirty.clear();
    const position = this.db.prepare<[string], string | null>('SELECT position FROM fold_checkpoint WHERE name = ?').pluck().get(this.fold.name);
    this.position = position === undefined || position === null ? null : BigInt(position);
    this.committed = this.position;
    this.sincePersist = 0;
  }

  /**
   * `flush`: the runner stops after the models committed every batch folded here, so writing now
   * cannot put the file ahead of a model, and the next start need not fold those events again.
   */
  close(flush = false): void {
    if (!this.db.open) return;
    if (flush && this.options.durable && this.position !== this.committed) {
      this.persist();
      this.committed = this.position;
      this.dirty.clear();
    }
    this.db.close();
  }

  private get(key: string): S | undefined {
    const cached = this.states.get(key);
    if (cached !== undefined) {
      // Re-inserted so the Map's order is the order of use, oldest first.
      this.states.delete(key);
      this.states.set(key, cached);
      return cached;
    }
    const stored = this.load.get(key);
    if (stored === undefined) return undefined;
    const state = JSON.parse(stored) as S;
    this.states.set(key, state);
    return state;
  }

  /** Drops the least recently used states that are written down, until within capacity. */
  private evict(): void {
    let excess = this.states.size - this.options.capacity;
    if (excess <= 0) return;
    for (const key of this.states.keys()) {
      if (excess <= 0) break;
      if (this.dirty.has(key)) continue;
      this.states.delete(key);
      excess--;
    }
  }
}
