import type { Readable } from 'node:stream';
import type { RecordedEvent, Subscription, SubscriptionMessage } from '../../port.js';

/** What the engine's subscription calls hand back: an object-mode readable (the client's Subscription). */
export type ClientSubscription = Readable & { unsubscribe(): Promise<void> };

/** One item of the client's subscription, as the engine understands it. */
export interface Delivered {
  /** Position (subscribeToAll) or revision (subscribeToStream): grows strictly with every item. */
  cursor: bigint;
  /** Undefined: an item the consumer does not get (a system event, or one the filter leaves out). */
  event: RecordedEvent | undefined;
}

export interface CatchUpPlan {
  /**
   * Opens the client's subscription. `markCaughtUp` puts a caught-up marker into the readable right
   * behind whatever the client has delivered so far; call it from the client's 'caughtUp' or
   * checkpoint callbacks, which the client runs in order with the events.
   */
  open(markCaughtUp: () => void): ClientSubscription;
  toDelivered(item: unknown): Delivered;
  /** Exclusive: items at or before this cursor were seen already and are dropped. Undefined: from the very start. */
  after: bigint | undefined;
  /**
   * The cursor of the newest selected item that existed before subscribing: caught-up is due once an
   * item at or past it has been delivered. null: nothing lies past `after`, so caught-up comes first.
   * undefined: not known, so only the markers tell.
   */
  caughtUpAt: bigint | null | undefined;
}

/** An object no client item can be: the caught-up marker. */
const CAUGHT_UP = Object.freeze({ caughtUp: true });

/**
 * The port's Subscription over one of the client's catch-up subscriptions. Delivery is pull-based:
 * the client's subscription is a Node object-mode readable, iterated with `for await`, so a slow
 * consumer fills its small buffer and gRPC flow control holds the server back. Caught-up is emitted
 * once, at the first of: the client's 'caughtUp' (servers that send it), a marker from `open`, the
 * first delivered cursor at or past `caughtUpAt`, or at once when `caughtUpAt` is null.
 */
export function catchUpSubscription(prepare: () => Promise<CatchUpPlan>): Subscription {
  let closed = false;
  let source: ClientSubscription | undefined;

  async function* run(): AsyncGenerator<SubscriptionMessage> {
    const plan = await prepare();
    if (closed) return;
    let caughtUp = false;
    let marked = false;
    const markCaughtUp = () => {
      if (caughtUp || marked || !source || source.destroyed) return;
      marked = true;
      // push() appends behind every item the client has pushed so far: the marker keeps its place in the order.
      source.push(CAUGHT_UP);
    };
    const client = plan.open(markCaughtUp);
    source = client;
    client.on('caughtUp', markCaughtUp);
    let cursor = plan.after;
    let position: bigint | null = plan.after ?? null;
    try {
      if (plan.caughtUpAt === null) {
        caughtUp = true;
        yield { kind: 'caught-up', position };
      }
      for await (const item of client) {
        if (closed) return;
        if (item === CAUGHT_UP) {
          if (!caughtUp) {
            caughtUp = true;
            yield { kind: 'caught-up', position };
          }
          continue;
        }
        const delivered = plan.toDelivered(item);
        // Subscriptions start after the given point; this also guards against a server that repeats it.
        if (cursor !== undefined && delivered.cursor <= cursor) continue;
        cursor = delivered.cursor;
        if (delivered.event) {
          position = delivered.cursor;
          yield { kind: 'event', event: delivered.event };
        }
        if (!caughtUp && typeof plan.caughtUpAt === 'bigint' && delivered.cursor >= plan.caughtUpAt) {
          caughtUp = true;
          yield { kind: 'caught-up', position };
        }
      }
    } catch (error) {
      // close() destroys the readable under a waiting `for await`: that premature close is the end, not a failure.
      if (!closed) throw error;
    } finally {
      await client.unsubscribe().catch(() => undefined);
      client.destroy();
    }
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      closed = true;
      if (source) {
        await source.unsubscribe().catch(() => undefined);
        source.destroy();
      }
      await iterator.return(undefined);
    },
  };
}
