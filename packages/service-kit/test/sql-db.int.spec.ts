import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresSqlDb, SqliteSqlDb, toPostgresPlaceholders, type EngineMigrations, type SqlDb } from '../src/index.js';

/** The agency database's contract, on both engines: what every component of the agency relies on. */
const MIGRATIONS: EngineMigrations = {
  sqlite: [
    `CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, at INTEGER NOT NULL, blob BLOB);
     CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  ],
  postgres: [
    `CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL, at BIGINT NOT NULL, blob BYTEA);
     CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL)`,
  ],
};

function contract(name: string, open: () => Promise<{ db: SqlDb; second?: () => SqlDb; done: () => Promise<void> }>) {
  describe(`agency database: ${name}`, () => {
    let db: SqlDb;
    let second: (() => SqlDb) | undefined;
    let done: () => Promise<void>;
    beforeAll(async () => {
      ({ db, second, done } = await open());
      expect(await db.migrate('contract', MIGRATIONS)).toBe(1);
    });
    afterAll(async () => {
      await db.close();
      await done();
    });

    it('migrations run once: opening again runs none', async () => {
      expect(await db.migrate('contract', MIGRATIONS)).toBe(0);
    });

    it('a migration list shorter than the database is refused', async () => {
      await expect(db.migrate('contract', { sqlite: [], postgres: [] })).rejects.toThrow(/newer than this code knows/);
      const step = 'CREATE TABLE other_notes (id TEXT PRIMARY KEY)';
      expect(await db.migrate('contract2', { sqlite: [step, 'SELECT 1'], postgres: [step, 'SELECT 1'] })).toBe(2);
      await expect(db.migrate('contract2', { sqlite: [step], postgres: [step] })).rejects.toThrow(/newer than this code knows/);
    });

    it('writes and reads rows with ? placeholders: text, epoch-ms numbers, bytes, null', async () => {
      const at = Date.UTC(2026, 11, 7, 12, 0, 0, 123);
      expect(await db.run('INSERT INTO notes (id, body, at, blob) VALUES (?, ?, ?, ?)', ['a', '甲?乙', at, Buffer.from([1, 2, 3])])).toBe(1);
      expect(await db.run('INSERT INTO notes (id, body, at, blob) VALUES (?, ?, ?, ?)', ['b', "it's", at + 1, null])).toBe(1);
      const row = await db.get<{ id: string; body: string; at: number; blob: Buffer }>('SELECT * FROM notes WHERE id = ?', ['a']);
      expect(row?.body).toBe('甲?乙');
      expect(row?.at).toBe(at);
      expect(typeof row?.at).toBe('number');
      expect(Buffer.from(row!.blob)).toEqual(Buffer.from([1, 2, 3]));
      expect(await db.get('SELECT * FROM notes WHERE id = ?', ['missing'])).toBeUndefined();
      const count = await db.get<{ n: number }>("SELECT count(*) AS n FROM notes WHERE body <> '?'");
      expect(count?.n).toBe(2);
      expect((await db.all<{ id: string }>('SELECT id FROM notes ORDER BY at DESC')).map((r) => r.id)).toEqual(['b', 'a']);
    });

    it('INSERT … ON CONFLICT DO NOTHING and RETURNING work the same on both', async () => {
      expect(await db.run('INSERT INTO notes (id, body, at) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING', ['a', 'again', 1])).toBe(0);
      const up = await db.all<{ value: number }>(
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value',
        ['n'],
      );
      expect(up).toEqual([{ value: 1 }]);
      const again = await db.get<{ value: number }>(
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT (name) DO UPDATE SET value = counters.value + 1 RETURNING value',
        ['n'],
      );
      expect(again?.value).toBe(2);
    });

    it('a transaction that throws leaves nothing; one that returns keeps everything', async () => {
      await expect(
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO notes (id, body, at) VALUES (?, ?, ?)', ['t1', 'x', 1]);
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await db.get('SELECT id FROM notes WHERE id = ?', ['t1'])).toBeUndefined();
      const result = await db.transaction(async (tx) => {
        await tx.run('INSERT INTO notes (id, body, at) VALUES (?, ?, ?)', ['t2', 'x', 1]);
        return (await tx.get<{ id: string }>('SELECT id FROM notes WHERE id = ?', ['t2']))?.id;
      });
      expect(result).toBe('t2');
    });

    it('calls made while a transaction is open do not land inside it', async () => {
      let outside: Promise<number> | undefined;
      await expect(
        db.transaction(async (tx) => {
          await tx.run('INSERT INTO notes (id, body, at) VALUES (?, ?, ?)', ['in', 'x', 1]);
          outside = db.run('INSERT INTO notes (id, body, at) VALUES (?, ?, ?)', ['out', 'x', 1]);
          await new Promise((resolve) => setTimeout(resolve, 20));
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await outside).toBe(1);
      expect(await db.get('SELECT id FROM notes WHERE id = ?', ['in'])).toBeUndefined();
      expect(await db.get('SELECT id FROM notes WHERE id = ?', ['out'])).toBeDefined();
    });

    it('transactions under one lock name never interleave: a read-then-write counter loses no increment', async () => {
      await db.run('INSERT INTO counters (name, value) VALUES (?, 0)', ['locked']);
      // On PostgreSQL, two pools stand for two replicas of the service.
      const other = second?.() ?? db;
      const bump = (on: SqlDb) =>
        on.transaction(async (tx) => {
          await tx.lock('counter');
          const row = await tx.get<{ value: number }>('SELECT value FROM counters WHERE name = ?', ['locked']);
          await new Promise((resolve) => setTimeout(resolve, 1));
          await tx.run('UPDATE counters SET value = ? WHERE name = ?', [row!.value + 1, 'locked']);
        });
      await Promise.all(Array.from({ length: 40 }, (_, i) => bump(i % 2 === 0 ? db : other)));
      expect((await db.get<{ value: number }>('SELECT value FROM counters WHERE name = ?', ['locked']))?.value).toBe(40);
      if (other !== db) await other.close();
    });
  });
}

describe('placeholders', () => {
  it('turns ? into $n outside quotes only', () => {
    expect(toPostgresPlaceholders('SELECT ? , \'?\', "a?" , ?')).toBe('SELECT $1 , \'?\', "a?" , $2');
  });
});

contract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sql-db-'));
  return { db: SqliteSqlDb.open(join(dir, 'agency.db')), done: async () => rmSync(dir, { recursive: true, force: true }) };
});

const admin = process.env['DATABASE_URL'];
if (admin) {
  contract('PostgreSQL', async () => {
    const name = `sql_db_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
    execFileSync('createdb', ['--maintenance-db', admin, name]);
    const url = new URL(admin);
    url.pathname = `/${name}`;
    const open = () => new PostgresSqlDb({ url: url.toString(), schema: 'agency_union' });
    return {
      db: open(),
      second: open,
      done: async () => {
        execFileSync('dropdb', ['--maintenance-db', admin, '--force', '--if-exists', name]);
      },
    };
  });
} else {
  it.skip('agency database on PostgreSQL: skipped, DATABASE_URL is not set', () => {});
}
