import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresSqlDb, SqliteSqlDb, type SqlDb } from '../src/index.js';

/**
 * Where a storage spec of the agency's own data runs: SQLite always, and PostgreSQL when
 * DATABASE_URL names a server (a scratch database of the spec's own, made on first use and
 * dropped by `cleanup`). `open(name)` gives a database by name: the same name opens the same
 * data again, as a restarted service or a second replica would (SQLite: the same file;
 * PostgreSQL: the same schema, through a pool of its own).
 */
export interface AgencyDbEngine {
  readonly name: 'SQLite' | 'PostgreSQL';
  open(name: string): SqlDb;
  /** PostgreSQL: the scratch database's URL and the schema `open(name)` uses (what AGENCY_DB_URL and AGENCY_DB_SCHEMA would say). */
  readonly server?: (name: string) => { url: string; schema: string };
  /** Closes every database opened and removes what was made. */
  cleanup(): Promise<void>;
}

export function agencyDbEngines(): AgencyDbEngine[] {
  const engines = [sqliteEngine()];
  const admin = process.env['DATABASE_URL'];
  if (admin) engines.push(postgresEngine(admin));
  return engines;
}

function sqliteEngine(): AgencyDbEngine {
  let dir: string | null = null;
  const opened: SqlDb[] = [];
  return {
    name: 'SQLite',
    open(name) {
      dir ??= mkdtempSync(join(tmpdir(), 'agency-db-'));
      const db = SqliteSqlDb.open(join(dir, `${name}.db`));
      opened.push(db);
      return db;
    },
    async cleanup() {
      // A spec may have closed some itself (closing again is harmless on SQLite).
      for (const db of opened.splice(0)) await db.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
      dir = null;
    },
  };
}

function postgresEngine(admin: string): AgencyDbEngine {
  let url: string | null = null;
  let database: string | null = null;
  const opened: SqlDb[] = [];
  const server = (name: string) => {
    if (!url) {
      database = `agency_db_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
      execFileSync('createdb', ['--maintenance-db', admin, database]);
      const at = new URL(admin);
      at.pathname = `/${database}`;
      url = at.toString();
    }
    return { url, schema: `a_${name.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63) };
  };
  return {
    name: 'PostgreSQL',
    server,
    open(name) {
      const db = new PostgresSqlDb({ ...server(name), max: 4 });
      opened.push(db);
      return db;
    },
    async cleanup() {
      // A spec may have closed some itself: a pool ended twice refuses, which is nothing to report here.
      for (const db of opened.splice(0)) await db.close().catch(() => {});
      if (database) execFileSync('dropdb', ['--maintenance-db', admin, '--force', '--if-exists', database]);
      database = null;
      url = null;
    },
  };
}
