import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { appendLockKey, statements } from '../src/engines/postgres/sql.js';
import { seal } from '../src/hash-chain.js';
import {
  DEFAULT_MAX_EVENT_BYTES, DuplicateEventId, StoreClosed, type RecordedEvent, type Subscription, type SubscriptionMessage,
} from '../src/index.js';
import { PostgresEventStore } from '../src/engines/postgres.js';
import { prepareEvents } from '../src/validate.js';
import { eventStoreContract } from './contract/index.js';
import { collect, event, streamName, take } from './contract/harness.js';

const url = process.env['DATABASE_URL'];

/** Runs `work` on a plain connection of its own, as an operator or another program would. */
async function withClient<T>(connectionString: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Consumes a subscription in the background, so a test can look at what arrived so far. */
function follow(subscription: Subscription) {
  const events: RecordedEvent[] = [];
  const messages: SubscriptionMessage[] = [];
  const done = (async () => {
    for await (const message of subscription) {
      messages.push(message);
      if (message.kind === 'event') events.push(message.event);
    }
  })();
  const until = async (goal: () => boolean, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!goal()) {
      if (Date.now() > deadline) throw new Error(`gave up waiting; ${events.length} events seen`);
      await sleep(10);
    }
  };
  const close = async () => {
    await subscription.close();
    await done;
  };
  return { events, messages, until, close, caughtUp: () => messages.some((m) => m.kind === 'caught-up') };
}

if (!url) {
  it.skip('postgres engine: skipped, no DATABASE_URL', () => {});
} else {
  const schema = `hub_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const open = () => PostgresEventStore.connect({ connectionString: url, schema });

  afterAll(async () => {
    await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  eventStoreContract({
    engine: 'postgres',
    open,
    tamper: async (stream, revision, newDataJson) => {
      const { rowCount } = await withClient(url, (c) =>
        c.query(`UPDATE "${schema}".events SET data = $1 WHERE stream = $2 AND revision = $3`, [newDataJson, stream, revision.toString()]));
      if (rowCount !== 1) throw new Error(`tamper touched ${rowCount} rows`);
    },
  });

  describe('postgres engine', () => {
    it('never lets a reader pass a position whose writer has not committed yet', async () => {
      const store = await open();
      const prefix = streamName('gap');
      const live = follow(store.subscribeToAll({ fromPosition: 'end', filter: { streamPrefix: prefix } }));
      await live.until(live.caughtUp);
      // A slow writer in another process: it holds the append lock and has drawn its position, but not committed.
      const slow = new pg.Client({ connectionString: url });
      await slow.connect();
      try {
        await slow.query('BEGIN');
        await slow.query('SELECT pg_advisory_xact_lock($1)', [appendLockKey(schema)]);
        const earlyStream = `${prefix}-early`;
        const [early] = prepareEvents([event('Early', { n: 1 })], DEFAULT_MAX_EVENT_BYTES);
        const sealed = seal(early!, earlyStream, 0n, null, new Date().toISOString());
        const inserted = await slow.query<{ position: string }>(statements(schema).insert, [
          earlyStream, [0n], [early!.id], [early!.type], [early!.dataJson], [sealed.metadataJson], 0n, sealed.hash,
        ]);
        const earlyPosition = BigInt(inserted.rows[0]!.position);

        let laterDone = false;
        const later = store.append(`${prefix}-later`, [event('Later')]).finally(() => (laterDone = true));
        await sleep(300);
        expect(laterDone).toBe(false);
        expect(live.events).toEqual([]);
        expect(await collect(store.readAll({ filter: { streamPrefix: prefix } }))).toEqual([]);

        await slow.query('COMMIT');
        const { position: laterPosition } = await later;
        await live.until(() => live.events.length >= 2);
        expect(live.events.map((e) => [e.type, e.position])).toEqual([['Early', earlyPosition], ['Later', laterPosition]]);
        expect(laterPosition).toBe(earlyPosition + 1n); // drawn after the earlier writer committed: no gap
        expect(await store.verifyStream(earlyStream)).toMatchObject({ ok: true, events: 1 });
      } finally {
        await slow.end();
        await live.close();
        await store.close();
      }
    });

    it('delivers every event exactly once, in order, across instances (two writing processes, one reading)', async () => {
      const [a, b, reader] = await Promise.all([open(), open(), open()]);
      try {
        const prefix = streamName('multi');
        const PER_WRITER = 300;
        const writers = [a, b].flatMap((store, s) => Array.from({ length: 4 }, (_, w) => ({ store, stream: `${prefix}-s${s}w${w}` })));
        const written = new Map<string, string[]>(writers.map((w) => [w.stream, []]));
        let count = 0;
        const run = writers.map(async ({ store, stream }, w) => {
          for (let n = 0; n < PER_WRITER;) {
            const batch = Array.from({ length: Math.min(1 + ((n + w) % 4), PER_WRITER - n) }, (_, i) => event('Tick', { n: n + i }));
            await store.append(stream, batch);
            written.get(stream)!.push(...batch.map((e) => e.id!));
            n += batch.length;
            count += batch.length;
          }
        });
        const total = writers.length * PER_WRITER;
        while (count < total / 4) await sleep(5);
        // The reader never appends: only NOTIFY from the other instances can wake it.
        const seen = take(reader.subscribeToAll({ filter: { streamPrefix: prefix } }), (events) => events.length >= total, 60_000);
        await Promise.all(run);
        const { events } = await seen;
        expect(events).toHaveLength(total);
        expect(new Set(events.map((e) => e.id)).size).toBe(total);
        for (let i = 1; i < events.length; i++) expect(events[i]!.position > events[i - 1]!.position).toBe(true);
        for (const [stream, ids] of written) expect(events.filter((e) => e.stream === stream).map((e) => e.id)).toEqual(ids);
      } finally {
        await Promise.all([a.close(), b.close(), reader.close()]);
      }
    }, 90_000);

    it('keeps delivering after its LISTEN connection is lost, including what was committed meanwhile', async () => {
      const [writer, reader] = await Promise.all([open(), open()]);
      const stream = streamName('relisten');
      const live = follow(reader.subscribeToStream(stream));
      try {
        await live.until(live.caughtUp);
        const listeners = async () => (await withClient(url, (c) => c.query<{ pid: number }>(
          'SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`hub-event-store-listen:${schema}`]))).rows.map((r) => r.pid);
        const before = await listeners();
        expect(before).toHaveLength(2);
        await withClient(url, (c) => c.query('SELECT pg_terminate_backend(pid) FROM unnest($1::int[]) AS pid', [before]));
        await writer.append(stream, [event('WhileAway')]);
        await live.until(() => live.events.length >= 1);
        await writer.append(stream, [event('AfterReconnect')]);
        await live.until(() => live.events.length >= 2);
        expect(live.events.map((e) => e.type)).toEqual(['WhileAway', 'AfterReconnect']);
        const after = await listeners();
        expect(after).toHaveLength(2);
        expect(after.filter((pid) => before.includes(pid))).toEqual([]);
      } finally {
        await live.close();
        await Promise.all([writer.close(), reader.close()]);
      }
    });

    it('when a statement fails, only its own append fails; the others of the transaction are written', async () => {
      const store = await open();
      const stream = streamName('bypass');
      // A writer that bypasses the append lock holds this id in the stream, uncommitted, so the store cannot see it coming.
      const intruder = new pg.Client({ connectionString: url });
      await intruder.connect();
      try {
        await intruder.query('BEGIN');
        const [taken] = prepareEvents([event('Intruder')], DEFAULT_MAX_EVENT_BYTES);
        const sealed = seal(taken!, stream, 5n, null, new Date().toISOString());
        await intruder.query(statements(schema).insert, [stream, [5n], [taken!.id], [taken!.type], [taken!.dataJson], [sealed.metadataJson], 5n, sealed.hash]);
        const outcomes = Promise.allSettled([
          store.append(`${stream}-before`, [event('Before')]),
          store.append(stream, [{ id: taken!.id, type: 'Mine', data: {} }]),
          store.append(`${stream}-after`, [event('After')]),
        ]);
        await sleep(200); // the store's insert now waits on the intruder's unique key
        await intruder.query('COMMIT');
        const [before, mine, after] = await outcomes;
        expect(mine).toMatchObject({ status: 'rejected', reason: expect.any(DuplicateEventId) });
        expect([before.status, after.status]).toEqual(['fulfilled', 'fulfilled']);
        expect((await collect(store.readStream(`${stream}-before`))).map((e) => e.type)).toEqual(['Before']);
        expect((await collect(store.readStream(`${stream}-after`))).map((e) => e.type)).toEqual(['After']);
      } finally {
        await intruder.end();
        await store.close();
      }
    });

    it('on close, writes the appends it had accepted and refuses what comes after', async () => {
      const store = await open();
      const stream = streamName('closing');
      const accepted = store.append(stream, [event('Accepted')]);
      const closed = store.close();
      await expect(store.append(stream, [event('Late')])).rejects.toBeInstanceOf(StoreClosed);
      await closed;
      expect((await accepted).nextExpectedRevision).toBe(0n);
      await expect(collect(store.readStream(stream))).rejects.toBeInstanceOf(StoreClosed);
      const reopened = await open();
      expect((await collect(reopened.readStream(stream))).map((e) => e.type)).toEqual(['Accepted']);
      await reopened.close();
    });

    it('lets several processes create the same fresh schema at once', async () => {
      const fresh = `${schema}_fresh`;
      try {
        const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresEventStore.connect({ connectionString: url, schema: fresh })));
        await stores[0]!.append(streamName(), [event('A')]);
        expect(await stores[3]!.headPosition()).toBe(1n);
        await Promise.all(stores.map((s) => s.close()));
      } finally {
        await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`));
      }
    });
  });
}
