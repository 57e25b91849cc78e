import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidPosition, SqliteEventStore } from '../src/index.js';
import { collect, event, sqliteTamper, streamName } from './contract/harness.js';
import { eventStoreContract, opaquePositions } from './contract/index.js';

const path = join(mkdtempSync(join(tmpdir(), 'hub-opaque-')), 'contract.db');
const open = async (options = {}) => opaquePositions(new SqliteEventStore({ path, ...options }));

// The whole contract on positions that are not consecutive integers: the suite itself must not
// do arithmetic on a position, or it would fail here as it would on EventStoreDB.
eventStoreContract({
  engine: 'sqlite with opaque positions',
  open,
  tamper: sqliteTamper(path),
});

describe('opaque positions', () => {
  it('refuses a position one past a real one, as EventStoreDB refuses a byte offset inside a record', async () => {
    const store = await open();
    try {
      const stream = streamName('arith');
      const { position } = await store.append(stream, [event('A'), event('B')]);
      await expect(collect(store.readAll({ fromPosition: position + 1n }))).rejects.toBeInstanceOf(InvalidPosition);
      await expect(collect(store.readAll({ after: position - 1n }))).rejects.toBeInstanceOf(InvalidPosition);
      await expect(
        store
          .subscribeToAll({ fromPosition: position + 1n })
          [Symbol.asyncIterator]()
          .next(),
      ).rejects.toBeInstanceOf(InvalidPosition);
      expect(await collect(store.readAll({ after: position }))).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
