import { expect, it } from 'vitest';
import { recomputeHash, type EventStore } from '../../src/index.js';
import { collect, event, streamName, type ContractTarget } from './harness.js';

export function hashChainContract(target: ContractTarget, store: () => EventStore): void {
  it('links every event to the previous one by hash, and verifies', async () => {
    const stream = streamName('chain');
    await store().append(stream, [event('CaseOpened', { 金额: 107246 })]);
    await store().append(stream, [event('LeadTransferred', { to: 'procuratorate' }), event('LeadAccepted', {})]);
    const events = await collect(store().readStream(stream));
    expect(events[0]!.metadata.prevHash).toBeNull();
    for (let i = 1; i < events.length; i++) expect(events[i]!.metadata.prevHash).toBe(events[i - 1]!.metadata.hash);
    for (const e of events) {
      expect(e.metadata.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(recomputeHash(e)).toBe(e.metadata.hash);
      expect(Date.parse(e.metadata.recordedAt)).not.toBeNaN();
    }
    expect(await store().verifyStream(stream)).toEqual({ ok: true, stream, events: 3, headHash: events[2]!.metadata.hash });
  });

  it.runIf(target.tamper !== undefined)('names the first broken revision when a stored event is edited behind its back', async () => {
    const stream = streamName('tamper');
    await store().append(
      stream,
      Array.from({ length: 4 }, (_, i) => event('AmountRecorded', { fen: 1000 * i })),
    );
    await target.tamper!(stream, 2n, JSON.stringify({ fen: 999_999 }));
    const result = await store().verifyStream(stream);
    expect(result).toMatchObject({ ok: false, brokenAt: 2n, events: 2 });
    expect(result.ok === false && result.reason).toMatch(/altered/);
  });
}
