import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendCall, metadataHalves, type Pending } from '../src/engines/postgres/append.js';
import { appendLockKey, statements } from '../src/engines/postgres/sql.js';
import { canonicalJson } from '../src/canonical.js';
import { seal } from '../src/hash-chain.js';
import {
  DEFAULT_MAX_EVENT_BYTES,
  DuplicateEventId,
  type ConnectOptions,
  StoreClosed,
  WrongExpectedRevision,
  type JsonValue,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
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

/** An append as the engine queues it, for calling the append function by hand. */
function pending(stream: string, events: Parameters<typeof prepareEvents>[0], expected: Pending['expected'] = 'any'): Pending {
  return { stream, events: prepareEvents(events, DEFAULT_MAX_EVENT_BYTES), expected, resolve: () => {}, reject: () => {} };
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

/** Data and metadata that exercise every escape and every side of "prevHash" in key order. */
const AWKWARD_DATA = {
  zh: '某危险品物流有限公司：女职工特殊保护，提示函',
  emoji: '🙂👩‍⚖️𝄞',
  nul: '\u0000',
  quotes: `"'\\ \\" \\\\ \\u0000`,
  controls: '\n\t\b\f\r\u001f\u007f\u2028\u2029',
  nested: { prevHash: null, '"prevHash":': '"prevHash":null' },
  numbers: [0, -1, 1e21, 1.5e-7, 123456789.125],
  empty: {},
  list: [],
  deep: [[{ '': '' }]],
};
const AWKWARD_METADATA: Array<Record<string, JsonValue>> = [
  {},
  { aaa: 1, zzz: 2 },
  { prev: 'a', prevHashX: 'b', prevHas: 'c', 'prevHash ': 'd', prevHasi: 'e', Z: true, 键: '值', '': 0, correlationId: 'c-1', causationId: 'c-0' },
  { ['__proto__']: 'own key', nested: { prevHash: '"x"', hash: 'not mine' }, text: ',"prevHash":null,' },
  { recordedAtX: null, hashX: [1, '二'], '🙂': '\u0000"\\' },
];

describe('postgres metadata halves', () => {
  it('cut the canonical metadata text exactly where the prevHash value goes', () => {
    const recordedAt = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)).toISOString();
    for (const metadata of AWKWARD_METADATA) {
      const [prepared] = prepareEvents([{ type: 'A', data: {}, metadata }], DEFAULT_MAX_EVENT_BYTES);
      const { lo, hi } = metadataHalves(prepared!.metadata, recordedAt);
      for (const prevHash of [null, 'ab'.repeat(32)]) {
        expect(`${lo}${JSON.stringify(prevHash)}${hi}}`).toBe(canonicalJson({ ...prepared!.metadata, recordedAt, prevHash }));
      }
    }
  });
});

if (!url) {
  it.skip('postgres engine: skipped, no DATABASE_URL', () => {});
} else {
  const schema = `hub_test_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const open = (options: ConnectOptions = {}) => PostgresEventStore.connect({ connectionString: url, schema, ...options });

  afterAll(async () => {
    await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  eventStoreContract({
    engine: 'postgres',
    open,
    tamper: async (stream, revision, newDataJson) => {
      const { rowCount } = await withClient(url, (c) =>
        c.query(`UPDATE "${schema}".events SET data = $1 WHERE stream = $2 AND revision = $3`, [newDataJson, stream, revision.toString()]),
      );
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
        const early = pending(earlyStream, [event('Early', { n: 1 })]);
        const inserted = await slow.query<{ r_outcome: string; r_position: string }>(appendCall(statements(schema), [early], new Date().toISOString()));
        expect(inserted.rows[0]!.r_outcome).toBe('ok');
        const earlyPosition = BigInt(inserted.rows[0]!.r_position);

        let laterDone = false;
        const later = store.append(`${prefix}-later`, [event('Later')]).finally(() => (laterDone = true));
        await sleep(300);
        expect(laterDone).toBe(false);
        expect(live.events).toEqual([]);
        expect(await collect(store.readAll({ filter: { streamPrefix: prefix } }))).toEqual([]);

        await slow.query('COMMIT');
        const { position: laterPosition } = await later;
        await live.until(() => live.events.length >= 2);
        expect(live.events.map((e) => [e.type, e.position])).toEqual([
          ['Early', earlyPosition],
          ['Later', laterPosition],
        ]);
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
          for (let n = 0; n < PER_WRITER; ) {
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
        const listeners = async () =>
          (
            await withClient(url, (c) =>
              c.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE application_name = $1', [`hub-event-store-listen:${schema}`]),
            )
          ).rows.map((r) => r.pid);
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
        await intruder.query(`INSERT INTO "${schema}".events (stream, revision, id, type, data, metadata) VALUES ($1, 5, $2, $3, $4, $5)`, [
          stream,
          taken!.id,
          taken!.type,
          taken!.dataJson,
          sealed.metadataJson,
        ]);
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

  describe('postgres append function (one call per group)', () => {
    let store: PostgresEventStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store?.close();
    });

    /** The stored rows, byte for byte, against what the JS sealing would have stored. */
    const expectStoredAsSealed = async (stream: string, appended: ReturnType<typeof prepareEvents>): Promise<void> => {
      const { rows } = await withClient(url, (c) =>
        c.query<{ revision: string; id: string; data: string; metadata: string }>(
          `SELECT revision, id, data, metadata FROM "${schema}".events WHERE stream = $1 ORDER BY revision`,
          [stream],
        ),
      );
      expect(rows.map((r) => r.id)).toEqual(appended.map((e) => e.id));
      let prevHash: string | null = null;
      for (const [i, row] of rows.entries()) {
        const { recordedAt } = JSON.parse(row.metadata) as { recordedAt: string };
        const sealed = seal(appended[i]!, stream, BigInt(row.revision), prevHash, recordedAt);
        expect(row.data).toBe(appended[i]!.dataJson);
        expect(row.metadata).toBe(sealed.metadataJson);
        prevHash = sealed.hash;
      }
      expect(await store.verifyStream(stream)).toMatchObject({ ok: true, events: appended.length, headHash: prevHash });
    };

    it('hashes in SQL exactly as in JS, with awkward content, chaining appends to one stream within one group', async () => {
      const [a, b] = [streamName('awk-案件'), streamName('awk"\\')];
      const awkward = (type: string, i: number) => event(type, { ...AWKWARD_DATA, i }, { metadata: AWKWARD_METADATA[i % AWKWARD_METADATA.length]! });
      const e = Array.from({ length: 12 }, (_, i) => awkward(`T${i}`, i));
      // Queued in one tick: one group, one call.
      const outcomes = await Promise.allSettled([
        store.append(a, [e[0]!, e[1]!, e[2]!], { expectedRevision: 'no_stream' }),
        store.append(b, [e[3]!], { expectedRevision: 'no_stream' }),
        store.append(a, [e[4]!], { expectedRevision: 0n }), // refused: a is at 2 by now
        store.append(a, [e[5]!, e[1]!]), // refused: e1 is in a already, not as a retry
        store.append(a, [e[0]!, e[5]!]), // refused: starts as a retry, then differs
        store.append(a, [e[6]!, e[7]!], { expectedRevision: 2n }), // chains onto the first append's hash
        store.append(b, [e[3]!], { expectedRevision: 'no_stream' }), // a retry within the group
        store.append(a, [e[8]!], { expectedRevision: 'stream_exists' }),
        store.append(b, [e[9]!, e[10]!, e[11]!], { expectedRevision: 0n }),
      ]);
      const value = (i: number) => (outcomes[i] as PromiseFulfilledResult<{ nextExpectedRevision: bigint; position: bigint }>).value;
      expect(outcomes.map((o) => o.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'rejected',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ constructor: WrongExpectedRevision, stream: a, expected: 0n, actual: 2n });
      expect((outcomes[3] as PromiseRejectedResult).reason).toMatchObject({ constructor: DuplicateEventId, eventId: e[1]!.id });
      expect((outcomes[4] as PromiseRejectedResult).reason).toMatchObject({ constructor: DuplicateEventId, eventId: e[5]!.id });
      expect([0, 1, 5, 6, 7, 8].map((i) => value(i).nextExpectedRevision)).toEqual([2n, 0n, 4n, 0n, 5n, 3n]);
      expect(value(6)).toEqual(value(1));
      const positions = [0, 1, 5, 7, 8].map((i) => value(i).position);
      expect([...positions].sort((x, y) => (x < y ? -1 : 1))).toEqual(positions);
      const prepared = (events: typeof e) => prepareEvents(events, DEFAULT_MAX_EVENT_BYTES);
      await expectStoredAsSealed(a, prepared([e[0]!, e[1]!, e[2]!, e[6]!, e[7]!, e[8]!]));
      await expectStoredAsSealed(b, prepared([e[3]!, e[9]!, e[10]!, e[11]!]));
      const [first] = await collect(store.readStream(a, { maxCount: 1 }));
      expect(first!.data).toEqual({ ...AWKWARD_DATA, i: 0 });

      // A group of distinct streams (the one-read, one-write path), chaining onto the heads above.
      const [c, d] = [streamName('awk-🙂'), streamName('awk-c')];
      const f = Array.from({ length: 10 }, (_, i) => awkward(`F${i}`, i + 1));
      const next = await Promise.allSettled([
        store.append(a, [f[0]!, f[1]!], { expectedRevision: 5n }),
        store.append(b, [f[2]!], { expectedRevision: 0n }), // refused: b is at 3
        store.append(c, [f[3]!, f[4]!, f[5]!], { expectedRevision: 'no_stream' }),
        store.append(d, [f[6]!], { expectedRevision: 'stream_exists' }), // refused: no stream
        store.append(streamName('awk'), [f[7]!], { expectedRevision: 0n }), // refused: no stream
      ]);
      expect(next.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'rejected']);
      expect((next[1] as PromiseRejectedResult).reason).toMatchObject({ constructor: WrongExpectedRevision, actual: 3n });
      expect((next[3] as PromiseRejectedResult).reason).toMatchObject({ constructor: WrongExpectedRevision, actual: 'no_stream' });
      const g = awkward('G', 3);
      const distinct = await Promise.allSettled([
        store.append(a, [f[0]!, f[1]!], { expectedRevision: 5n }), // a retry, so append by append again
        store.append(c, [g], { expectedRevision: 2n }),
      ]);
      expect(distinct.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
      const more = [awkward('H0', 0), awkward('H1', 2), awkward('H2', 4)];
      const fast = await Promise.all([
        store.append(a, [more[0]!, more[1]!], { expectedRevision: 7n }),
        store.append(c, [more[2]!], { expectedRevision: 3n }),
        store.append(b, [f[8]!, f[9]!], { expectedRevision: 'stream_exists' }),
      ]);
      expect(fast.map((r) => r.nextExpectedRevision)).toEqual([9n, 4n, 5n]);
      expect([fast[1]!.position, fast[2]!.position]).toEqual([fast[0]!.position + 1n, fast[0]!.position + 3n]);
      await expectStoredAsSealed(a, prepared([e[0]!, e[1]!, e[2]!, e[6]!, e[7]!, e[8]!, f[0]!, f[1]!, more[0]!, more[1]!]));
      await expectStoredAsSealed(b, prepared([e[3]!, e[9]!, e[10]!, e[11]!, f[8]!, f[9]!]));
      await expectStoredAsSealed(c, prepared([f[3]!, f[4]!, f[5]!, g, more[2]!]));
      expect(await collect(store.readStream(d))).toEqual([]);
    });

    it('answers a retry after the fact with the first result, and refuses a clash across streams of one group independently', async () => {
      const stream = streamName('retry');
      const batch = [event('A', {}, { metadata: {} }), event('B')];
      const first = await store.append(stream, batch);
      const [again, other, wrong] = await Promise.allSettled([
        store.append(stream, batch, { expectedRevision: 'no_stream' }),
        store.append(streamName('retry'), batch, { expectedRevision: 'no_stream' }),
        store.append(stream, [event('C')], { expectedRevision: 'no_stream' }),
      ]);
      expect(again).toEqual({ status: 'fulfilled', value: first });
      expect(other.status).toBe('fulfilled');
      expect((wrong as PromiseRejectedResult).reason).toMatchObject({ constructor: WrongExpectedRevision, actual: 1n });
    });

    it('refuses expected revisions no stream can have, without troubling the server', async () => {
      const stream = streamName('range');
      await store.append(stream, [event('A')]);
      for (const expectedRevision of [2n ** 70n, -1n, -(2n ** 70n), 0 as never, '0' as never]) {
        await expect(store.append(stream, [event('B')], { expectedRevision })).rejects.toMatchObject({ constructor: WrongExpectedRevision, actual: 0n });
      }
      await expect(store.append(streamName('range'), [event('B')], { expectedRevision: 2n ** 63n })).rejects.toMatchObject({ actual: 'no_stream' });
      expect(await collect(store.readStream(stream))).toHaveLength(1);
    });

    it("splits a long queue into bounded groups, keeping each caller's order", async () => {
      const streams = Array.from({ length: 4 }, () => streamName('many'));
      const calls = Array.from({ length: 1200 }, (_, i) => store.append(streams[i % 4]!, [event('Tick', { i })]));
      const big = Array.from({ length: 2 }, () =>
        store.append(
          streamName('many-big'),
          Array.from({ length: 3000 }, (_, i) => event('Bulk', { i })),
        ),
      );
      const results = await Promise.all(calls);
      await Promise.all(big);
      for (let i = 4; i < results.length; i++) expect(results[i]!.position > results[i - 4]!.position).toBe(true);
      for (const stream of streams) expect(await store.verifyStream(stream)).toMatchObject({ ok: true, events: 300 });
    });

    it('fails every append of a call the server refuses as a whole, writing nothing', async () => {
      const isolated = new URL(url);
      isolated.searchParams.set('options', '-c default_transaction_isolation=repeatable\\ read');
      const strict = await PostgresEventStore.connect({ connectionString: isolated.toString(), schema });
      const streams = [streamName('rr'), streamName('rr')];
      try {
        const outcomes = await Promise.allSettled(streams.map((s) => strict.append(s, [event('A')])));
        for (const outcome of outcomes) expect((outcome as PromiseRejectedResult).reason?.message).toMatch(/READ COMMITTED/);
      } finally {
        await strict.close();
      }
      for (const s of streams) expect(await collect(store.readStream(s))).toEqual([]);
    });

    it('reads every table by index, even with plans made while the tables are empty (they are kept as the tables grow)', async (ctx) => {
      const fresh = `${schema}_plans`;
      const store2 = await PostgresEventStore.connect({ connectionString: url, schema: fresh });
      await store2.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const plans: string[] = [];
        client.on('notice', (notice) => plans.push(notice.message ?? ''));
        // auto_explain needs a superuser (or the library in $libdir/plugins): without it there is nothing to look at.
        const loaded = await client.query(`LOAD 'auto_explain'`).then(
          () => true,
          () => false,
        );
        if (!loaded) ctx.skip();
        await client.query(`SET auto_explain.log_min_duration = 0; SET auto_explain.log_nested_statements = on; SET auto_explain.log_level = notice`);
        const sql = statements(fresh);
        const stream = streamName('plans');
        const groups = [
          [pending(stream, [event('A'), event('B')]), pending(streamName('plans'), [event('C')], 'no_stream')], // distinct streams
          [pending(stream, [event('D')], 1n), pending(stream, [event('E')], 2n)], // one stream twice
        ];
        for (const group of groups) {
          const { rows } = await client.query<{ r_outcome: string }>(appendCall(sql, group, new Date().toISOString()));
          expect(rows.map((r) => r.r_outcome)).toEqual(['ok', 'ok']);
        }
        const nested = plans.filter((plan) => !plan.includes('hub_append_v2('));
        expect(nested.some((plan) => /Index (Only )?Scan using events_stream_id_key/.test(plan))).toBe(true);
        expect(nested.some((plan) => /Index Scan using streams_pkey/.test(plan))).toBe(true);
        expect(nested.filter((plan) => /Seq Scan|Hash Join|Merge Join/.test(plan))).toEqual([]);
      } finally {
        await client.end();
        await withClient(url, (c) => c.query(`DROP SCHEMA IF EXISTS "${fresh}" CASCADE`));
      }
    });

    it('reinstalls the append function when it is missing or not the current body', async () => {
      await withClient(url, (c) => c.query(`DROP FUNCTION "${schema}".hub_append_v2`));
      const reopened = await open();
      try {
        const stream = streamName('reinstall');
        expect(await reopened.append(stream, [event('A')])).toMatchObject({ nextExpectedRevision: 0n });
        await withClient(url, (c) =>
          c.query(`CREATE OR REPLACE FUNCTION "${schema}".hub_append_v2(
  p_streams text[], p_stream_jsons text[], p_kinds smallint[], p_expected bigint[], p_counts integer[],
  p_appends integer[], p_ids uuid[], p_types text[], p_data text[], p_meta_lo text[], p_meta_hi text[], p_algs text[])
RETURNS TABLE (r_outcome text, r_revision bigint, r_position bigint, r_actual bigint, r_id uuid)
LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$`),
        );
        await expect(reopened.append(stream, [event('Lost')])).rejects.toThrow(/answered 0 rows for 1 appends/);
        const again = await open();
        await again.close();
        expect(await reopened.append(stream, [event('B')], { expectedRevision: 0n })).toMatchObject({ nextExpectedRevision: 1n });
      } finally {
        await reopened.close();
      }
    });
  });
}
