import { createServer } from 'node:net';
import { BACKWARDS, END, EventStoreDBClient } from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toClientConnectionString } from '../src/engines/esdb/mapping.js';
import { EsdbEventStore, type EsdbClient } from '../src/engines/esdb.js';
import type { EventStore } from '../src/index.js';
import { collect, streamName } from './contract/harness.js';
import { offlineContract } from './contract/offline.js';

/** A port on 127.0.0.1 that nothing listens on: taken from the OS, then let go. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * The real @eventstore/db-client, with no server behind it. Every case here is one the engine must
 * decide before it sends anything, or one where what it sends is the point: a client upgrade that
 * changes the answer shows in the normal test run, where no EventStoreDB can run.
 */
describe('esdb engine with the real client and no server', () => {
  let url: string;
  beforeAll(async () => {
    url = `esdb://127.0.0.1:${await closedPort()}?tls=false`;
  });
  const open = async () => EsdbEventStore.connect({ connectionString: url });

  describe('offline contract', () => {
    let store: EventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });
    offlineContract({ engine: 'esdb (real client, closed port)', open }, () => store);
  });

  describe('what reaches the client', () => {
    /** The real client, with each read's options written down before the call goes out. */
    function recording(): { client: EsdbClient; calls: Array<{ op: string; options: Record<string, unknown> }>; dispose: () => Promise<void> } {
      const real = EventStoreDBClient.connectionString(toClientConnectionString(url));
      const calls: Array<{ op: string; options: Record<string, unknown> }> = [];
      const client: EsdbClient = {
        appendToStream: real.appendToStream.bind(real),
        subscribeToAll: real.subscribeToAll.bind(real),
        subscribeToStream: real.subscribeToStream.bind(real),
        getStreamMetadata: real.getStreamMetadata.bind(real),
        dispose: real.dispose.bind(real),
        readAll: ((options: Record<string, unknown>) => {
          calls.push({ op: 'readAll', options });
          return real.readAll(options as never);
        }) as EsdbClient['readAll'],
        readStream: ((stream: string, options: Record<string, unknown>) => {
          calls.push({ op: 'readStream', options });
          return real.readStream(stream, options as never);
        }) as EsdbClient['readStream'],
      };
      return { client, calls, dispose: () => real.dispose() };
    }

    it('sends a backwards read from 2^64 and beyond as a read from the end, never as position 0', async () => {
      const { client, calls, dispose } = recording();
      const store = new EsdbEventStore(client);
      try {
        for (const from of [2n ** 64n, 2n ** 70n]) {
          // No server: the read fails on the connection, after the options were handed over.
          await collect(store.readAll({ fromPosition: from, direction: 'backwards', maxCount: 1 })).catch(() => undefined);
          await collect(store.readAll({ after: from, direction: 'backwards', maxCount: 1 })).catch(() => undefined);
        }
        expect(calls.length).toBeGreaterThanOrEqual(4);
        for (const call of calls) {
          expect(call.options['fromPosition']).toBe(END);
          expect(call.options['direction']).toBe(BACKWARDS);
        }
      } finally {
        await store.close();
        await dispose();
      }
    });

    it('sends a backwards stream read from 2^64 as a read from the end, where the client would refuse the number', async () => {
      const { client, calls, dispose } = recording();
      const store = new EsdbEventStore(client);
      try {
        const error = await collect(store.readStream(streamName('huge'), { fromRevision: 2n ** 64n, direction: 'backwards' })).then(
          () => null,
          (e: unknown) => e,
        );
        // The failure is the missing server, not the client refusing the revision.
        expect((error as Error | null)?.constructor.name).not.toBe('InvalidArgumentError');
        expect(calls.map((c) => c.options['fromRevision'])).toEqual([END]);
      } finally {
        await store.close();
        await dispose();
      }
    });

    it('the client itself refuses a revision of 2^64, which is why the engine never sends one', async () => {
      const real = EventStoreDBClient.connectionString(toClientConnectionString(url));
      try {
        // It throws at the call, not through the iterator.
        let error: unknown = null;
        try {
          await collect(real.readStream(streamName('raw'), { fromRevision: 2n ** 64n }));
        } catch (e) {
          error = e;
        }
        expect((error as Error).constructor.name).toBe('InvalidArgumentError');
      } finally {
        await real.dispose();
      }
    });
  });
});
