import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '../src/index.js';
import { eventStoreContract } from './contract/index.js';

const path = join(mkdtempSync(join(tmpdir(), 'hub-sqlite-')), 'contract.db');

eventStoreContract({
  engine: 'sqlite',
  open: async () => new SqliteEventStore({ path }),
  tamper: async (stream, revision, newDataJson) => {
    // A second connection, as an operator with the file would have.
    const db = new Database(path);
    try {
      const changed = db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = ?').run(newDataJson, stream, revision).changes;
      if (changed !== 1) throw new Error(`tamper touched ${changed} rows`);
    } finally {
      db.close();
    }
  },
});
