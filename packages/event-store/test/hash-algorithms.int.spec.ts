import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashingWith, InvalidEvent, recomputeHash, SqliteEventStore, type RecordedEvent } from '../src/index.js';
import { canonicalJson } from '../src/canonical.js';

async function all(store: SqliteEventStore, stream: string): Promise<RecordedEvent[]> {
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

describe('the chain under two suites (issue 15.6)', () => {
  it('given a stream begun under intl and continued under gm, then each event is hashed with what its metadata names, and the mixed chain verifies', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await store.append('case-mixed', [{ type: 'Opened', data: { n: 1 } }]);
    await hashingWith(store, 'sm3').append('case-mixed', [
      { type: 'Noted', data: { n: 2 } },
      { type: 'Noted', data: { n: 3 }, metadata: { hashAlg: 'sha256' } },
    ]);
    await store.append('case-mixed', [{ type: 'Closed', data: { n: 4 } }]);
    const events = await all(store, 'case-mixed');
    expect(events.map((e) => e.metadata['hashAlg'] ?? null)).toEqual([null, 'sm3', 'sha256', null]);
    expect(events.map((e) => thirdPartyHash(e, (e.metadata['hashAlg'] as string | undefined) ?? 'sha256'))).toEqual(events.map((e) => e.metadata.hash));
    expect(thirdPartyHash(events[1]!, 'sha256')).not.toBe(events[1]!.metadata.hash);
    expect(await store.verifyStream('case-mixed')).toMatchObject({ ok: true, events: 4 });
    await store.close();
  });

  it('given an SM3 event whose hashAlg is rewritten to sha256, then its hash no longer matches', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await hashingWith(store, 'sm3').append('case-sm3', [{ type: 'Opened', data: { n: 1 } }]);
    const [event] = await all(store, 'case-sm3');
    expect(recomputeHash(event!)).toBe(event!.metadata.hash);
    expect(recomputeHash({ ...event!, metadata: { ...event!.metadata, hashAlg: 'sha256' } })).not.toBe(event!.metadata.hash);
    await store.close();
  });

  it('given an unknown hashAlg, then the append is refused', async () => {
    const store = new SqliteEventStore({ path: ':memory:' });
    await expect(store.append('case-x', [{ type: 'Opened', data: {}, metadata: { hashAlg: 'md5' } }])).rejects.toThrow(InvalidEvent);
    await store.close();
  });
});
