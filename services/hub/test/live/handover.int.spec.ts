import { describe, expect, it } from 'vitest';
import type { AgencyId, Role } from '@hub/contracts';
import type { LiveClient } from '../../src/live/client.js';
import type { FeedScope } from '../../src/live/protocol.js';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { expectedPositions, expectExactly, liveClient, POLL, record, viewerOf, writer, type Recorded } from './support.js';

async function openCases(fx: HubFixture, count: number): Promise<string[]> {
  const cases = Array.from({ length: count }, () => id());
  for (const caseId of cases) await fx.act('union', caseId, openCase(caseId));
  // One case also involves the procuratorate, so audiences differ between cases.
  await fx.act('union', cases[1]!, cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
  return cases;
}

interface Watcher {
  recorded: Recorded;
  agency: AgencyId;
  roles: Role[];
  scope: FeedScope;
  after: bigint | 'live-marker';
}

describe('live feed: catch-up then live', () => {
  // Tiny pages and a tiny low-water mark make every catch-up span many event-loop turns and drain
  // waits, so commits land while it is under way: the handover the design must get right.
  it.each([
    ['default paging', {}],
    ['tiny pages and low-water mark', { catchUpPageSize: 3, lowWaterBytes: 2048, maxBufferedBytes: 64 * 1024 * 1024 }],
  ])('hands over from catch-up to live with no gap and no duplicate while a writer keeps appending (%s)', async (_name, live) => {
    const fx = await hubFixture({ live });
    const cases = await openCases(fx, 4);
    const clients: LiveClient[] = [];
    const watchers: Promise<Watcher>[] = [];
    let middle = -1n;
    // Subscribes without waiting, so the subscription races the writer.
    const watch = (agency: AgencyId, roles: Role[], scope: FeedScope, after: 'start' | 'now' | 'middle') => {
      watchers.push(
        (async () => {
          const client = await liveClient(fx, agency, roles);
          clients.push(client);
          const from = after === 'middle' ? middle : after === 'start' ? -1n : 'live-marker';
          const recorded = record(client, scope, after === 'middle' ? middle.toString() : after);
          return { recorded, agency, roles, scope, after: from };
        })(),
      );
    };
    watch('union', ['liaison'], { kind: 'all' }, 'start');
    await writer(fx, cases, 90, async (round) => {
      if (round === 15) middle = (await fx.store.headPosition())!;
      if (round === 30) {
        watch('union', ['liaison'], { kind: 'all' }, 'middle');
        watch('procuratorate', ['liaison'], { kind: 'all' }, 'now');
        watch('union', ['liaison'], { kind: 'case', caseId: cases[1]! }, 'start');
        watch('court', ['auditor'], { kind: 'all' }, 'start');
      }
      if (round === 55) {
        watch('procuratorate', ['liaison'], { kind: 'case', caseId: cases[1]! }, 'middle');
        watch('court', ['liaison'], { kind: 'all' }, 'middle');
        watch('union', ['liaison'], { kind: 'all' }, 'now');
      }
    });
    const all = await Promise.all(watchers);
    expect(all).toHaveLength(8);
    for (const w of all) await expectExactly(fx, w.recorded, viewerOf(w.agency, w.roles), w.scope, w.after);
    // Sanity: the feed really had work: the start-subscribers got hundreds of events.
    expect(all[0]!.recorded.positions.length).toBeGreaterThan(150);
    for (const client of clients) await client.close();
    await expect.poll(() => fx.hub.live.stats().clients, POLL).toBe(0);
  });

  it('resumes after a dropped connection from the last position it saw, ending with exactly the full sequence', async () => {
    const fx = await hubFixture();
    const cases = await openCases(fx, 3);
    const viewer = viewerOf('union');

    // (a) The client's own reconnect: its socket is cut mid-stream while appends go on.
    const client = await liveClient(fx, 'union');
    const recorded = record(client, { kind: 'all' }, 'start');
    await writer(fx, cases, 60, async (round) => {
      if (round === 20) {
        await expect.poll(() => recorded.positions.length, POLL).toBeGreaterThan(0);
        client.dropConnection();
      }
    });
    await fx.settle();
    const expected = expectedPositions(fx, viewer, { kind: 'all' }, -1n);
    await expect.poll(() => (recorded.last ?? -1n) >= expected.at(-1)!, POLL).toBe(true);
    expect(client.connections).toBe(2);
    expect(recorded.positions).toEqual(expected);
    await client.close();

    // (b) Deterministic gap: a client is cut, events are appended while it is away, and a new
    // connection names the last position it saw.
    const first = await liveClient(fx, 'union', ['liaison'], { reconnect: false });
    const before = record(first, { kind: 'all' }, 'start');
    await expect.poll(() => before.markers.length, POLL).toBe(1);
    const seen = before.last!;
    first.dropConnection();
    await writer(fx, cases, 20);
    const second = await liveClient(fx, 'union');
    const resumed = record(second, { kind: 'all' }, seen.toString());
    await writer(fx, cases, 10);
    await expectExactly(fx, resumed, viewer, { kind: 'all' }, seen);
    expect([...before.positions, ...resumed.positions]).toEqual(expectedPositions(fx, viewer, { kind: 'all' }, -1n));
    await second.close();
  });

  it('keeps every subscription in place when the timeline is rebuilt under it', async () => {
    const fx = await hubFixture({ live: { catchUpPageSize: 5 } });
    const cases = await openCases(fx, 2);
    await writer(fx, cases, 30);
    const client = await liveClient(fx, 'union');
    const early = record(client, { kind: 'all' }, 'start');
    await expect.poll(() => early.markers.length, POLL).toBe(1);
    // Readers switch to a freshly built file mid-way; writes go on before, during and after.
    const rebuilt = fx.hub.projections.rebuild('timeline');
    await writer(fx, cases, 20);
    await rebuilt;
    const late = record(client, { kind: 'case', caseId: cases[0]! }, 'start');
    await writer(fx, cases, 20);
    await expectExactly(fx, early, viewerOf('union'), { kind: 'all' }, -1n);
    await expectExactly(fx, late, viewerOf('union'), { kind: 'case', caseId: cases[0]! }, -1n);
    await client.close();
  });
});
