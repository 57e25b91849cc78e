import { describe, expect, it } from 'vitest';
import { recomputeHash, verifyEvents, type RecordedEvent } from '../src/index.js';
import { canonicalJson } from '../src/canonical.js';
import { chainedMetadataJson, seal } from '../src/hash-chain.js';
import { prepareEvents } from '../src/validate.js';

function chain(stream: string, datas: object[]): RecordedEvent[] {
  const prepared = prepareEvents(
    datas.map((data) => ({ type: 'Step', data })),
    1 << 20,
  );
  let prevHash: string | null = null;
  return prepared.map((p, i) => {
    const sealed = seal(p, stream, BigInt(i), prevHash, '2026-11-22T00:00:00.000Z');
    prevHash = sealed.hash;
    return {
      id: p.id,
      stream,
      revision: BigInt(i),
      position: BigInt(100 + i),
      type: p.type,
      data: JSON.parse(p.dataJson),
      metadata: JSON.parse(sealed.metadataJson),
    };
  });
}

async function* from(events: RecordedEvent[]) {
  yield* events;
}

describe('hash chain', () => {
  it('hashes content, not position: the same history verifies wherever it is stored', async () => {
    const events = chain('case-1', [{ a: 1 }, { b: 2 }, { c: 3 }]);
    for (const e of events) expect(recomputeHash({ ...e, position: 999n })).toBe(e.metadata.hash);
    expect(await verifyEvents('case-1', from(events))).toMatchObject({ ok: true, events: 3, headHash: events[2]!.metadata.hash });
  });

  it('catches changed data, type, stream, metadata, a removed event and a relinked event', async () => {
    const events = chain('case-1', [{ a: 1 }, { b: 2 }, { c: 3 }]);
    const broken = async (mutate: (copy: RecordedEvent[]) => RecordedEvent[]) => {
      const copy = events.map((e) => structuredClone(e));
      return verifyEvents('case-1', from(mutate(copy)));
    };
    expect(await broken((c) => ((c[1]!.data = { b: 3 }), c))).toMatchObject({ ok: false, brokenAt: 1n, reason: expect.stringMatching(/altered/) });
    expect(await broken((c) => ((c[2]!.type = 'Other'), c))).toMatchObject({ ok: false, brokenAt: 2n });
    expect(await broken((c) => ((c[0]!.metadata.user = 'mallory'), c))).toMatchObject({ ok: false, brokenAt: 0n });
    expect(await broken((c) => c.map((e) => ({ ...e, stream: 'case-2' })))).toMatchObject({ ok: false, brokenAt: 0n });
    expect(await broken((c) => [c[0]!, c[2]!])).toMatchObject({ ok: false, brokenAt: 1n, reason: expect.stringMatching(/missing/) });
    // Re-hashing an edited event is not enough: the next event still points at the old hash.
    const forged = await broken((c) => {
      c[1]!.data = { b: 99 };
      const { hash: _h, ...rest } = c[1]!.metadata;
      c[1]!.metadata = { ...rest, hash: recomputeHash({ ...c[1]!, metadata: { ...rest, hash: '' } }) };
      return c;
    });
    expect(forged).toMatchObject({ ok: false, brokenAt: 2n, reason: expect.stringMatching(/prevHash/) });
  });
});

describe('sealed metadata', () => {
  it.each([
    [{}],
    [{ correlationId: 'c', causationId: 'k' }],
    [{ aaa: 1, prev: 2, prevHashX: 3, r: 4, recordedAtZ: 5, zzz: { nested: [1, '二'] } }],
    [{ 'prev\u0001': 1, 'p"q': 2, 'recorded\\': 3, 'q\n': 4, '\u00e9': 5 }],
  ])('is exactly the canonical encoding of the caller metadata plus prevHash and recordedAt (%j)', (metadata) => {
    const [event] = prepareEvents([{ type: 'T', data: {}, metadata }], 1 << 20);
    for (const prevHash of [null, 'ab'.repeat(32)]) {
      const expected = canonicalJson({ ...metadata, prevHash, recordedAt: '2026-11-22T08:00:00.000Z' });
      expect(chainedMetadataJson(event!, prevHash, '2026-11-22T08:00:00.000Z')).toBe(expected);
    }
  });
});
