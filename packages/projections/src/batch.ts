import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { RecordedEvent, SubscriptionMessage } from '@hub/event-store';

const IDLE = Symbol('idle');

export interface Batch {
  events: RecordedEvent[];
  /** The subscription said caught-up: what follows is live. */
  caughtUp: boolean;
  /** The subscription said fell-behind: it is paging through a backlog again. */
  fellBehind: boolean;
  /** The subscription ended (closed, or its store closed). */
  ended: boolean;
}

/**
 * Cuts a subscription into batches of "whatever is available now": events are gathered until
 * `maxEvents`, a caught-up message, or the subscription would wait. "Would wait" means the next
 * message did not arrive before the next turn of the event loop, measured from the batch's first
 * event: the rest of a page that was just read comes in microtasks, so a batch spans a page,
 * while a read that has to go to the database or wait for an append ends it.
 */
export class BatchReader {
  /** A `next()` still outstanding from the previous batch; it must not be dropped, or its message is lost. */
  private pending: Promise<IteratorResult<SubscriptionMessage>> | undefined;

  constructor(
    private readonly iterator: AsyncIterator<SubscriptionMessage>,
    private readonly maxEvents: number,
  ) {}

  async next(): Promise<Batch> {
    const batch: Batch = { events: [], caughtUp: false, fellBehind: false, ended: false };
    let idle: Promise<typeof IDLE> | undefined;
    while (batch.events.length < this.maxEvents) {
      if (!this.pending) {
        this.pending = this.iterator.next();
        // Held across batches, it may reject while nobody awaits it; it is awaited later.
        this.pending.catch(() => undefined);
      }
      const result = idle ? await Promise.race([this.pending, idle]) : await this.pending;
      if (result === IDLE) break;
      this.pending = undefined;
      if (result.done) {
        batch.ended = true;
        break;
      }
      const message = result.value;
      if (message.kind === 'event') {
        batch.events.push(message.event);
        idle ??= nextMacrotask(IDLE);
      } else if (message.kind === 'caught-up') {
        batch.caughtUp = true;
        break;
      } else {
        batch.fellBehind = true;
      }
    }
    return batch;
  }
}
