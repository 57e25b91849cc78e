import { assertMaxCount } from './validate.js';
import type { RecordedEvent, Subscription, SubscriptionMessage } from './port.js';

/**
 * Wakes subscriptions when the store may hold new events. A subscription notes `version` before
 * it reads; if an append lands after that, `changedSince` resolves at once, so an append that
 * races with the end of a catch-up read is never slept through.
 */
export class Notifier {
  version = 0;
  private waiters = new Set<() => void>();

  bump(): void {
    this.version++;
    const waiters = this.waiters;
    this.waiters = new Set();
    for (const wake of waiters) wake();
  }

  changedSince(version: number, signal: AbortSignal): Promise<void> {
    if (this.version !== version || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        signal.removeEventListener('abort', wake);
        this.waiters.delete(wake);
        resolve();
      };
      this.waiters.add(wake);
      signal.addEventListener('abort', wake, { once: true });
    });
  }
}

/**
 * A page that also says how far it looked: a filtered read scans events that do not match, and
 * when it returns fewer than it was asked for, every event up to `scannedTo` has been looked at.
 * The next read starts there rather than at the last match, so a filter that matches nothing for
 * a long while does not rescan the same events on every wake.
 */
export interface ScannedPage {
  events: RecordedEvent[];
  /** The newest cursor the read covered (in the same snapshot as `events`); null: nothing to say. */
  scannedTo: bigint | null;
}

export interface PollingSource {
  /** Events strictly after `cursor` (null: from the very start), in order, at most `limit`. */
  readPage(cursor: bigint | null, limit: number): Promise<RecordedEvent[] | ScannedPage>;
  /** The cursor value of an event: its global position, or its revision for a stream subscription. */
  cursorOf(event: RecordedEvent): bigint;
  notifier: Notifier;
  pageSize: number;
}

/**
 * The one catch-up-then-live loop shared by the sqlite and postgres engines. It is pull-based:
 * the next page is read only when the consumer asks for more, so a consumer that falls behind
 * costs one page of memory, never the backlog. It reads strictly after the last cursor it
 * delivered, so the handover from catch-up to live can neither skip nor repeat an event, as long
 * as `readPage` only ever returns a gap-free committed prefix (each engine's duty).
 */
export function pollingSubscription(source: PollingSource, start: Promise<bigint | null>, onDone?: () => void): Subscription {
  const abort = new AbortController();
  let finished = false;
  // Once, whether the consumer ends the loop or close() comes first (even before any iteration,
  // when the generator's finally never runs).
  const done = () => {
    if (finished) return;
    finished = true;
    onDone?.();
  };
  async function* run(): AsyncGenerator<SubscriptionMessage> {
    try {
      yield* loop();
    } finally {
      done();
    }
  }
  async function* loop(): AsyncGenerator<SubscriptionMessage> {
    let cursor = await start;
    let live = false;
    while (!abort.signal.aborted) {
      const version = source.notifier.version;
      const read = await source.readPage(cursor, source.pageSize);
      const page = Array.isArray(read) ? read : read.events;
      for (const event of page) {
        if (abort.signal.aborted) return;
        cursor = source.cursorOf(event);
        yield { kind: 'event', event };
      }
      if (!Array.isArray(read) && read.scannedTo !== null && page.length < source.pageSize && (cursor === null || read.scannedTo > cursor)) {
        cursor = read.scannedTo;
      }
      if (page.length < source.pageSize) {
        if (!live) {
          live = true;
          yield { kind: 'caught-up', position: cursor };
        }
        await source.notifier.changedSince(version, abort.signal);
      } else if (live) {
        live = false;
        yield { kind: 'fell-behind', position: cursor };
      }
    }
  }
  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      abort.abort();
      await iterator.return(undefined);
      done();
    },
  };
}

/**
 * Pages through a read so that callers can iterate any length without loading it whole.
 * `check` runs on the first step, so bad arguments surface as a rejected iteration, as the
 * rest of the read's failures do.
 */
export async function* paged<Cursor>(
  readPage: (cursor: Cursor | null, limit: number) => Promise<RecordedEvent[]> | RecordedEvent[],
  next: (event: RecordedEvent) => Cursor,
  pageSize: number,
  maxCount = Number.POSITIVE_INFINITY,
  check?: () => void,
): AsyncGenerator<RecordedEvent> {
  check?.();
  assertMaxCount(maxCount);
  let cursor: Cursor | null = null;
  let remaining = maxCount;
  while (remaining > 0) {
    const limit = Math.min(pageSize, remaining);
    const page = await readPage(cursor, limit);
    for (const event of page) yield event;
    remaining -= page.length;
    if (page.length < limit) return;
    cursor = next(page[page.length - 1]!);
  }
}
