import { closeSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export type LocalDb = Database.Database;

/** One component's schema changes, in order: migration n is `migrations[n - 1]`. Never edit or reorder one that shipped. */
export type Migrations = readonly (string | ((db: LocalDb) => void))[];

/** Where a service keeps its own data under DATA_DIR (users, keys, vault): shared by the service and its CLI. */
export function localDbPath(dataDir: string, service: string): string {
  return join(dataDir, `${service}.local.db`);
}

/**
 * Opens (creating when absent) the service's own SQLite file for data that must never reach the
 * shared store: users, API keys, private keys, the personal-data vault. WAL with synchronous=FULL,
 * so what was acknowledged survives power loss. The file is created owner-only (0600): it holds
 * private keys and password hashes; SQLite gives its -wal and -shm files the same mode.
 */
export function openLocalDb(path: string): LocalDb {
  if (path !== ':memory:' && path !== '') {
    mkdirSync(dirname(path), { recursive: true });
    closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Erased rows (a vault key, a revoked API key) are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    component  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    applied_at TEXT NOT NULL,
    PRIMARY KEY (component, version)
  )`);
  return db;
}

export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/**
 * Runs the component's migrations not yet applied, each in its own transaction together with
 * its record, so a failing one leaves the database as it was before it. Each module (auth, keys,
 * vault) names its own component, so they evolve independently in one file.
 */
export function migrate(db: LocalDb, component: string, migrations: Migrations): number {
  const currentVersion = db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations WHERE component = ?').pluck();
  const record = db.prepare('INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)');
  let ran = 0;
  // IMMEDIATE takes the write lock before reading the version, so a service and its CLI starting
  // together never both run the same step.
  const step = db.transaction((version: number) => {
    const current = currentVersion.get(component) as number;
    if (current >= version) return;
    const migration = migrations[version - 1]!;
    if (typeof migration === 'string') db.exec(migration);
    else migration(db);
    record.run(component, version, new Date().toISOString());
    ran++;
  });
  const start = currentVersion.get(component) as number;
  if (start > migrations.length) {
    throw new MigrationError(`${component}: the database is at migration ${start}, newer than this code knows (${migrations.length})`);
  }
  for (let version = start + 1; version <= migrations.length; version++) step.immediate(version);
  return ran;
}
