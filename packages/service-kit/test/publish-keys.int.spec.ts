import { randomUUID } from 'node:crypto';
import { SqliteEventStore, type EventStore } from '@hub/event-store';
import { afterAll, describe, expect, it } from 'vitest';
import { agencyStream, KeyRing, publishKeyRing, readPublishedKeys, SqliteSqlDb } from '../src/index.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

describe('publishing the key ring at every start', () => {
  it('given the ring published and 40 sign-outs since, when the service starts again, then nothing is appended (the store is not asked to recognise a retry)', async () => {
    const store = new SqliteEventStore({ path: `${tmp.dir}/publish-${randomUUID()}.db` });
    let appends = 0;
    const counting: EventStore = Object.create(store);
    counting.append = (stream, events, options) => {
      appends++;
      return store.append(stream, events, options);
    };
    const ring = await KeyRing.open(SqliteSqlDb.open(':memory:'));
    await ring.current('events');
    await ring.rotate('events');
    await ring.current('sessions');
    await publishKeyRing(counting, 'union', ring);
    expect(appends).toBe(3);
    // What a busy agency stream holds between two starts: a SessionRevoked per sign-out.
    for (let i = 0; i < 40; i++)
      await store.append(agencyStream('union'), [{ type: 'SessionRevoked', data: { sessionId: randomUUID() }, metadata: { agency: 'union' } }]);
    appends = 0;
    await publishKeyRing(counting, 'union', ring);
    expect(appends).toBe(0);
    expect((await readPublishedKeys(store)).filter((k) => k.agency === 'union')).toHaveLength(3);
    // A key made since is still published.
    await ring.rotate('sessions');
    await publishKeyRing(counting, 'union', ring);
    expect(appends).toBe(1);
    await store.close();
  });
});
