import { Transform, type TransformCallback } from 'node:stream';
import { ANY, NO_STREAM, STREAM_EXISTS, StreamNotFoundError, WrongExpectedVersionError, type ResolvedEvent } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import {
  DuplicateEventId,
  InvalidEvent,
  InvalidStreamName,
  recomputeHash,
  StoreClosed,
  WrongExpectedRevision,
  type RecordedEvent,
  type SubscriptionMessage,
} from '../src/index.js';
import { EsdbEventStore } from '../src/engines/esdb.js';
import { seal } from '../src/hash-chain.js';
import { prepareEvents } from '../src/validate.js';
import {
  findReplay,
  fromEsdbMetadata,
  isStreamNotFound,
  isSystemEvent,
  isWrongExpectedVersion,
  matchesFilter,
  positionOf,
  selects,
  serverFilter,
  toActualRevision,
  toClientConnectionString,
  toClientExpectedRevision,
  toClientPosition,
  toEsdbMetadata,
  toPortError,
  toRecordedEvent,
  UNKNOWN_POSITION,
} from '../src/engines/esdb/mapping.js';
import { catchUpSubscription, type CatchUpPlan, type ClientSubscription } from '../src/engines/esdb/subscription.js';

const ID = '0b6e2f4c-8a1d-4c3e-9f00-1234567890ab';

describe('esdb connection string', () => {
  it('hands esdb:// and esdb+discover:// over unchanged', () => {
    expect(toClientConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
    expect(toClientConnectionString('esdb+discover://cluster.example:2113')).toBe('esdb+discover://cluster.example:2113');
  });

  it('translates the KurrentDB schemes, which the 6.x client does not parse', () => {
    expect(toClientConnectionString('kurrentdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=false')).toBe(
      'esdb://admin:changeit@node1:2113,node2:2113,node3:2113?tls=false',
    );
    expect(toClientConnectionString('kurrentdb+discover://cluster.example:2113')).toBe('esdb+discover://cluster.example:2113');
    expect(toClientConnectionString('KurrentDB://node1:2113')).toBe('esdb://node1:2113');
  });

  it('refuses other schemes without echoing a password', () => {
    expect(() => toClientConnectionString('postgres://hub:secret@db:5432/hub')).toThrow(/not an EventStoreDB connection string/);
    expect(() => toClientConnectionString('postgres://hub:secret@db:5432/hub')).not.toThrow(/secret/);
    expect(() => toClientConnectionString('localhost:2113')).toThrow();
  });
});

describe('esdb expected revision and errors', () => {
  it('maps each expected revision to the client constant', () => {
    expect(toClientExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toClientExpectedRevision('any')).toBe(ANY);
    expect(toClientExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toClientExpectedRevision(0n)).toBe(0n);
    expect(toClientExpectedRevision(41n)).toBe(41n);
    expect(() => toClientExpectedRevision(-1n)).toThrow(RangeError);
  });

  it('reads the actual revision the server reports', () => {
    expect(toActualRevision(7n)).toBe(7n);
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
  });

  it("turns WrongExpectedVersionError into WrongExpectedRevision with the caller's expectation", () => {
    const existing = new WrongExpectedVersionError(undefined, { streamName: 'case-1', expected: 3n, current: 5n });
    const mapped = toPortError(existing, 'case-1', 'any');
    expect(mapped).toBeInstanceOf(WrongExpectedRevision);
    expect(mapped).toMatchObject({ code: 'wrong_expected_revision', stream: 'case-1', expected: 'any', actual: 5n });
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'case-2', expected: 0n, current: 'no_stream' });
    expect(toPortError(missing, 'case-2', 0n)).toMatchObject({ expected: 0n, actual: 'no_stream' });
  });

  it('recognises client errors by type too (a second copy of the client package), and passes others on', () => {
    const lookalike = Object.assign(new Error('wrong'), { type: 'wrong-expected-version', actualVersion: 2n });
    expect(isWrongExpectedVersion(lookalike)).toBe(true);
    expect(toPortError(lookalike, 's', 1n)).toMatchObject({ actual: 2n });
    const other = new Error('unavailable');
    expect(toPortError(other, 's', 'any')).toBe(other);
    expect(isWrongExpectedVersion(null)).toBe(false);
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'case-1'))).toBe(true);
    expect(isStreamNotFound(Object.assign(new Error('x'), { type: 'stream-not-found' }))).toBe(true);
    expect(isStreamNotFound(new Error('x'))).toBe(false);
    expect(isStreamNotFound(undefined)).toBe(false);
  });
});

describe('esdb metadata', () => {
  it('writes correlationId/causationId as $correlationId/$causationId and reads them back', () => {
    const port = { correlationId: 'c-1', causationId: 'c-0', user: '张三', recordedAt: '2026-11-22T00:00:00.000Z', prevHash: null, hash: 'h' };
    const stored = toEsdbMetadata(port);
    expect(stored).toEqual({ $correlationId: 'c-1', $causationId: 'c-0', user: '张三', recordedAt: port.recordedAt, prevHash: null, hash: 'h' });
    expect(fromEsdbMetadata(stored)).toEqual(port);
  });

  it("keeps the hash verifiable through the client's JSON round trip", () => {
    const [prepared] = prepareEvents(
      [{ id: ID, type: 'CaseOpened', data: { 金额: 107246, b: [1, 'x'] }, metadata: { correlationId: 'c-1', causationId: 'c-0', z: 1, a: 2 } }],
      1 << 20,
    );
    const sealed = seal(prepared!, 'case-1', 4n, 'f'.repeat(64), '2026-11-22T00:00:00.000Z');
    // What the client does: JSON.stringify on the way in, JSON.parse on the way out.
    const wire = JSON.stringify(toEsdbMetadata(JSON.parse(sealed.metadataJson)));
    expect(wire).toContain('"$correlationId":"c-1"');
    expect(wire).not.toContain('"correlationId"');
    const event: RecordedEvent = {
      id: prepared!.id,
      stream: 'case-1',
      revision: 4n,
      position: 1234n,
      type: 'CaseOpened',
      data: JSON.parse(JSON.stringify(JSON.parse(prepared!.dataJson))),
      metadata: fromEsdbMetadata(JSON.parse(wire)),
    };
    expect(event.metadata).toMatchObject({ correlationId: 'c-1', causationId: 'c-0', prevHash: 'f'.repeat(64), hash: sealed.hash });
    expect(recomputeHash(event)).toBe(sealed.hash);
  });

  it('reads metadata given as bytes, and treats absent or foreign metadata as empty', () => {
    expect(fromEsdbMetadata(new TextEncoder().encode('{"$causationId":"c","k":1}'))).toEqual({ causationId: 'c', k: 1 });
    expect(fromEsdbMetadata(new TextEncoder().encode('not json'))).toEqual({});
    expect(fromEsdbMetadata(undefined)).toEqual({});
    expect(fromEsdbMetadata('text')).toEqual({});
    expect(fromEsdbMetadata([1, 2])).toEqual({});
  });

  it('keeps a "__proto__" key as plain data', () => {
    const parsed = JSON.parse('{"__proto__":{"polluted":true},"correlationId":"c"}') as Record<string, unknown>;
    const stored = toEsdbMetadata(parsed);
    expect(Object.getPrototypeOf(stored)).toBe(Object.prototype);
    expect(Object.hasOwn(stored, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('esdb positions', () => {
  it('gives a global position back to the client as equal commit and prepare positions', () => {
    expect(toClientPosition(4242n)).toEqual({ commit: 4242n, prepare: 4242n });
  });

  it("reads the commit position of an event, or the read's commit position", () => {
    expect(positionOf({ event: { position: { commit: 10n, prepare: 10n } } })).toBe(10n);
    expect(positionOf({ event: {}, commitPosition: 11n })).toBe(11n);
    expect(positionOf({ event: { position: { commit: UNKNOWN_POSITION, prepare: UNKNOWN_POSITION } } })).toBeUndefined();
    expect(positionOf({ event: {} })).toBeUndefined();
    expect(positionOf({ commitPosition: -1n })).toBeUndefined();
  });
});

describe('esdb events and filters', () => {
  const resolved = (overrides: Record<string, unknown> = {}): ResolvedEvent =>
    ({
      event: {
        streamId: 'case-1',
        id: ID.toUpperCase(),
        isJson: true,
        revision: 3n,
        type: 'CaseOpened',
        created: new Date(0),
        data: { n: 1 },
        metadata: { $correlationId: 'c', recordedAt: 'r', prevHash: null, hash: 'h' },
        position: { commit: 99n, prepare: 99n },
        ...overrides,
      },
    }) as unknown as ResolvedEvent;

  it("converts a client event to the port's RecordedEvent", () => {
    expect(toRecordedEvent(resolved())).toEqual({
      id: ID,
      stream: 'case-1',
      revision: 3n,
      position: 99n,
      type: 'CaseOpened',
      data: { n: 1 },
      metadata: { correlationId: 'c', recordedAt: 'r', prevHash: null, hash: 'h' },
    });
    expect(toRecordedEvent(resolved({ data: null }))!.data).toBeNull();
    expect(toRecordedEvent(resolved({ data: 'text' }))!.data).toBe('text');
  });

  it('reads a binary event that holds JSON, and keeps other bytes as text', () => {
    expect(toRecordedEvent(resolved({ isJson: false, data: new TextEncoder().encode('{"a":1}') }))!.data).toEqual({ a: 1 });
    expect(toRecordedEvent(resolved({ isJson: false, data: new TextEncoder().encode('plain') }))!.data).toBe('plain');
  });

  it('refuses an event without a known position (servers before 22.6), and skips an empty slot', () => {
    expect(() => toRecordedEvent(resolved({ position: undefined }))).toThrow(/22\.6/);
    expect(toRecordedEvent({} as ResolvedEvent)).toBeUndefined();
  });

  it('treats $ streams and $ types as system events', () => {
    expect(isSystemEvent('$stats-127.0.0.1:2113', 'Stats')).toBe(true);
    expect(isSystemEvent('$$case-1', '$metadata')).toBe(true);
    expect(isSystemEvent('case-1', '$>')).toBe(true);
    expect(isSystemEvent('case-1', 'CaseOpened')).toBe(false);
    expect(isSystemEvent('案件-1', 'CaseOpened')).toBe(false);
  });

  it('applies the filter exactly: a literal prefix and whole type names', () => {
    const e = { stream: 'case-1', type: 'CaseOpened' };
    expect(matchesFilter(e, undefined)).toBe(true);
    expect(matchesFilter(e, { streamPrefix: 'case-' })).toBe(true);
    expect(matchesFilter(e, { streamPrefix: 'case-%' })).toBe(false);
    expect(matchesFilter(e, { eventTypes: ['CaseOpened'] })).toBe(true);
    expect(matchesFilter(e, { eventTypes: ['Case'] })).toBe(false);
    expect(matchesFilter({ stream: 'case-1', type: 'CaseOpenedV2' }, { eventTypes: ['CaseOpened'] })).toBe(false);
    expect(matchesFilter(e, { eventTypes: [] })).toBe(false);
    expect(matchesFilter(e, { streamPrefix: 'case-', eventTypes: ['LeadTransferred'] })).toBe(false);
    expect(selects({ stream: '$ce-case', type: '$>' }, undefined)).toBe(false);
    expect(selects({ stream: '$ce-case', type: 'CaseOpened' }, { eventTypes: ['CaseOpened'] })).toBe(false);
    expect(selects(e, { streamPrefix: '' })).toBe(true);
  });

  it('sends one filter expression to the server: the stream prefix, else the types as prefixes, else no system types', () => {
    expect(serverFilter({ streamPrefix: 'case-', eventTypes: ['A'] })).toMatchObject({ filterOn: 'streamName', prefixes: ['case-'] });
    expect(serverFilter({ eventTypes: ['A', 'B'] })).toMatchObject({ filterOn: 'eventType', prefixes: ['A', 'B'] });
    expect(serverFilter(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilter({ streamPrefix: '' })).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilter({ eventTypes: [] })).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    const onCheckpoint = () => undefined;
    expect(serverFilter({ streamPrefix: 'x' }, onCheckpoint).checkpointReached).toBe(onCheckpoint);
    expect(serverFilter(undefined, onCheckpoint).checkpointReached).toBe(onCheckpoint);
  });
});

describe('esdb idempotency against the stream tail', () => {
  const tail = [
    { id: 'a', revision: 0n, position: 10n },
    { id: 'b', revision: 1n, position: 20n },
    { id: 'c', revision: 2n, position: 30n },
  ];

  it('writes when no id of the batch is in the tail', () => {
    expect(findReplay(tail, ['x', 'y'])).toBeUndefined();
    expect(findReplay([], ['x'])).toBeUndefined();
  });

  it('answers a retry with the first result', () => {
    expect(findReplay(tail, ['a', 'b'])).toEqual({ nextExpectedRevision: 1n, position: 20n });
    expect(findReplay(tail, ['c'])).toEqual({ nextExpectedRevision: 2n, position: 30n });
    expect(findReplay([...tail].reverse(), ['b', 'c'])).toEqual({ nextExpectedRevision: 2n, position: 30n });
  });

  it('refuses an id the tail holds from a different append', () => {
    expect(() => findReplay(tail, ['b', 'x'])).toThrow(DuplicateEventId);
    expect(() => findReplay(tail, ['x', 'a'])).toThrow(expect.objectContaining({ eventId: 'a' }));
    expect(() => findReplay(tail, ['a', 'c'])).toThrow(expect.objectContaining({ eventId: 'c' }));
  });
});

/** Stands in for the client's Subscription: a Transform that emits 'caughtUp' in order with the items, as the client does. */
class FakeClientSubscription extends Transform implements ClientSubscription {
  unsubscribed = 0;
  constructor() {
    super({ objectMode: true });
  }
  override _transform(item: unknown, _encoding: string, next: TransformCallback): void {
    if (item === 'caughtUp') {
      this.emit('caughtUp');
      next();
      return;
    }
    next(null, item);
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed++;
  }
}

function fakeEvent(cursor: bigint): RecordedEvent {
  return { id: `e${cursor}`, stream: 's', revision: cursor, position: cursor, type: 'T', data: {}, metadata: { recordedAt: '', prevHash: null, hash: '' } };
}

function plan(source: FakeClientSubscription, overrides: Partial<CatchUpPlan> = {}): CatchUpPlan {
  return {
    after: undefined,
    caughtUpAt: undefined,
    open: () => source,
    toDelivered: (item) => ({ cursor: item as bigint, event: (item as bigint) % 10n === 0n ? undefined : fakeEvent(item as bigint) }),
    ...overrides,
  };
}

/** Feeds the fake once the subscription has opened it, as a server's answers only come after the call. */
function feed(source: FakeClientSubscription, items: unknown[]): void {
  setImmediate(() => {
    for (const item of items) source.write(item);
  });
}

async function take(subscription: AsyncIterable<SubscriptionMessage>, count: number): Promise<string[]> {
  const out: string[] = [];
  for await (const message of subscription) {
    out.push(message.kind === 'event' ? `e${message.event.position}` : `${message.kind}@${message.position}`);
    if (out.length >= count) break;
  }
  return out;
}

describe('esdb catch-up subscription', () => {
  it("places the client's caughtUp behind the events delivered before it, even when the consumer lags", async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source));
    feed(source, [1n, 2n, 3n, 'caughtUp', 4n, 'caughtUp']);
    expect(await take(subscription, 5)).toEqual(['e1', 'e2', 'e3', 'caught-up@3', 'e4']);
    await subscription.close();
    expect(source.unsubscribed).toBeGreaterThan(0);
  });

  it('says caught-up after the newest event that existed, once, whatever comes later', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source, { caughtUpAt: 2n }));
    feed(source, [1n, 2n, 'caughtUp', 3n]);
    expect(await take(subscription, 4)).toEqual(['e1', 'e2', 'caught-up@2', 'e3']);
    await subscription.close();
  });

  it('counts items the consumer does not get towards catching up', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source, { caughtUpAt: 10n }));
    feed(source, [9n, 10n, 11n]);
    expect(await take(subscription, 3)).toEqual(['e9', 'caught-up@9', 'e11']);
    await subscription.close();
  });

  it('says caught-up first when nothing lies past the start, reporting the start', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source, { after: 5n, caughtUpAt: null }));
    feed(source, ['caughtUp', 6n]);
    expect(await take(subscription, 2)).toEqual(['caught-up@5', 'e6']);
    await subscription.close();
  });

  it('starts strictly after the given cursor, even if the server repeats it', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source, { after: 2n }));
    feed(source, [1n, 2n, 3n, 3n, 4n]);
    expect(await take(subscription, 2)).toEqual(['e3', 'e4']);
    await subscription.close();
  });

  it('closes cleanly under a waiting consumer, and unsubscribes', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source));
    const received: string[] = [];
    const consumer = (async () => {
      for await (const message of subscription) received.push(message.kind);
    })();
    await new Promise((r) => setTimeout(r, 20));
    await subscription.close();
    await consumer;
    expect(received).toEqual([]);
    expect(source.unsubscribed).toBeGreaterThan(0);
    expect(source.destroyed).toBe(true);
  });

  it('does not open the client subscription when closed while preparing', async () => {
    let opened = false;
    let release!: () => void;
    const ready = new Promise<void>((r) => (release = r));
    const subscription = catchUpSubscription(async () => {
      await ready;
      return plan(new FakeClientSubscription(), { open: () => ((opened = true), new FakeClientSubscription()) });
    });
    const consumer = take(subscription, 1);
    const closing = subscription.close();
    release();
    await closing;
    expect(await consumer).toEqual([]);
    expect(opened).toBe(false);
  });

  it('hands a client error on to the consumer', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source));
    setTimeout(() => source.destroy(new Error('connection lost')), 10);
    await expect(take(subscription, 1)).rejects.toThrow('connection lost');
  });

  it('pulls: a consumer that stops reading leaves the rest with the client, which is told to wait', async () => {
    const source = new FakeClientSubscription();
    const subscription = catchUpSubscription(async () => plan(source));
    const iterator = subscription[Symbol.asyncIterator]();
    let accepted = true;
    for (let i = 1n; i <= 200n && accepted; i++) accepted = source.write(i);
    await iterator.next();
    expect(accepted).toBe(false);
    expect(source.readableLength).toBeLessThanOrEqual(source.readableHighWaterMark);
    await subscription.close();
  });
});

describe('esdb store without a server', () => {
  it('connects lazily from a KurrentDB URL and refuses bad input before any network call', async () => {
    const store = await EsdbEventStore.connect({ connectionString: 'kurrentdb://127.0.0.1:1?tls=false' });
    expect(store.engine).toBe('esdb');
    await expect(store.append('$system', [{ type: 'A', data: {} }])).rejects.toBeInstanceOf(InvalidStreamName);
    await expect(store.append('case-1', [])).rejects.toBeInstanceOf(InvalidEvent);
    await expect(store.append('case-1', [{ type: 'A', data: {}, metadata: { $causationId: 'x' } }])).rejects.toBeInstanceOf(InvalidEvent);
    expect(() => store.subscribeToStream('has space')).toThrow(InvalidStreamName);
    await store.close();
    await expect(store.append('case-1', [{ type: 'A', data: {} }])).rejects.toBeInstanceOf(StoreClosed);
    // Through the iterator, as on the other engines: a caller's for-await sees it.
    await expect(store.subscribeToAll()[Symbol.asyncIterator]().next()).rejects.toBeInstanceOf(StoreClosed);
  });

  it("refuses a URL that is not EventStoreDB's", async () => {
    await expect(EsdbEventStore.connect({ connectionString: 'sqlite:./x.db' })).rejects.toThrow(/not an EventStoreDB connection string/);
  });
});
