import { randomUUID } from 'node:crypto';
import { PostgresSqlDb, SqliteSqlDb, type SqlDb } from '../src/index.js';
import { tempDir } from './helpers.js';

/**
 * One scratch agency database: `db`, and `replica()` opening the same data again as a second
 * replica of the service would (another connection to the same SQLite file, another pool on the
 * same PostgreSQL schema). `done` closes them all and removes the data.
 */
export interface ScratchDb {
  db: SqlDb;
  replica: () => SqlDb;
  done: () => Promise<void>;
}

export interface Engine {
  name: 'SQLite' | 'PostgreSQL';
  /**
   * Whether two replicas' transactions may overlap in one test process. Not on SQLite: its file
   * belongs to one process, and a second connection's write would wait, blocking, for the first.
   */
  concurrentReplicas: boolean;
  open: () => Promise<ScratchDb>;
}

const sqlite: Engine = {
  name: 'SQLite',
  concurrentReplicas: false,
  open: async () => {
    const tmp = tempDir();
    const path = `${tmp.dir}/union.local.db`;
    const opened: SqlDb[] = [];
    const open = () => {
      const db = SqliteSqlDb.open(path);
      opened.push(db);
      return db;
    };
    return {
      db: open(),
      replica: open,
      done: async () => {
        for (const db of opened) await db.close();
        tmp.cleanup();
      },
    };
  },
};

/** A fresh schema per database on DATABASE_URL, dropped afterwards. */
const postgres = (url: string): Engine => ({
  name: 'PostgreSQL',
  concurrentReplicas: true,
  open: async () => {
    const schema = `auth_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    const opened: PostgresSqlDb[] = [];
    const open = () => {
      const db = new PostgresSqlDb({ url, schema, max: 4 });
      opened.push(db);
      return db;
    };
    return {
      db: open(),
      replica: open,
      done: async () => {
        const first = opened[0]!;
        await first.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        for (const db of opened) await db.close();
      },
    };
  },
});

/** SQLite always; PostgreSQL too when DATABASE_URL is set. */
export const ENGINES: readonly Engine[] = [sqlite, ...(process.env['DATABASE_URL'] ? [postgres(process.env['DATABASE_URL'])] : [])];
