import { expect, it } from 'vitest';
import type { EventStore, RecordedEvent, SubscriptionMessage } from '../../src/index.js';
import { event, streamName, take, type ContractTarget } from './harness.js';

const WRITERS = 4;
const TOTAL = 10_000;

export function subscribeContract(_target: ContractTarget, store: () => EventStore): void {
  it(`hands over from catch-up to live with no gap, no duplicate and order kept, under ${WRITERS} writers and ${TOTAL} events`, async () => {
    const prefix = streamName('handover');
    const written: string[][] = Array.from({ length: WRITERS }, () => []);
    let count = 0;
    const writer = async (w: number) => {
      let revision = 0;
      while (count < TOTAL) {
        const size = Math.min(1 + ((revision * 7 + w) % 5), TOTAL - count);
        if (size <= 0) break;
        count += size;
        const batch = Array.from({ length: size }, (_, i) => event('Tick', { w, i: revision + i }));
        await store().append(`${prefix}-w${w}`, batch);
        written[w]!.push(...batch.map((e) => e.id!));
        revision += size;
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));
    // Subscribe once writers are well under way, so the subscription must catch up and then go live while they go on.
    while (count < TOTAL / 4) await new Promise((r) => setTimeout(r, 5));
    const subscription = store().subscribeToAll({ fromPosition: 'start', filter: { streamPrefix: prefix } });
    const seen = take(subscription, (events) => events.length >= TOTAL, 120_000);
    await Promise.all(writers);
    const { events, messages } = await seen;

    expect(events).toHaveLength(TOTAL);
    expect(new Set(events.map((e) => e.id)).size).toBe(TOTAL);
    for (let i = 1; i < events.length; i++) expect(events[i]!.position > events[i - 1]!.position).toBe(true);
    for (let w = 0; w < WRITERS; w++) {
      expect(events.filter((e) => e.stream === `${prefix}-w${w}`).map((e) => e.id)).toEqual(written[w]);
    }
    const caughtUp = messages.findIndex((m) => m.kind === 'caught-up');
    expect(caughtUp).toBeGreaterThan(0);
  }, 180_000);

  it('resumes after a given position and marks when it has caught up', async () => {
    const stream = streamName('resume');
    await store().append(
      stream,
      Array.from({ length: 5 }, (_, i) => event('Step', { i })),
    );
    const all: RecordedEvent[] = [];
    for await (const e of store().readStream(stream)) all.push(e);
    const subscription = store().subscribeToAll({ fromPosition: all[1]!.position, filter: { streamPrefix: stream } });
    const { events, messages } = await take(subscription, (_e, m) => m.some((x) => x.kind === 'caught-up'));
    expect(events.map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id));
    expect(messages.at(-1)).toEqual({ kind: 'caught-up', position: all[4]!.position });
  });

  it('goes live: an event appended after caught-up arrives, and "end" skips the past', async () => {
    const stream = streamName('live');
    await store().append(stream, [event('Old')]);
    const fromEnd = store().subscribeToAll({ fromPosition: 'end', filter: { streamPrefix: stream } });
    const fromStart = store().subscribeToStream(stream);
    const caughtUp = (messages: SubscriptionMessage[]) => messages.some((m) => m.kind === 'caught-up');
    // Append only once both have reported caught-up: "after" must mean after, even on a remote server.
    const [endIt, startIt] = [fromEnd[Symbol.asyncIterator](), fromStart[Symbol.asyncIterator]()];
    const before = { end: [] as SubscriptionMessage[], start: [] as SubscriptionMessage[] };
    while (!caughtUp(before.end)) before.end.push((await endIt.next()).value as SubscriptionMessage);
    while (!caughtUp(before.start)) before.start.push((await startIt.next()).value as SubscriptionMessage);
    await store().append(stream, [event('New')]);
    const next = async (it: AsyncIterator<SubscriptionMessage>) => (await it.next()).value as SubscriptionMessage;
    const [endNext, startNext] = [await next(endIt), await next(startIt)];
    await Promise.all([fromEnd.close(), fromStart.close()]);
    const label = (m: SubscriptionMessage) => (m.kind === 'event' ? m.event.type : m.kind);
    expect([...before.end, endNext].map(label)).toEqual(['caught-up', 'New']);
    expect([...before.start, startNext].map(label)).toEqual(['Old', 'caught-up', 'New']);
  });

  it('resumes a stream subscription after a revision and filters by event type', async () => {
    const stream = streamName('stream-sub');
    await store().append(stream, [event('A'), event('B'), event('C')]);
    const fromRevision = await take(store().subscribeToStream(stream, { fromRevision: 0n }), (events) => events.length >= 2);
    expect(fromRevision.events.map((e) => e.type)).toEqual(['B', 'C']);
    const typed = await take(store().subscribeToAll({ filter: { streamPrefix: stream, eventTypes: ['C'] } }), (events) => events.length >= 1);
    expect(typed.events.map((e) => e.type)).toEqual(['C']);
  });

  it('closes cleanly: a waiting consumer finishes and later appends are not delivered', async () => {
    const stream = streamName('close');
    const subscription = store().subscribeToStream(stream);
    const received: string[] = [];
    const consumer = (async () => {
      for await (const message of subscription) if (message.kind === 'event') received.push(message.event.type);
    })();
    await new Promise((r) => setTimeout(r, 50));
    await subscription.close();
    await consumer;
    await store().append(stream, [event('After')]);
    expect(received).toEqual([]);
  });
}
