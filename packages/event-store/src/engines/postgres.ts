import pg from 'pg';
import { InvalidEvent, StoreClosed } from '../errors.js';
import { verifyEvents } from '../hash-chain.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
  Subscription,
  VerifyResult,
} from '../port.js';
import { RecordedAtFloor, realClock } from '../recorded-at.js';
import { clampInt64, MAX_INT64 } from '../revision.js';
import { Notifier, paged, pollingSubscription, type PollingSource } from '../subscription.js';
import { assertStreamName, DEFAULT_MAX_EVENT_BYTES, prepareEvents, readAllBound } from '../validate.js';
import { commitGroup, takeGroup, type CommitContext, type Pending } from './postgres/append.js';
import { Listener } from './postgres/listener.js';
import { asPortError } from './postgres/unavailable.js';
import {
  appendLockKey,
  assertSchemaName,
  channelOf,
  ensureSchema,
  int8AsBigInt,
  statements,
  toEvent,
  unmatchable,
  type EventRow,
  type Statements,
} from './postgres/sql.js';

/*
 * Why a reader never steps past an uncommitted event (the gap problem)
 * --------------------------------------------------------------------
 * A sequence hands out numbers when asked, not when the asker commits: writer A draws position 10,
 * writer B draws 11 and commits first, a subscription reads 11 and moves its cursor past 10, then
 * A commits and 10 is never delivered. Here positions are handed out in commit order instead:
 * every append transaction (one call of the append function, postgres/function.ts) first takes
 * pg_advisory_xact_lock(appendLockKey(schema)), before any nextval, and holds it to commit.
 * PostgreSQL marks a transaction committed in the proc array before it releases its locks, so the
 * next writer can only draw positions once every earlier one is visible; any snapshot that shows
 * position N shows every committed position below N. A rolled back transaction leaves a permanent
 * hole, which readers simply step over (the port allows holes).
 * The cost is one writer at a time per schema; group commit gives the throughput back: every
 * append queued while a transaction is in flight goes into the next one, one fsync for all. The
 * whole group is one statement in autocommit, so the lock is held only while the server works
 * through it, never across a round trip or caller code; statement_timeout on the role bounds a
 * stuck one.
 *
 * Alternatives considered:
 * - Marten's high-water mark: a daemon advances a "safe" position and, when a gap stays open past
 *   a stale-sequence threshold, assumes it is an abort and skips it; so readers wait, and a slow
 *   but live transaction can still be skipped.
 * - Emmett's filter `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`: concurrent writers,
 *   but the cursor must become (xid, position) rather than the port's single bigint position.
 */

export interface PostgresStoreOptions {
  connectionString: string;
  /** Schema holding the tables, created if missing. Default 'public'. */
  schema?: string;
  /** Rows per page for reads and subscriptions. */
  pageSize?: number;
  maxEventBytes?: number;
  /**
   * The clock recordedAt is read from (default: real time). Never goes back in position order: a
   * reading earlier than the newest recordedAt this instance has seen (the store's newest when it
   * first appends, then its own appends) gets that one. See recorded-at.ts.
   */
  clock?: () => Date;
}

export class PostgresEventStore implements EventStore {
  readonly engine = 'postgres' as const;
  private readonly notifier = new Notifier();
  private readonly sql: Statements;
  private readonly commitContext: CommitContext;
  private readonly listener: Listener;
  private readonly maxEventBytes: number;
  private readonly pageSize: number;
  private queue: Pending[] = [];
  private flushing: Promise<void> | null = null;
  private closing: Promise<void> | null = null;
  private ended = false;
  private readonly subscriptions = new Set<Subscription>();

  private constructor(
    private readonly pool: pg.Pool,
    config: pg.ClientConfig,
    schema: string,
    options: PostgresStoreOptions,
    /** Why this database cannot chain SM3 (no pgcrypto, or one without SM3), or null when it can. */
    readonly sm3Problem: string | null,
  ) {
    this.sql = statements(schema);
    this.commitContext = { pool, sql: this.sql, recordedAt: new RecordedAtFloor(options.clock ?? realClock, () => this.newestRecordedAt()) };
    this.listener = new Listener({ ...config, application_name: `hub-event-store-listen:${schema}` }, channelOf(schema), () => this.notifier.bump());
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.pageSize = options.pageSize ?? 1000;
  }

  static async connect(options: PostgresStoreOptions): Promise<PostgresEventStore> {
    const schema = options.schema ?? 'public';
    assertSchemaName(schema);
    const config: pg.ClientConfig = { connectionString: options.connectionString, types: int8AsBigInt(), keepAlive: true, application_name: 'hub-event-store' };
    const pool = new pg.Pool(config);
    // An idle pooled connection that dies is dropped by the pool; without a handler it would crash the process.
    pool.on('error', () => {});
    try {
      const sm3Problem = await ensureSchema(pool, schema, appendLockKey(schema), channelOf(schema));
      const store = new PostgresEventStore(pool, config, schema, options, sm3Problem);
      await store.listener.start();
      return store;
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  append(stream: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      if (this.closing) throw new StoreClosed();
      assertStreamName(stream);
      const prepared = prepareEvents(events, this.maxEventBytes);
      // hub_append_v2 hashes each event in the server with its metadata.hashAlg: sha256(), or pgcrypto's SM3 (checked at connect).
      if (this.sm3Problem !== null) {
        const sm3 = prepared.findIndex((e) => e.metadata['hashAlg'] === 'sm3');
        if (sm3 >= 0) throw new InvalidEvent(sm3, `metadata.hashAlg sm3: ${this.sm3Problem}`);
      }
      return new Promise((resolve, reject) => {
        this.queue.push({ stream, events: prepared, expected: options.expectedRevision ?? 'any', resolve, reject });
        this.flushing ??= this.drain();
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /**
   * One call (one transaction) at a time per process, taking everything queued by the time it
   * starts, within bounds: the append lock serialises writers anyway, so a second one in flight
   * would only sit on a pooled connection waiting for it, instead of joining the next group.
   */
  private async drain(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      // No await between this check and clearing `flushing`, so an append can never be left queued unseen.
      if (this.queue.length === 0) {
        this.flushing = null;
        return;
      }
      const { wrote, retry } = await commitGroup(this.commitContext, takeGroup(this.queue));
      this.queue.unshift(...retry); // ahead of later arrivals, so each caller's appends keep their order
      // Our own subscriptions need not wait for the notification to come back through the listener.
      if (wrote) this.notifier.bump();
    }
  }

  private async query<Row extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<Row[]> {
    if (this.ended) throw new StoreClosed();
    try {
      return (await this.pool.query<Row>(config)).rows;
    } catch (error) {
      throw this.ended ? new StoreClosed() : asPortError(error);
    }
  }

  private async streamPage(stream: string, direction: 'forwards' | 'backwards', after: bigint, limit: number): Promise<RecordedEvent[]> {
    const statement = direction === 'forwards' ? this.sql.streamFwd : this.sql.streamBwd;
    return (await this.query<EventRow>(statement([stream, clampInt64(after), Math.floor(limit)]))).map(toEvent);
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    assertStreamName(stream);
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const start = from === 'start' ? -1n : from === 'end' ? MAX_INT64 : direction === 'forwards' ? from - 1n : from + 1n;
    yield* paged<bigint>(
      (cursor, limit) => this.streamPage(stream, direction, cursor ?? start, limit),
      (e) => e.revision,
      this.pageSize,
      options.maxCount,
    );
  }

  private async allPage(direction: 'forwards' | 'backwards', filter: EventFilter | undefined, after: bigint, limit: number): Promise<RecordedEvent[]> {
    if (unmatchable(filter)) return [];
    return (await this.query<EventRow>(this.sql.all(direction, filter, clampInt64(after), Math.floor(limit)))).map(toEvent);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    const start = readAllBound(options, MAX_INT64);
    yield* paged<bigint>(
      (cursor, limit) => this.allPage(direction, options.filter, cursor ?? start, limit),
      (e) => e.position,
      this.pageSize,
      options.maxCount,
    );
  }

  private subscribe(source: Omit<PollingSource, 'notifier' | 'pageSize'>, start: () => Promise<bigint>): Subscription {
    // A failure to find the start (or a closed store) surfaces through the iterator, never as an unhandled rejection.
    const begin = this.closing ? Promise.reject(new StoreClosed()) : start();
    begin.catch(() => {});
    const subscription: Subscription = pollingSubscription({ ...source, notifier: this.notifier, pageSize: this.pageSize }, begin, () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    const from = options.fromPosition ?? 'start';
    const start = async () => (from === 'start' ? 0n : from === 'end' ? ((await this.headPosition()) ?? 0n) : from);
    return this.subscribe(
      {
        readPage: async (cursor, limit) => this.allPage('forwards', options.filter, cursor ?? 0n, limit),
        cursorOf: (e) => e.position,
      },
      start,
    );
  }

  subscribeToStream(stream: string, options: SubscribeToStreamOptions = {}): Subscription {
    assertStreamName(stream);
    const from = options.fromRevision ?? 'start';
    const start = async () =>
      from === 'start' ? -1n : from === 'end' ? ((await this.query<{ revision: bigint }>(this.sql.head([stream])))[0]?.revision ?? -1n) : from;
    return this.subscribe(
      {
        readPage: async (cursor, limit) => this.streamPage(stream, 'forwards', cursor ?? -1n, limit),
        cursorOf: (e) => e.revision,
      },
      start,
    );
  }

  verifyStream(stream: string): Promise<VerifyResult> {
    return verifyEvents(stream, this.readStream(stream));
  }

  /** The newest event's recordedAt, parsed here: metadata is text that jsonb (and json's ->>) may refuse (\u0000). */
  private async newestRecordedAt(): Promise<string | null> {
    for await (const newest of this.readAll({ direction: 'backwards', maxCount: 1 })) return newest.metadata.recordedAt;
    return null;
  }

  async headPosition(): Promise<bigint | null> {
    const rows = await this.query<{ p: bigint | null }>(this.sql.maxPosition([]));
    return rows[0]?.p ?? null;
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      // Appends accepted before close are written; later ones get StoreClosed.
      while (this.flushing) await this.flushing;
      await Promise.all([...this.subscriptions].map((s) => s.close()));
      await this.listener.stop();
      this.ended = true;
      await this.pool.end();
    })();
    return this.closing;
  }
}
