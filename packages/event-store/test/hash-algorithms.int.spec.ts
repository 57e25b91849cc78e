import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../src/engines/postgres.js';
import { hashingWith, InvalidEvent, recomputeHash, SqliteEventStore, type EventStore, type RecordedEvent } from '../src/index.js';
import { canonicalJson } from '../src/canonical.js';

async function all(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
}

/** The event's hash as a third party computes it: the named algorithm over the canonical content. */
function thirdPartyHash(e: RecordedEvent, alg: string): string {
  const { hash: _hash, ...metadata } = e.metadata;
  const content = canonicalJson({ data: e.data, id: e.id, metadata, revision: e.revision.toString(), stream: e.stream, type: e.type });
  return createHash(alg).update(content, 'utf8').digest('hex');
}

/** SQLite always; PostgreSQL (hub_append_v2 hashing in the server, pgcrypto's SM3) when DATABASE_URL names one. */
const url = process.env['DATABASE_URL'];
const schema = `hub_hashalg_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
const engines: Array<[string, () => Promise<EventStore>]> = [['sqlite', async () => new SqliteEventStore({ path: ':memory:' })]];
if (url) {
  engines.push(['postgres', () => PostgresEventStore.connect({ connectionString: url, schema })]);
  afterAll(async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });
}

describe.each(engines)('the chain under two suites (issue 15.6), on %s', (_engine, open) => {
  it('given a stream begun under intl and continued under gm, then each event is hashed with what its metadata names, and the mixed chain verifies', async () => {
    const store = await open();
    const mixed = `case-mixed-${randomUUID()}`;
    await store.append(mixed, [{ type: 'Opened', data: { n: 1 } }]);
    await hashingWith(store, 'sm3').append(mixed, [
      { type: 'Noted', data: { n: 2 } },
      { type: 'Noted', data: { n: 3 }, metadata: { hashAlg: 'sha256' } },
    ]);
    await store.append(mixed, [{ type: 'Closed', data: { n: 4 } }]);
    const events = await all(store, mixed);
    expect(events.map((e) => e.metadata['hashAlg'] ?? null)).toEqual([null, 'sm3', 'sha256', null]);
    expect(events.map((e) => thirdPartyHash(e, (e.metadata['hashAlg'] as string | undefined) ?? 'sha256'))).toEqual(events.map((e) => e.metadata.hash));
    expect(thirdPartyHash(events[1]!, 'sha256')).not.toBe(events[1]!.metadata.hash);
    expect(await store.verifyStream(mixed)).toMatchObject({ ok: true, events: 4 });
    await store.close();
  });

  it('given an SM3 event whose hashAlg is rewritten to sha256, then its hash no longer matches', async () => {
    const store = await open();
    const sm3Stream = `case-sm3-${randomUUID()}`;
    await hashingWith(store, 'sm3').append(sm3Stream, [{ type: 'Opened', data: { n: 1 } }]);
    const [event] = await all(store, sm3Stream);
    expect(recomputeHash(event!)).toBe(event!.metadata.hash);
    expect(recomputeHash({ ...event!, metadata: { ...event!.metadata, hashAlg: 'sha256' } })).not.toBe(event!.metadata.hash);
    await store.close();
  });

  it('given a chain written wholly under gm, with appends grouped together (several streams, one stream twice), then every event is SM3 and every stream verifies', async () => {
    const store = await open();
    const gm = hashingWith(store, 'sm3');
    const [a, b] = [`case-gm-a-${randomUUID()}`, `case-gm-b-${randomUUID()}`];
    await Promise.all([
      gm.append(a, [
        { type: 'Opened', data: { n: 1 } },
        { type: 'Noted', data: { n: 2 } },
      ]),
      gm.append(b, [{ type: 'Opened', data: { n: 1 } }]),
      gm.append(a, [{ type: 'Noted', data: { n: 3 } }]),
    ]);
    await Promise.all([gm.append(a, [{ type: 'Noted', data: { n: 4 } }]), gm.append(a, [{ type: 'Noted', data: { n: 5 } }])]);
    const events = await all(store, a);
    expect(events).toHaveLength(5);
    expect(events.every((e) => e.metadata['hashAlg'] === 'sm3' && thirdPartyHash(e, 'sm3') === e.metadata.hash)).toBe(true);
    expect(await store.verifyStream(a)).toMatchObject({ ok: true, events: 5 });
    expect(await store.verifyStream(b)).toMatchObject({ ok: true, events: 1 });
    await store.close();
  });

  it('given an unknown hashAlg, then the append is refused', async () => {
    const store = await open();
    await expect(store.append(`case-x-${randomUUID()}`, [{ type: 'Opened', data: {}, metadata: { hashAlg: 'md5' } }])).rejects.toThrow(InvalidEvent);
    await store.close();
  });
});

if (url) {
  describe('postgres: an existing deployment upgraded to hub_append_v2', () => {
    const old = `hub_hashalg_old_${randomUUID().replaceAll('-', '').slice(0, 8)}`;
    const run = async (sql: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return await client.query(sql);
      } finally {
        await client.end();
      }
    };
    afterAll(() => run(`DROP SCHEMA IF EXISTS "${old}" CASCADE`));

    it('given a schema holding sha256 events and the old hub_append_v1, when the store connects, then v2 is installed beside v1 (left for processes of the last release) and sm3 appends continue the chain', async () => {
      const first = await PostgresEventStore.connect({ connectionString: url, schema: old });
      const stream = `case-upgrade-${randomUUID()}`;
      await first.append(stream, [{ type: 'Opened', data: { n: 1 } }]);
      await first.close();
      // What the last release left: its v1 function, and no v2.
      await run(`DROP FUNCTION "${old}".hub_append_v2`);
      await run(`CREATE FUNCTION "${old}".hub_append_v1(
  p_streams text[], p_stream_jsons text[], p_kinds smallint[], p_expected bigint[], p_counts integer[],
  p_appends integer[], p_ids uuid[], p_types text[], p_data text[], p_meta_lo text[], p_meta_hi text[])
RETURNS TABLE (r_outcome text, r_revision bigint, r_position bigint, r_actual bigint, r_id uuid)
LANGUAGE plpgsql AS $$ BEGIN RETURN; END $$`);
      const upgraded = await PostgresEventStore.connect({ connectionString: url, schema: old });
      await hashingWith(upgraded, 'sm3').append(stream, [{ type: 'Noted', data: { n: 2 } }]);
      const functions = await run(`SELECT proname FROM pg_proc WHERE pronamespace = '"${old}"'::regnamespace ORDER BY proname`);
      expect(functions.rows.map((r: { proname: string }) => r.proname)).toEqual(['hub_append_v1', 'hub_append_v2']);
      const events = await all(upgraded, stream);
      expect(events.map((e) => e.metadata['hashAlg'] ?? 'sha256')).toEqual(['sha256', 'sm3']);
      expect(await upgraded.verifyStream(stream)).toMatchObject({ ok: true, events: 2 });
      await upgraded.close();
    });
  });
}
