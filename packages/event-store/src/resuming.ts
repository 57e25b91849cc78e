import { StoreClosed } from './errors.js';
import type { EventStore, RecordedEvent, SubscribeToAllOptions, SubscribeToStreamOptions, Subscription, SubscriptionMessage } from './port.js';

/** How a resuming subscription is doing, for /health and /metrics. */
export interface SubscriptionHealth {
  name: string;
  /** `connected`: reading or waiting for new events; `reconnecting`: the last read failed, a new one is due. */
  state: 'connected' | 'reconnecting' | 'closed';
  /** Times the subscription was opened again after a failure, since it started. */
  reconnects: number;
  /** The most recent failure, kept after the subscription recovered. */
  lastError: { message: string; at: string } | null;
}

export interface ResumeOptions {
  /** Shown in /health, /metrics and logs: what follows the store (`projections`, `keys:union`…). */
  name: string;
  /** First wait after a failure; doubles up to `maxDelayMs`. Default 100 ms. */
  initialDelayMs?: number;
  /** Default 5 s. */
  maxDelayMs?: number;
  /** Told of every change of state, e.g. to log it. */
  onState?: (health: SubscriptionHealth, error?: unknown) => void;
  clock?: () => Date;
}

export interface ResumingSubscription extends Subscription {
  health(): SubscriptionHealth;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });

/**
 * A subscription that outlives its connection: when a read fails (the store's server restarted, a
 * network cut), it opens a new subscription strictly after the last event it delivered, after a
 * backoff with jitter, and goes on. Nothing is lost (it resumes after what was delivered) and
 * nothing is doubled (the cursor is exclusive on every engine). `caught-up` comes again after each
 * reconnect. Only `close()` ends it, or a closed store.
 *
 * From 'end': a failure before the first caught-up (which names the head) opens at 'end' again,
 * so events appended in between would be missed; start from a position where that matters.
 */
function resuming(open: (after: bigint | undefined) => Subscription, cursorOf: (event: RecordedEvent) => bigint, options: ResumeOptions): ResumingSubscription {
  const clock = options.clock ?? (() => new Date());
  const initial = options.initialDelayMs ?? 100;
  const max = options.maxDelayMs ?? 5_000;
  const health: SubscriptionHealth = { name: options.name, state: 'connected', reconnects: 0, lastError: null };
  const abort = new AbortController();
  let current: Subscription | undefined;
  let cursor: bigint | undefined;

  const set = (state: SubscriptionHealth['state'], error?: unknown) => {
    health.state = state;
    if (error !== undefined) health.lastError = { message: error instanceof Error ? error.message : String(error), at: clock().toISOString() };
    options.onState?.({ ...health }, error);
  };

  async function* run(): AsyncGenerator<SubscriptionMessage> {
    let delay = initial;
    while (!abort.signal.aborted) {
      let failure: unknown;
      const subscription = open(cursor);
      current = subscription;
      try {
        for await (const message of subscription) {
          // After an event, its cursor; after caught-up (or fell-behind), the head it names:
          // everything up to there that the subscription selects has been delivered.
          const next = message.kind === 'event' ? cursorOf(message.event) : message.position;
          if (next !== null && (cursor === undefined || next > cursor)) cursor = next;
          delay = initial;
          if (health.state === 'reconnecting') set('connected');
          yield message;
        }
        failure = new Error('the subscription ended without being closed');
      } catch (error) {
        failure = error;
      } finally {
        await subscription.close().catch(() => {});
      }
      if (abort.signal.aborted) break;
      // A store closed under us will not come back: end, as a plain subscription would.
      if (failure instanceof StoreClosed) throw failure;
      health.reconnects++;
      set('reconnecting', failure);
      await sleep(delay / 2 + Math.random() * (delay / 2), abort.signal);
      delay = Math.min(max, delay * 2);
    }
    set('closed');
  }

  const iterator = run();
  return {
    [Symbol.asyncIterator]: () => iterator,
    async close() {
      if (abort.signal.aborted) return;
      abort.abort();
      await current?.close().catch(() => {});
      await iterator.return(undefined).catch(() => {});
      if (health.state !== 'closed') set('closed');
    },
    health: () => ({ ...health, lastError: health.lastError && { ...health.lastError } }),
  };
}

/** `store.subscribeToAll`, resumed after its last delivered position whenever a read fails. */
export function subscribeToAllResuming(store: EventStore, subscribe: SubscribeToAllOptions, options: ResumeOptions): ResumingSubscription {
  const first = subscribe.fromPosition;
  return resuming(
    (after) => store.subscribeToAll({ ...subscribe, fromPosition: after ?? first ?? 'start' }),
    (event) => event.position,
    options,
  );
}

/** `store.subscribeToStream`, resumed after its last delivered revision whenever a read fails. */
export function subscribeToStreamResuming(
  store: EventStore,
  stream: string,
  subscribe: SubscribeToStreamOptions,
  options: ResumeOptions,
): ResumingSubscription {
  const first = subscribe.fromRevision;
  return resuming(
    (after) => store.subscribeToStream(stream, { ...subscribe, fromRevision: after ?? first ?? 'start' }),
    (event) => event.revision,
    options,
  );
}
