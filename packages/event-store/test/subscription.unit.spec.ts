import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../src/index.js';
import { Notifier, pollingSubscription } from '../src/subscription.js';

describe('Notifier', () => {
  it('resolves at once when something changed since the version a reader noted', async () => {
    const notifier = new Notifier();
    const noted = notifier.version;
    notifier.bump();
    let woke = false;
    await notifier.changedSince(noted, new AbortController().signal).then(() => (woke = true));
    expect(woke).toBe(true);
  });

  it('waits until the next bump, and wakes every waiter once', async () => {
    const notifier = new Notifier();
    const woke: number[] = [];
    const waits = [1, 2, 3].map((n) => notifier.changedSince(notifier.version, new AbortController().signal).then(() => woke.push(n)));
    await new Promise((r) => setTimeout(r, 10));
    expect(woke).toEqual([]);
    notifier.bump();
    await Promise.all(waits);
    expect(woke.sort()).toEqual([1, 2, 3]);
  });

  it('lets an abort end a wait', async () => {
    const notifier = new Notifier();
    const abort = new AbortController();
    const wait = notifier.changedSince(notifier.version, abort.signal);
    abort.abort();
    await expect(wait).resolves.toBeUndefined();
  });
});

function fakeLog(count: number) {
  const log: RecordedEvent[] = [];
  const add = (n: number) => {
    for (let i = 0; i < n; i++) {
      const position = BigInt(log.length + 1);
      log.push({
        id: `e${position}`,
        stream: 's',
        revision: position - 1n,
        position,
        type: 'T',
        data: {},
        metadata: { recordedAt: '', prevHash: null, hash: '' },
      });
    }
  };
  add(count);
  let read = 0;
  return {
    log,
    add,
    get read() {
      return read;
    },
    readPage: async (cursor: bigint | null, limit: number) => {
      const page = log.filter((e) => e.position > (cursor ?? 0n)).slice(0, limit);
      read += page.length;
      return page;
    },
  };
}

describe('pollingSubscription', () => {
  it('reads a page only when the consumer has taken the last one: a slow consumer costs one page, not the backlog', async () => {
    const source = fakeLog(1000);
    const notifier = new Notifier();
    const subscription = pollingSubscription({ readPage: source.readPage, cursorOf: (e) => e.position, notifier, pageSize: 50 }, Promise.resolve(null));
    let delivered = 0;
    let maxAhead = 0;
    for await (const message of subscription) {
      if (message.kind === 'event') delivered++;
      maxAhead = Math.max(maxAhead, source.read - delivered);
      if (delivered % 100 === 0) await new Promise((r) => setTimeout(r, 1)); // a slow consumer
      if (message.kind === 'caught-up') break;
    }
    expect(delivered).toBe(1000);
    expect(maxAhead).toBeLessThanOrEqual(50);
  });

  it('marks caught-up at the head, fell-behind when a full page waits again, and caught-up once more', async () => {
    const source = fakeLog(3);
    const notifier = new Notifier();
    const subscription = pollingSubscription({ readPage: source.readPage, cursorOf: (e) => e.position, notifier, pageSize: 2 }, Promise.resolve(null));
    const kinds: string[] = [];
    for await (const message of subscription) {
      kinds.push(message.kind === 'event' ? `e${message.event.position}` : message.kind);
      if (message.kind === 'caught-up' && source.log.length === 3) {
        source.add(5);
        notifier.bump();
      } else if (message.kind === 'caught-up') break;
    }
    expect(kinds).toEqual(['e1', 'e2', 'e3', 'caught-up', 'e4', 'e5', 'fell-behind', 'e6', 'e7', 'e8', 'caught-up']);
  });
});

describe('pollingSubscription close', () => {
  it('unregisters once, even when closed before it was ever iterated', async () => {
    let done = 0;
    const subscription = pollingSubscription(
      { readPage: async () => [], cursorOf: (e) => e.position, notifier: new Notifier(), pageSize: 10 },
      Promise.resolve(null),
      () => done++,
    );
    await subscription.close();
    await subscription.close();
    expect(done).toBe(1);
  });
});
