import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteEventStore, StoreClosed, subscribeToAllResuming, subscribeToStreamResuming, type EventStore, type Subscription } from '../src/index.js';
import { collect, event, streamName } from './contract/harness.js';

/** The store, but every subscription it hands out breaks after `every` messages: a server that keeps restarting. */
function breaking(store: EventStore, every: number): EventStore & { opened: number } {
  const wrap = (inner: Subscription): Subscription => ({
    async *[Symbol.asyncIterator]() {
      let n = 0;
      for await (const message of inner) {
        if (++n > every) throw new Error('connection reset (injected)');
        yield message;
      }
    },
    close: () => inner.close(),
  });
  const wrapped = Object.create(store) as EventStore & { opened: number };
  wrapped.opened = 0;
  wrapped.subscribeToAll = (options) => {
    wrapped.opened++;
    return wrap(store.subscribeToAll(options));
  };
  wrapped.subscribeToStream = (stream, options) => {
    wrapped.opened++;
    return wrap(store.subscribeToStream(stream, options));
  };
  return wrapped;
}

const openStore = () => new SqliteEventStore({ path: join(mkdtempSync(join(tmpdir(), 'hub-resume-')), 'r.db'), durability: 'normal' });

describe('a subscription that outlives its connection', () => {
  it('given a subscription to all that breaks every 37 messages while a writer appends, when it resumes each time, then every event arrives once, in order', async () => {
    const store = openStore();
    const flaky = breaking(store, 37);
    const prefix = streamName('resume');
    const states: string[] = [];
    const subscription = subscribeToAllResuming(
      flaky,
      { filter: { streamPrefix: prefix } },
      { name: 'test', initialDelayMs: 1, maxDelayMs: 4, onState: (h) => states.push(h.state) },
    );
    const writer = (async () => {
      for (let i = 0; i < 50; i++)
        await store.append(
          `${prefix}-${i % 5}`,
          Array.from({ length: 8 }, (_, n) => event('Step', { i, n })),
        );
    })();
    const received: string[] = [];
    for await (const message of subscription) {
      if (message.kind === 'event') received.push(message.event.id);
      if (received.length >= 400) break;
    }
    await writer;
    await subscription.close();
    const stored = (await collect(store.readAll({ filter: { streamPrefix: prefix } }))).map((e) => e.id);
    expect(received).toEqual(stored);
    const health = subscription.health();
    expect(health.reconnects).toBeGreaterThanOrEqual(10);
    expect(flaky.opened).toBe(health.reconnects + 1);
    expect(health.lastError?.message).toBe('connection reset (injected)');
    expect(health.state).toBe('closed');
    expect(states).toContain('reconnecting');
    expect(states).toContain('connected');
    await store.close();
  });

  it('given a stream subscription that breaks every 5 messages, when it resumes, then it resumes after the last revision it delivered', async () => {
    const store = openStore();
    const stream = streamName('stream');
    await store.append(
      stream,
      Array.from({ length: 23 }, (_, i) => event('Step', { i })),
    );
    const subscription = subscribeToStreamResuming(breaking(store, 5), stream, { fromRevision: 2n }, { name: 'test', initialDelayMs: 1 });
    const revisions: number[] = [];
    for await (const message of subscription) {
      if (message.kind === 'event') revisions.push(Number(message.event.revision));
      if (revisions.length >= 20) break;
    }
    await subscription.close();
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    await store.close();
  });

  it('given a subscription waiting to reconnect, when it is closed, then it ends at once', async () => {
    const store = openStore();
    await store.append(streamName('wait'), [event('A'), event('B')]);
    const subscription = subscribeToAllResuming(breaking(store, 1), {}, { name: 'test', initialDelayMs: 60_000, maxDelayMs: 60_000 });
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.kind).toBe('event');
    const waiting = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(subscription.health().state).toBe('reconnecting');
    const started = Date.now();
    await subscription.close();
    expect((await waiting).done).toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
    await store.close();
  });

  it('given the store itself is closed, then the subscription ends with StoreClosed instead of retrying', async () => {
    const store = openStore();
    await store.close();
    const subscription = subscribeToAllResuming(store, {}, { name: 'test', initialDelayMs: 1 });
    await expect(subscription[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreClosed);
    expect(subscription.health().reconnects).toBe(0);
  });
});
