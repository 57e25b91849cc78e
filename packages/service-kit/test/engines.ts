import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { PostgresSqlDb, SqliteSqlDb, type SqlDb, type SqlValue } from '../src/index.js';
import { tempDir } from './helpers.js';

/** A fresh, empty agency database for a spec of the agency's own data (docs/agency-database.md). */
export interface ScratchDb {
  db: SqlDb;
  /**
   * The same data through a connection of its own: on PostgreSQL another pool, as a second
   * replica of the service has; on SQLite (one process per file) the same handle.
   */
  replica(): SqlDb;
  /** Plain SQL from outside the component, on its own connection: what someone with the database could do. */
  tamper(sql: string, ...params: SqlValue[]): Promise<void>;
  /** Closes every connection and removes the data. */
  done(): Promise<void>;
}

export interface EngineUnderTest {
  name: 'SQLite' | 'PostgreSQL';
  /**
   * Whether two replicas' transactions may overlap in one test process. Not on SQLite: its file
   * belongs to one process, and a second connection's write would wait, blocking, for the first.
   */
  concurrentReplicas: boolean;
  open(): Promise<ScratchDb>;
}

const sqlite: EngineUnderTest = {
  name: 'SQLite',
  concurrentReplicas: false,
  async open() {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'union.local.db');
    const db = SqliteSqlDb.open(path);
    return {
      db,
      replica: () => db,
      async tamper(sql, ...params) {
        const raw = new Database(path);
        try {
          raw.prepare(sql).run(...params);
        } finally {
          raw.close();
        }
      },
      async done() {
        await db.close();
        cleanup();
      },
    };
  },
};

/** A schema of its own per database in DATABASE_URL's database, dropped afterwards. */
const postgres = (url: string): EngineUnderTest => ({
  name: 'PostgreSQL',
  concurrentReplicas: true,
  async open() {
    const schema = `t_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const open: SqlDb[] = [];
    const connect = () => {
      const db = new PostgresSqlDb({ url, schema, max: 4 });
      open.push(db);
      return db;
    };
    const db = connect();
    const outside = connect();
    return {
      db,
      replica: connect,
      async tamper(sql, ...params) {
        await outside.run(sql, params);
      },
      async done() {
        await outside.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        for (const each of open.splice(0)) await each.close();
      },
    };
  },
});

const url = process.env['DATABASE_URL'];

/** SQLite always; PostgreSQL too when DATABASE_URL names a server (each database in a schema of its own). */
export const ENGINES: readonly EngineUnderTest[] = url ? [sqlite, postgres(url)] : [sqlite];

/** A scratch database for the running test, removed when it ends. */
export async function openForTest(engine: EngineUnderTest): Promise<ScratchDb> {
  const scratch = await engine.open();
  onTestFinished(() => scratch.done());
  return scratch;
}
