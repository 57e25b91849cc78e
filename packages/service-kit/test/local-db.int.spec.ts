import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { localDbPath, migrate, MigrationError, openLocalDb } from '../src/index.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('openLocalDb', () => {
  it('opens an owner-only WAL file with synchronous=FULL, creating its directory', () => {
    const path = localDbPath(`${tmp.dir}/nested`, 'union');
    expect(path).toBe(`${tmp.dir}/nested/union.local.db`);
    const db = openLocalDb(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    db.close();
  });
});

describe('migrate', () => {
  it('runs each numbered migration once, per component', () => {
    const path = `${tmp.dir}/m1.db`;
    let db = openLocalDb(path);
    expect(migrate(db, 'notes', ['CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)'])).toBe(1);
    expect(migrate(db, 'tags', ['CREATE TABLE tags (name TEXT)'])).toBe(1);
    db.prepare('INSERT INTO notes (body) VALUES (?)').run('kept');
    db.close();

    db = openLocalDb(path);
    const steps = ['CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)', 'ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0'];
    expect(migrate(db, 'notes', steps)).toBe(1);
    expect(migrate(db, 'notes', steps)).toBe(0);
    expect(db.prepare('SELECT body, pinned FROM notes').get()).toEqual({ body: 'kept', pinned: 0 });
    db.close();
  });

  it('rolls a failing migration back entirely and does not record it', () => {
    const db = openLocalDb(`${tmp.dir}/m2.db`);
    const steps = [
      'CREATE TABLE a (x INTEGER)',
      (d: typeof db) => {
        d.exec('CREATE TABLE b (y INTEGER)');
        throw new Error('half done');
      },
    ];
    expect(() => migrate(db, 'c', steps)).toThrow('half done');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('a', 'b')").pluck().all();
    expect(tables).toEqual(['a']);
    expect(db.prepare("SELECT max(version) FROM schema_migrations WHERE component = 'c'").pluck().get()).toBe(1);
    db.close();
  });

  it('refuses a database newer than the code', () => {
    const db = openLocalDb(':memory:');
    migrate(db, 'x', ['SELECT 1', 'SELECT 2']);
    expect(() => migrate(db, 'x', ['SELECT 1'])).toThrow(MigrationError);
    db.close();
  });
});
