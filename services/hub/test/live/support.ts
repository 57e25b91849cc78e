/** Helpers for the live-feed specs: raw sockets, recording subscribers, the expected rows, a writer. */
import { caseStream } from '@hub/case-domain';
import type { AgencyId, Role } from '@hub/contracts';
import { expect } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import type { Viewer } from '../../src/access.js';
import { LiveClient, type LiveClientOptions } from '../../src/live/client.js';
import type { After, FeedScope, TimelineEntry } from '../../src/live/protocol.js';
import { inFeed, rowsAfter } from '../../src/read-models/timeline/index.js';
import type { HubFixture } from '../support/fixture.js';

export const POLL = { timeout: 30_000, interval: 25 };

export const liveUrl = (fx: HubFixture, path = '/api/live'): string => `${fx.url.replace(/^http/, 'ws')}${path}`;

export interface Closed {
  code: number;
  reason: string;
}

/** A bare socket that keeps every message and how it closed: for the protocol's edges. */
export interface RawSocket {
  ws: WebSocket;
  messages: any[];
  closed: Promise<Closed>;
  send(message: unknown): void;
  /** Waits for the first message (from `from` on) matching `predicate`. */
  next(predicate: (m: any) => boolean): Promise<any>;
}

export async function rawSocket(fx: HubFixture, options: ClientOptions = {}): Promise<RawSocket> {
  const ws = new WebSocket(liveUrl(fx), options);
  const messages: any[] = [];
  ws.on('message', (data) => messages.push(JSON.parse(String(data))));
  ws.on('error', () => undefined);
  const closed = new Promise<Closed>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
  return {
    ws,
    messages,
    closed,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    async next(predicate) {
      await expect.poll(() => messages.some(predicate), POLL).toBe(true);
      return messages.find(predicate);
    },
  };
}

/** A raw socket that has authenticated (got `ready`). */
export async function authedSocket(fx: HubFixture, agency: AgencyId, roles: Role[] = ['liaison'], options: ClientOptions = {}): Promise<RawSocket> {
  const socket = await rawSocket(fx, options);
  socket.send({ type: 'auth', token: await fx.token(agency, roles) });
  await socket.next((m) => m.type === 'ready');
  return socket;
}

export const viewerOf = (agency: AgencyId, roles: Role[] = ['liaison']): Viewer => ({ agency, roles, userId: `${agency}-${roles[0]}` });

/** Everything one subscription received, in order: batches of positions and `live` markers. */
export class Recorded {
  readonly log: ({ kind: 'events'; positions: bigint[] } | { kind: 'live'; position: bigint | null })[] = [];
  readonly errors: any[] = [];
  readonly entries: TimelineEntry[] = [];

  get positions(): bigint[] {
    return this.log.flatMap((item) => (item.kind === 'events' ? item.positions : []));
  }

  get markers(): (bigint | null)[] {
    return this.log.flatMap((item) => (item.kind === 'live' ? [item.position] : []));
  }

  get last(): bigint | undefined {
    return this.positions.at(-1);
  }
}

export async function liveClient(fx: HubFixture, agency: AgencyId, roles: Role[] = ['liaison'], options: LiveClientOptions = {}): Promise<LiveClient> {
  const client = await LiveClient.connect(fx.url, await fx.token(agency, roles), { backoff: { initialMs: 20, maxMs: 200 }, ...options });
  return client;
}

export function record(client: LiveClient, scope: FeedScope, after: After): Recorded {
  const recorded = new Recorded();
  client.subscribe(scope, after, {
    onEvents: (events) => {
      recorded.entries.push(...events);
      recorded.log.push({ kind: 'events', positions: events.map((e) => BigInt(e.position)) });
    },
    onLive: (position) => recorded.log.push({ kind: 'live', position: position === null ? null : BigInt(position) }),
    onError: (error) => recorded.errors.push(error),
  });
  return recorded;
}

/** What the timeline table says the viewer should get after `after`: the oracle every spec compares with. */
export function expectedPositions(fx: HubFixture, viewer: Viewer, scope: FeedScope, after: bigint): bigint[] {
  const db = fx.hub.projections.readModel('timeline').db;
  return rowsAfter(db, after, 1_000_000)
    .filter((row) => inFeed(row, viewer, scope))
    .map((row) => row.position);
}

/**
 * Waits until the subscription has everything the table says it should, then checks it got
 * exactly that: none missing, none twice, in order, one `live` marker with catch-up before it
 * and live delivery after it.
 */
export async function expectExactly(fx: HubFixture, recorded: Recorded, viewer: Viewer, scope: FeedScope, after: bigint | 'live-marker'): Promise<void> {
  await fx.settle();
  const from = () => (after === 'live-marker' ? (recorded.markers[0] ?? -1n) : after);
  await expect.poll(() => recorded.markers.length, POLL).toBeGreaterThan(0);
  const expected = expectedPositions(fx, viewer, scope, from());
  const lastExpected = expected.at(-1) ?? -1n;
  await expect.poll(() => (recorded.last ?? -1n) >= lastExpected, POLL).toBe(true);
  expect(recorded.errors).toEqual([]);
  expect(recorded.positions).toEqual(expected);
  expect(recorded.markers).toHaveLength(1);
  const marker = recorded.markers[0] ?? -1n;
  const at = recorded.log.findIndex((item) => item.kind === 'live');
  const before = recorded.log.slice(0, at).flatMap((i) => (i.kind === 'events' ? i.positions : []));
  const afterMarker = recorded.log.slice(at + 1).flatMap((i) => (i.kind === 'events' ? i.positions : []));
  expect(before.every((p) => p <= marker)).toBe(true);
  expect(afterMarker.every((p) => p > marker)).toBe(true);
  if (after === 'live-marker') expect(before).toEqual([]);
}

/** Appends a test event straight to a case stream as `agency` (the timeline takes any event on a case stream). */
export async function note(fx: HubFixture, caseId: string, agency: AgencyId, count = 1, bytes = 0): Promise<bigint> {
  const events = Array.from({ length: count }, (_, i) => ({
    type: 'TestNoteAdded',
    data: { i, text: 'x'.repeat(bytes) },
    metadata: { agency, actor: { agency, userId: `${agency}-liaison` } },
  }));
  return (await fx.store.append(caseStream(caseId), events)).position;
}

/** Appends `rounds` notes round-robin over the cases, calling `at(round)` before each. */
export async function writer(
  fx: HubFixture,
  cases: readonly string[],
  rounds: number,
  at: (round: number) => void | Promise<void> = () => undefined,
): Promise<void> {
  for (let round = 0; round < rounds; round += 1) {
    await at(round);
    await note(fx, cases[round % cases.length]!, round % 5 === 4 ? 'court' : 'union', 1 + (round % 3));
  }
}
