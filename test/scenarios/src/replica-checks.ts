/**
 * What the fault specs check after killing replicas (hub-replicas, all-replicas): every live
 * client had every case event once and in the store's order, and every hub, asked directly,
 * agrees with the store.
 */
import type { EventStore } from '@hub/event-store';
import type { TimelineEntry } from '@hub/hub-service';
import { expect } from 'vitest';

/** Waits for each client to have caught up, then asserts its case events are the store's, in order; returns the figures. */
export async function expectEveryEventOnce(store: EventStore, delivered: readonly TimelineEntry[][]): Promise<{ owed: number; gaps: number; doubled: number }> {
  const owed: bigint[] = [];
  for await (const event of store.readAll({ filter: { streamPrefix: 'case-' } })) owed.push(event.position);
  let gaps = 0;
  let doubled = 0;
  for (const got of delivered) {
    await expect.poll(() => got.filter((e) => e.kind === 'case').length, { timeout: 60_000, interval: 100 }).toBeGreaterThanOrEqual(owed.length);
    const positions = got.filter((e) => e.kind === 'case').map((e) => BigInt(e.position));
    doubled += positions.length - new Set(positions).size;
    const seen = new Set(positions);
    gaps += owed.filter((p) => !seen.has(p)).length;
    expect(positions).toEqual(owed);
  }
  return { owed: owed.length, gaps, doubled };
}

/** Each hub, asked directly (not through the balancer), lists `cases` cases once its read models caught up. */
export async function expectHubsAgree(hubUrls: readonly string[], auditorToken: string, cases: number): Promise<void> {
  for (const url of hubUrls) {
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${url}/api/cases?limit=1`, { headers: { authorization: `Bearer ${auditorToken}` } })).json()) as { total: number }).total,
        { timeout: 60_000, interval: 200 },
      )
      .toBe(cases);
  }
}
