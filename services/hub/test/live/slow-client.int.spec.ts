import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/live/protocol.js';
import { id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { expectExactly, liveClient, note, POLL, record, viewerOf, type Closed } from './support.js';

describe('live feed: a client too slow to keep up', () => {
  it('is closed with 4008 and the bytes queued, while the other clients get everything', async () => {
    // A small cut-off keeps the test light; the kernel's socket buffers still absorb some MB first.
    // Long heartbeats: the stalled client must be cut for being slow, not for missing pings.
    const fx = await hubFixture({ live: { maxBufferedBytes: 512 * 1024, lowWaterBytes: 64 * 1024, heartbeatMs: 600_000 } });
    const cases = [id(), id()];
    for (const caseId of cases) await fx.act('union', caseId, openCase(caseId));

    const closes: Closed[] = [];
    const slow = await liveClient(fx, 'union', ['liaison'], { reconnect: false, onClose: ({ code, reason }) => closes.push({ code, reason }) });
    const slowFeed = record(slow, { kind: 'all' }, 'start');
    const fast = await liveClient(fx, 'union');
    const fastAll = record(fast, { kind: 'all' }, 'start');
    const other = await liveClient(fx, 'union');
    const fastCase = record(other, { kind: 'case', caseId: cases[0]! }, 'now');
    await expect.poll(() => slowFeed.markers.length + fastAll.markers.length + fastCase.markers.length, POLL).toBe(3);

    slow.pause();
    // Appends ~200 KB at a time until the hub gives up on the stalled reader (bounded, in case it never does).
    let appended = 0;
    while (fx.hub.live.stats().cutOff === 0 && appended < 400) {
      await note(fx, cases[appended % 2]!, 'union', 5, 40_000);
      appended += 1;
      await fx.settle();
    }
    expect(fx.hub.live.stats().cutOff).toBe(1);
    // A few more after the cut: the others keep receiving.
    for (let i = 0; i < 5; i += 1) await note(fx, cases[i % 2]!, 'union', 2, 1_000);

    slow.resume();
    await expect.poll(() => closes.length, POLL).toBe(1);
    expect(closes[0]!.code).toBe(CloseCode.tooSlow);
    expect(closes[0]!.reason).toMatch(/^too slow: \d+ bytes queued$/);
    // What it got before the cut is a clean prefix of its feed: in order, nothing twice.
    const got = slowFeed.positions;
    expect(got).toEqual([...new Set(got)].sort((a, b) => (a < b ? -1 : 1)));

    await expectExactly(fx, fastAll, viewerOf('union'), { kind: 'all' }, -1n);
    await expectExactly(fx, fastCase, viewerOf('union'), { kind: 'case', caseId: cases[0]! }, 'live-marker');
    expect(fastAll.positions.length).toBeGreaterThan(got.length);
    await expect.poll(() => fx.hub.live.stats().clients, POLL).toBe(2);
    await fast.close();
    await other.close();
  });
});
