import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { PostgresSqlDb, SqliteSqlDb, type SqlDb, type SqlValue } from '../src/index.js';
import { tempDir } from './helpers.js';

/** A fresh, empty agency database for one test, removed when the test ends. */
export interface ScratchDb {
  db: SqlDb;
  /**
   * The same database through a connection of its own: on PostgreSQL another pool, as a second
   * replica of the service has; on SQLite (one process per file) the same handle.
   */
  replica(): SqlDb;
  /** Plain SQL from outside the component, on its own connection: what someone with the database could do. */
  tamper(sql: string, ...params: SqlValue[]): Promise<void>;
}

export interface EngineUnderTest {
  name: 'SQLite' | 'PostgreSQL';
  open(): Promise<ScratchDb>;
}

const sqlite: EngineUnderTest = {
  name: 'SQLite',
  async open() {
    const { dir, cleanup } = tempDir();
    const path = join(dir, 'union.local.db');
    const db = SqliteSqlDb.open(path);
    onTestFinished(async () => {
      await db.close();
      cleanup();
    });
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
    };
  },
};

/** A schema of its own per test in DATABASE_URL's database, dropped afterwards. */
const postgres = (url: string): EngineUnderTest => ({
  name: 'PostgreSQL',
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
    onTestFinished(async () => {
      await outside.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      for (const each of open) await each.close();
    });
    return {
      db,
      replica: connect,
      async tamper(sql, ...params) {
        await outside.run(sql, params);
      },
    };
  },
});

const url = process.env['DATABASE_URL'];

/** SQLite always; PostgreSQL too when DATABASE_URL names a server (each test in a schema of its own). */
export const ENGINES: readonly EngineUnderTest[] = url ? [sqlite, postgres(url)] : [sqlite];
