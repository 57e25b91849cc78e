import { END, EventStoreDBClient, jsonEvent, NO_STREAM, START, type AllStreamResolvedEvent, type ResolvedEvent } from '@eventstore/db-client';
import { StoreClosed, StoreUnavailable, StreamDeleted } from '../errors.js';
import { seal, verifyEvents } from '../hash-chain.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
  Subscription,
  VerifyResult,
} from '../port.js';
import { RecordedAtFloor, realClock } from '../recorded-at.js';
import { checkExpected } from '../revision.js';
import { assertStreamName, DEFAULT_MAX_EVENT_BYTES, prepareEvents, type PreparedEvent } from '../validate.js';
import {
  findReplay,
  isAccessDenied,
  isWrongExpectedVersion,
  positionOf,
  selects,
  serverFilter,
  toClientConnectionString,
  toClientPosition,
  toEsdbMetadata,
  toPortError,
  toPortReadError,
  toRecordedEvent,
} from './esdb/mapping.js';
import { EsdbReads } from './esdb/reads.js';
import { catchUpSubscription, type ClientSubscription } from './esdb/subscription.js';

/** The calls this engine makes; a real EventStoreDBClient has them all. */
export type EsdbClient = Pick<
  EventStoreDBClient,
  'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'subscribeToStream' | 'getStreamMetadata' | 'dispose'
>;

export interface EsdbStoreOptions {
  /** Events per page for reads. */
  pageSize?: number;
  /**
   * Per-event limit checked before anything is sent (default 4 MiB). EventStoreDB refuses an append
   * whose events together exceed its MaxAppendSize, 1 MiB by default: the server must be started
   * with EVENTSTORE_MAX_APPEND_SIZE of at least this (infra/esdb sets 8 MiB).
   */
  maxEventBytes?: number;
  /**
   * How many of a stream's newest events, beyond the batch's own length, are searched for the
   * batch's ids before an append (the idempotency check). Default 32.
   */
  idempotencyWindow?: number;
  /**
   * How many older events are searched, beyond the window, when the caller gave the batch's ids
   * (a possible retry) and the window did not hold them. Default 10,000.
   */
  idempotencyScanLimit?: number;
  /**
   * The clock recordedAt is read from (default: real time). Never goes back behind the newest
   * recordedAt this instance has seen ($all's newest when it first appends, then its own appends);
   * see recorded-at.ts for what that does not cover.
   */
  clock?: () => Date;
}

export interface EsdbConnectOptions extends EsdbStoreOptions {
  /** esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover:// */
  connectionString: string;
}

/**
 * Appends re-read the stream head and try again when another writer got in first: 'stream_exists'
 * this often; 'any' is never refused as a conflict, only given up (as StoreUnavailable) after
 * ANY_APPEND_ATTEMPTS, which only a stream written faster than one round trip would reach.
 */
const MAX_APPEND_ATTEMPTS = 5;
const ANY_APPEND_ATTEMPTS = 200;
/** How far back (in events of $all) a subscription looks for the newest event its filter selects. */
const HEAD_SCAN_PAGES = 4;

/**
 * EventStoreDB (or KurrentDB) through @eventstore/db-client 6.x. Streams, ids, types, revisions
 * and JSON data map one to one; `correlationId`/`causationId` are stored as `$correlationId`/
 * `$causationId`; the global position is the commit position. The store-owned hash chain lives in
 * each event's metadata, sealed against the stream head read just before the append, and the
 * append is made conditional on that head so that no other write can slip in between.
 *
 * Stated differences from sqlite/postgres:
 * - Idempotency by event id: sqlite and postgres look ids up in a unique index on (stream, id);
 *   here they are looked for among the stream's newest `batch length + idempotencyWindow` events,
 *   and, when the caller gave the ids (only then can it be a retry), further back, up to
 *   `idempotencyScanLimit` older events. A retry from further back than that writes the batch
 *   again. (The agency services also find a keyed request's earlier run in the case stream
 *   itself, whatever its distance: idempotency.ts.)
 * - Filtered readAll: the 6.x client cannot send a filter with a read, so readAll pages through
 *   $all and filters on the client. Subscriptions do filter on the server.
 * - Subscriptions say caught-up once and never fell-behind: the server's own catch-up subscription
 *   does the paging. Caught-up needs either a server that sends it (23.10+), or the newest selected
 *   event within HEAD_SCAN_PAGES pages of the end of $all, or a filter checkpoint past the old end.
 * - The log is immutable: there is no way to tamper with a stored event from outside.
 */
export class EsdbEventStore implements EventStore {
  readonly engine = 'esdb' as const;
  private readonly maxEventBytes: number;
  private readonly reads: EsdbReads;
  private readonly idempotencyWindow: number;
  private readonly idempotencyScanLimit: number;
  private readonly recordedAt: RecordedAtFloor;
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();
  /** Appends under way: close() lets them finish before it lets the client go. */
  private readonly appending = new Set<Promise<unknown>>();

  /** Takes a client made by the caller (TLS files, credentials, keep-alive...); `connect` makes one from a URL. */
  constructor(
    private readonly client: EsdbClient,
    options: EsdbStoreOptions = {},
  ) {
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.reads = new EsdbReads(client, Math.max(2, options.pageSize ?? 500));
    this.idempotencyWindow = options.idempotencyWindow ?? 32;
    this.idempotencyScanLimit = options.idempotencyScanLimit ?? 10_000;
    this.recordedAt = new RecordedAtFloor(options.clock ?? realClock, async () => {
      try {
        for await (const newest of this.reads.readAll({ direction: 'backwards', maxCount: 1 })) return newest.metadata.recordedAt;
      } catch (error) {
        // Reading $all needs admin rights by default: a user without them still appends, with
        // only its own appends as the floor (recorded-at.ts says what that does not cover).
        if (isAccessDenied(error)) return null;
        throw error;
      }
      return null;
    });
  }

  /** The client connects lazily: a wrong host shows on the first call, not here. */
  static async connect(options: EsdbConnectOptions): Promise<EsdbEventStore> {
    const { connectionString, ...rest } = options;
    return new EsdbEventStore(EventStoreDBClient.connectionString(toClientConnectionString(connectionString)), rest);
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosed();
  }

  async append(stream: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    const prepared = prepareEvents(events, this.maxEventBytes);
    const pending = this.appendPrepared(stream, prepared, options.expectedRevision ?? 'any');
    this.appending.add(pending);
    try {
      return await pending;
    } finally {
      this.appending.delete(pending);
    }
  }

  private async appendPrepared(stream: string, prepared: PreparedEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const bytes = prepared.reduce((sum, e) => sum + Buffer.byteLength(e.dataJson) + 256, 0);
    for (let attempt = 1; ; attempt++) {
      // On the leader: the head the seal is computed against must be the newest (a follower may lag).
      const tail = await this.reads.streamPage(stream, 'backwards', END, prepared.length + this.idempotencyWindow, true);
      const ids = prepared.map((e) => e.id);
      const replay = findReplay(tail, ids) ?? (await this.findOlderReplay(stream, tail, prepared, ids));
      if (replay) return replay;
      const head = tail[0];
      // A soft-deleted stream reads as missing, but the server would go on numbering after its old
      // end: the chain sealed from revision 0 would not match. Refuse rather than renumber.
      if (!head && (await this.softDeleted(stream))) throw new StreamDeleted(stream);
      checkExpected(stream, expected, head ? head.revision : 'no_stream');
      const recordedAt = await this.recordedAt.stamp();
      let revision = head ? head.revision : -1n;
      let prevHash = typeof head?.metadata.hash === 'string' ? head.metadata.hash : null;
      const proposed = prepared.map((event) => {
        revision++;
        const sealed = seal(event, stream, revision, prevHash, recordedAt);
        prevHash = sealed.hash;
        return jsonEvent({
          id: event.id,
          type: event.type,
          data: JSON.parse(event.dataJson),
          metadata: toEsdbMetadata(JSON.parse(sealed.metadataJson) as Record<string, unknown>),
        });
      });
      try {
        // Always conditional on the head the seal was computed against, whatever the caller expected.
        const result = await this.client.appendToStream(stream, proposed, { expectedRevision: head ? head.revision : NO_STREAM });
        this.recordedAt.written(recordedAt);
        // The append's position is its last event's commit position.
        const position = result.position?.commit ?? (await this.positionAt(stream, result.nextExpectedRevision));
        return { nextExpectedRevision: result.nextExpectedRevision, position };
      } catch (error) {
        // Another writer moved the head: a caller who gave no concrete expectation gets a fresh try.
        if (isWrongExpectedVersion(error) && (expected === 'any' || expected === 'stream_exists')) {
          if (attempt < (expected === 'any' ? ANY_APPEND_ATTEMPTS : MAX_APPEND_ATTEMPTS)) {
            await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 10 * attempt)));
            continue;
          }
          if (expected === 'any') throw new StoreUnavailable(error);
        }
        throw toPortError(error, stream, expected, bytes);
      }
    }
  }

  /**
   * A retry may come after more than the window's worth of other appends (a client that waited,
   * a service restarted): when the caller gave the ids and the stream is longer than the window,
   * look further back, up to `idempotencyScanLimit` events, for the batch. Ids the store mints
   * cannot be retries, so a plain append never pays for this.
   */
  private async findOlderReplay(
    stream: string,
    tail: readonly RecordedEvent[],
    prepared: readonly PreparedEvent[],
    ids: readonly string[],
  ): Promise<AppendResult | undefined> {
    const oldest = tail.at(-1);
    if (!prepared.some((e) => e.supplied) || !oldest || tail.length < prepared.length + this.idempotencyWindow || oldest.revision === 0n) return undefined;
    const wanted = new Set(ids);
    const found: RecordedEvent[] = [...tail.filter((e) => wanted.has(e.id))];
    let scanned = 0;
    for await (const event of this.reads.readStream(stream, { direction: 'backwards', fromRevision: oldest.revision - 1n })) {
      if (wanted.has(event.id)) found.push(event);
      if (found.length === ids.length || ++scanned >= this.idempotencyScanLimit) break;
    }
    return found.length === 0 ? undefined : findReplay(found, ids);
  }

  /** Whether the stream's metadata truncates it (`$tb`): EventStoreDB's soft delete. */
  private async softDeleted(stream: string): Promise<boolean> {
    try {
      const { metadata } = await this.client.getStreamMetadata(stream, { requiresLeader: true });
      return metadata?.truncateBefore !== undefined && metadata.truncateBefore !== null;
    } catch (error) {
      throw toPortReadError(error, stream);
    }
  }

  private async positionAt(stream: string, revision: bigint): Promise<bigint> {
    const [event] = await this.reads.streamPage(stream, 'forwards', revision, 1);
    if (!event || event.revision !== revision) throw new Error(`stream "${stream}" has no revision ${revision} right after appending it`);
    return event.position;
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    assertStreamName(stream);
    yield* this.reads.readStream(stream, options);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    this.assertOpen();
    yield* this.reads.readAll(options);
  }

  private track(subscription: Subscription): Subscription {
    this.subscriptions.add(subscription);
    return {
      [Symbol.asyncIterator]: () => subscription[Symbol.asyncIterator](),
      close: async () => {
        this.subscriptions.delete(subscription);
        await subscription.close();
      },
    };
  }

  /** What a closed store hands out: a subscription whose first step fails with StoreClosed, as on the other engines. */
  private closedSubscription(): Subscription {
    return {
      [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(new StoreClosed()), return: async () => ({ done: true, value: undefined }) }),
      close: async () => {},
    };
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    if (this.closed) return this.closedSubscription();
    const from = options.fromPosition ?? 'start';
    const filter = options.filter;
    return this.track(
      catchUpSubscription(async () => {
        const after = typeof from === 'bigint' ? from : undefined;
        const { top, newest } =
          from === 'end'
            ? { top: (await this.reads.allPage(END, 'backwards', 1))[0]?.position ?? null, newest: null }
            : await this.reads.scanHead(filter, after, HEAD_SCAN_PAGES);
        const start = from === 'end' ? (top ?? undefined) : after;
        return {
          after: start,
          // 'end': nothing to catch up. Otherwise the newest selected event, as scanned just now.
          caughtUpAt: newest,
          open: (markCaughtUp) => {
            // A checkpoint at or past the old top of $all means the server has looked at everything that was there.
            const onCheckpoint = (_: unknown, position: { commit: bigint }) => {
              if (top !== null && position.commit >= top) markCaughtUp();
            };
            return this.client.subscribeToAll({
              fromPosition: start === undefined || start <= 0n ? START : toClientPosition(start),
              filter: serverFilter(filter, onCheckpoint),
            }) as ClientSubscription;
          },
          toDelivered: (item) => {
            const resolved = item as AllStreamResolvedEvent;
            const cursor = positionOf(resolved);
            if (cursor === undefined || !resolved.event) throw new Error('EventStoreDB delivered an event without its $all position');
            const { streamId: stream, type } = resolved.event;
            return { cursor, event: selects({ stream, type }, filter) ? toRecordedEvent(resolved) : undefined };
          },
        };
      }),
    );
  }

  subscribeToStream(stream: string, options: SubscribeToStreamOptions = {}): Subscription {
    if (this.closed) return this.closedSubscription();
    assertStreamName(stream);
    const from = options.fromRevision ?? 'start';
    return this.track(
      catchUpSubscription(async () => {
        const [head] = await this.reads.streamPage(stream, 'backwards', END, 1);
        const last = head?.revision;
        const start = from === 'end' ? last : from === 'start' || from < 0n ? undefined : from;
        return {
          after: start,
          caughtUpAt: last === undefined || (start !== undefined && last <= start) ? null : last,
          open: () => this.client.subscribeToStream(stream, { fromRevision: start === undefined ? START : start }) as ClientSubscription,
          toDelivered: (item) => {
            const event = toRecordedEvent(item as ResolvedEvent);
            if (!event) throw new Error(`EventStoreDB delivered an empty slot on stream "${stream}"`);
            return { cursor: event.revision, event };
          },
        };
      }),
    );
  }

  verifyStream(stream: string): Promise<VerifyResult> {
    return verifyEvents(stream, this.readStream(stream));
  }

  async headPosition(): Promise<bigint | null> {
    for await (const event of this.readAll({ direction: 'backwards', maxCount: 1 })) return event.position;
    return null;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.subscriptions.clear();
    await Promise.allSettled([...this.appending]);
    await this.client.dispose();
  }
}
