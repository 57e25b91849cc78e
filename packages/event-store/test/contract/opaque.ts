import {
  InvalidPosition,
  MAX_INT64,
  type EventStore,
  type ReadAllOptions,
  type RecordedEvent,
  type Subscription,
  type SubscriptionMessage,
} from '../../src/index.js';

const STRIDE = 1000n;
const OFFSET = 7n;

const encode = (position: bigint): bigint => (position < 0n ? position : position * STRIDE + OFFSET);

/** A position given out maps back; past every possible one reads as the end; anything else is refused, as EventStoreDB would. */
function decode(position: bigint): bigint {
  if (position < 0n) return position;
  if (position >= OFFSET && (position - OFFSET) % STRIDE === 0n) return (position - OFFSET) / STRIDE;
  if (position > MAX_INT64) return position;
  throw new InvalidPosition(position);
}

const recoded = (event: RecordedEvent): RecordedEvent => ({ ...event, position: encode(event.position) });

async function* mapped(events: AsyncIterable<RecordedEvent>): AsyncGenerator<RecordedEvent> {
  for await (const event of events) yield recoded(event);
}

function mappedSubscription(inner: Subscription): Subscription {
  return {
    async *[Symbol.asyncIterator](): AsyncGenerator<SubscriptionMessage> {
      for await (const message of inner) {
        if (message.kind === 'event') yield { kind: 'event', event: recoded(message.event) };
        else yield { ...message, position: message.position === null ? null : encode(message.position) };
      }
    },
    close: () => inner.close(),
  };
}

/**
 * The same store, with positions that are not consecutive integers (each p becomes 1000p + 7) and
 * a refusal for any position it never gave out: what EventStoreDB's byte offsets do to a caller
 * who adds 1 to a position. The contract suite and the callers' specs run on it, so such
 * arithmetic fails here, on the embedded engine, instead of on a real cluster.
 */
export function opaquePositions(store: EventStore): EventStore {
  const readAll = (options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> => {
    const { fromPosition, after } = options;
    const inner = async function* () {
      const translated: ReadAllOptions = { ...options };
      // Both given: the store's own refusal, untouched.
      if (fromPosition !== undefined && after !== undefined) return yield* store.readAll(options);
      if (typeof fromPosition === 'bigint') translated.fromPosition = decode(fromPosition);
      if (after !== undefined) translated.after = typeof after === 'bigint' ? decode(after) : after;
      yield* mapped(store.readAll(translated));
    };
    return inner();
  };
  return {
    engine: store.engine,
    append: async (stream, events, options) => {
      const result = await store.append(stream, events, options);
      return { ...result, position: encode(result.position) };
    },
    readStream: (stream, options) => mapped(store.readStream(stream, options)),
    readAll,
    subscribeToAll: (options = {}) => {
      const from = options.fromPosition;
      if (typeof from !== 'bigint') return mappedSubscription(store.subscribeToAll(options));
      let decoded: bigint;
      try {
        decoded = decode(from);
      } catch (error) {
        return {
          [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(error), return: async () => ({ done: true, value: undefined }) }),
          close: async () => {},
        };
      }
      return mappedSubscription(store.subscribeToAll({ ...options, fromPosition: decoded }));
    },
    subscribeToStream: (stream, options) => mappedSubscription(store.subscribeToStream(stream, options)),
    verifyStream: (stream) => store.verifyStream(stream),
    headPosition: async () => {
      const head = await store.headPosition();
      return head === null ? null : encode(head);
    },
    close: () => store.close(),
  };
}
