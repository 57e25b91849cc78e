import Database from 'better-sqlite3';
import type { Projection, ReadModelDb } from './projection.js';

/**
 * Lives in the read model's own file, so a batch's writes and its checkpoint commit in one
 * transaction. `position` is text because SQLite integers are signed 64-bit and positions are
 * bigint on the port; NULL means nothing applied yet (subscribe from the start), which is not the
 * same as "after position 0" on every engine.
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name       TEXT PRIMARY KEY,
  version    INTEGER NOT NULL,
  position   TEXT,
  updated_at TEXT NOT NULL
);`;

export interface Checkpoint {
  version: number;
  position: bigint | null;
}

/**
 * Opens a read model for writing. synchronous=NORMAL in WAL mode may lose the last commits on a
 * power cut but never tears one: the model and its checkpoint roll back together, and the runner
 * re-applies those events from the store. A read model is disposable; the store is the record.
 */
export function openWriter(path: string): ReadModelDb {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

/** Opens a read model for queries: a separate connection, read-only, so a query cannot write. */
export function openReader(path: string): ReadModelDb {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return db;
}

export function readCheckpoint(db: ReadModelDb, name: string): Checkpoint | undefined {
  const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'projection_checkpoints'").get();
  if (!exists) return undefined;
  const row = db
    .prepare<[string], { version: number; position: string | null }>('SELECT version, position FROM projection_checkpoints WHERE name = ?')
    .get(name);
  return row ? { version: row.version, position: row.position === null ? null : BigInt(row.position) } : undefined;
}

/** Creates the checkpoint table, the projection's tables and its checkpoint row (at the start), in one transaction. */
export function prepareReadModel(db: ReadModelDb, projection: Projection, now: Date): void {
  db.transaction(() => {
    db.exec(SCHEMA);
    projection.init(db);
    db.prepare('INSERT INTO projection_checkpoints (name, version, position, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT (name) DO NOTHING').run(
      projection.name,
      projection.version,
      now.toISOString(),
    );
  })();
}

/** Returns a writer for the checkpoint row, to be called inside the batch's transaction. */
export function checkpointWriter(db: ReadModelDb, name: string): (position: bigint, now: Date) => void {
  const statement = db.prepare('UPDATE projection_checkpoints SET position = ?, updated_at = ? WHERE name = ?');
  return (position, now) => {
    const changed = statement.run(position.toString(), now.toISOString(), name).changes;
    // The row is made by prepareReadModel; its absence means the file was swapped or tampered with.
    if (changed !== 1) throw new Error(`checkpoint row of "${name}" is missing`);
  };
}
