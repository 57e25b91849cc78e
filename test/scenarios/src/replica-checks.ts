/**
 * What the fault specs share (hub-replicas, all-replicas): commands retried with their
 * Idempotency-Key until answered, and the checks after the kills: every live client had every
 * case event once and in the store's order, and every hub, asked directly, agrees with the store.
 */
import { randomUUID } from 'node:crypto';
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

/**
 * POSTs with one Idempotency-Key, again and again until answered (no answer, or a 5xx, while a
 * replica dies or restarts), 100 ms apart; a 4xx is a refusal and thrown. Gives up after `limit`:
 * a number of attempts or a time.
 */
export async function postUntilAnswered<T>(
  client: { baseUrl: string; sessionToken: string },
  path: string,
  body: unknown,
  limit: { attempts: number } | { ms: number },
  onRetry: () => void = () => {},
): Promise<T> {
  const key = randomUUID();
  const giveUpAt = 'ms' in limit ? Date.now() + limit.ms : Number.POSITIVE_INFINITY;
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${client.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${client.sessionToken}`, 'idempotency-key': key },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    }).catch(() => null);
    if (res?.ok) return (await res.json()) as T;
    if (res && res.status < 500) throw new Error(`${path} refused: ${res.status} ${await res.text()}`);
    if ('attempts' in limit ? attempt > limit.attempts : Date.now() > giveUpAt)
      throw new Error(`${path}: no answer after ${attempt + 1} attempts${'ms' in limit ? ` in ${limit.ms / 1000} s` : ''}`);
    onRetry();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
