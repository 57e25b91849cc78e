import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateEventId, EventStoreError, StoreClosed } from '../errors.js';
import { verifyEvents, seal } from '../hash-chain.js';
import type {
  AppendOptions,
  AppendResult,
  EventData,
  EventFilter,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  StoredMetadata,
  SubscribeToAllOptions,
  SubscribeToStreamOptions,
  Subscription,
  JsonValue,
  VerifyResult,
} from '../port.js';
import { notBefore, realClock } from '../recorded-at.js';
import { checkExpected, clampInt64, MAX_INT64 } from '../revision.js';
import { Notifier, paged, pollingSubscription, type PollingSource } from '../subscription.js';
import { assertStreamName, DEFAULT_MAX_EVENT_BYTES, prepareEvents, readAllBound, type PreparedEvent } from '../validate.js';

export interface SqliteStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  /**
   * 'full' (default): every commit is fsynced before append resolves, so an acknowledged event
   * survives power loss. 'normal': WAL without fsync per commit (survives a process crash only).
   */
  durability?: 'full' | 'normal';
  maxEventBytes?: number;
  /** Rows per page for reads and subscriptions. */
  pageSize?: number;
  /**
   * How often to look for commits made by other processes on the same file. Default 10 ms: a
   * look is one `PRAGMA data_version` (microseconds), made only while something subscribes, and
   * half the interval is what a live subscriber in another process waits on average.
   */
  pollIntervalMs?: number;
  /**
   * The clock recordedAt is read from (default: real time). Never goes back in position order:
   * a reading earlier than the newest recordedAt in the file gets that one (see recorded-at.ts).
   * It is read inside the write transaction, so this holds whatever process wrote the file.
   */
  clock?: () => Date;
}

const MAX_CACHED_HEADS = 100_000;

/**
 * What the group commits have cost so far, for diagnosis (`pnpm bench:store` prints it); not part
 * of the port. `transactionMs - workMs` is SQLite's own BEGIN and COMMIT: the WAL write and, with
 * durability 'full', its fsync.
 */
export interface CommitStats {
  /** Write transactions run (committed or rolled back). */
  commits: number;
  /** Appends they carried, refused ones included. */
  appends: number;
  /** Wall time inside the transactions, commit included. */
  transactionMs: number;
  /** Of which the work between BEGIN and COMMIT: id and revision checks, sealing, inserts. */
  workMs: number;
}

type Row = [position: number, stream: string, revision: number, id: string, type: string, data: string, metadata: string];

type Outcome = { ok: true; result: AppendResult } | { ok: false; error: unknown };

interface Pending {
  stream: string;
  events: PreparedEvent[];
  expected: AppendOptions['expectedRevision'];
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position INTEGER PRIMARY KEY AUTOINCREMENT,
  stream   TEXT NOT NULL,
  revision INTEGER NOT NULL,
  id       TEXT NOT NULL,
  type     TEXT NOT NULL,
  data     TEXT NOT NULL,
  metadata TEXT NOT NULL,
  UNIQUE (stream, revision),
  -- Ids are unique within a stream, as on EventStoreDB. A store-wide index on random UUIDs
  -- would dirty one random page per event and halve append throughput.
  UNIQUE (stream, id)
);
`;

function toEvent(row: Row): RecordedEvent {
  return {
    position: BigInt(row[0]),
    stream: row[1],
    revision: BigInt(row[2]),
    id: row[3],
    type: row[4],
    data: JSON.parse(row[5]) as JsonValue,
    metadata: JSON.parse(row[6]) as StoredMetadata,
  };
}

/** Runs `step`, again after a short pause while SQLite answers SQLITE_BUSY, for at most about 10 s. */
function untilNotBusy(step: () => unknown): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  for (let attempt = 1; ; attempt++) {
    try {
      step();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'SQLITE_BUSY' || attempt >= 200) throw error;
      // A synchronous pause (the constructor is synchronous), 20–70 ms so two openers drift apart.
      Atomics.wait(pause, 0, 0, 20 + Math.floor(Math.random() * 50));
    }
  }
}

/**
 * The embedded engine: one SQLite file in WAL mode. Appends that arrive in the same turn of the
 * event loop are gathered into one transaction (group commit); every refusal is decided by reads
 * before anything is written, so one refused append never takes its neighbours down; one fsync
 * then covers them all.
 */
export class SqliteEventStore implements EventStore {
  readonly engine = 'sqlite' as const;
  private readonly db: Database.Database;
  private readonly notifier = new Notifier();
  private readonly maxEventBytes: number;
  private readonly pageSize: number;
  private readonly clock: () => Date;
  private queue: Pending[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly subscriptions = new Set<Subscription>();
  private readonly poll: NodeJS.Timeout;
  private dataVersion: number;
  private readonly sql;
  private readonly readAllCache = new Map<string, Database.Statement>();
  /** One transaction for the whole batch, given the clock's reading. */
  private readonly commitBatch: (batch: Pending[], reading: Date) => Outcome[];
  /**
   * Stream heads (revision and hash) as this process last wrote or read them. Trusted only while
   * SQLite's data_version says no other connection has committed since; otherwise dropped.
   */
  private readonly heads = new Map<string, { revision: bigint; hash: string }>();
  /** The newest recordedAt in the file (null: empty; undefined: not read), trusted like `heads`. */
  private newestRecordedAt: string | null | undefined;
  private headsVersion = -1;
  private readonly stats: CommitStats = { commits: 0, appends: 0, transactionMs: 0, workMs: 0 };

  constructor(options: SqliteStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path, { timeout: 5000 });
    // Two processes opening one new file at once (two services, the register's race): switching
    // to WAL and creating the schema need the write lock, and SQLite may answer SQLITE_BUSY at once
    // rather than wait where waiting could deadlock. Retried for a while, never turned into a failure of the start.
    untilNotBusy(() => this.db.pragma('journal_mode = WAL'));
    this.db.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    untilNotBusy(() => this.db.exec(SCHEMA));
    this.maxEventBytes = options.maxEventBytes ?? DEFAULT_MAX_EVENT_BYTES;
    this.pageSize = options.pageSize ?? 1000;
    this.clock = options.clock ?? realClock;
    const db = this.db;
    this.sql = {
      byId: db.prepare<[string, string], { revision: number; position: number }>('SELECT revision, position FROM events WHERE stream = ? AND id = ?'),
      head: db.prepare<[string], { revision: number; hash: string }>(
        "SELECT revision, json_extract(metadata, '$.hash') AS hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1",
      ),
      insert: db.prepare('INSERT INTO events (stream, revision, id, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
      maxPosition: db.prepare<[], { p: number | null }>('SELECT max(position) AS p FROM events'),
      newestRecordedAt: db.prepare<[], string | null>("SELECT json_extract(metadata, '$.recordedAt') FROM events ORDER BY position DESC LIMIT 1").pluck(),
      streamFwd: db
        .prepare('SELECT position, stream, revision, id, type, data, metadata FROM events WHERE stream = ? AND revision > ? ORDER BY revision LIMIT ?')
        .raw(true),
      streamBwd: db
        .prepare('SELECT position, stream, revision, id, type, data, metadata FROM events WHERE stream = ? AND revision < ? ORDER BY revision DESC LIMIT ?')
        .raw(true),
    };
    // Every refusal is decided by reads before the append writes anything, so a refused append
    // needs no savepoint to leave its neighbours intact; any other error aborts the whole batch.
    const batchTransaction = db.transaction((batch: Pending[], reading: Date) => {
      const started = performance.now();
      // Inside the write lock (BEGIN IMMEDIATE, below), no other connection can commit until we
      // are done: if data_version moved since the heads were cached, some other process wrote.
      const version = this.readDataVersion();
      if (version !== this.headsVersion || this.heads.size > MAX_CACHED_HEADS) {
        this.heads.clear();
        this.newestRecordedAt = undefined;
        this.headsVersion = version;
      }
      // recordedAt never goes back in position order: not before the newest event in the file.
      if (this.newestRecordedAt === undefined) this.newestRecordedAt = this.sql.newestRecordedAt.get() ?? null;
      const recordedAt = notBefore(reading, this.newestRecordedAt);
      const outcomes = batch.map((item): Outcome => {
        try {
          return { ok: true, result: this.appendOne(item, recordedAt) };
        } catch (error) {
          if (error instanceof EventStoreError) return { ok: false, error };
          throw error;
        }
      });
      this.stats.workMs += performance.now() - started;
      return outcomes;
    });
    this.commitBatch = (batch, reading) => batchTransaction.immediate(batch, reading);
    this.dataVersion = this.readDataVersion();
    // Commits by other processes on the same file do not reach our notifier: notice them by polling.
    this.poll = setInterval(() => {
      if (this.closed || this.subscriptions.size === 0) return;
      const version = this.readDataVersion();
      if (version !== this.dataVersion) {
        this.dataVersion = version;
        this.notifier.bump();
      }
    }, options.pollIntervalMs ?? 10);
    this.poll.unref();
  }

  private readDataVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  append(stream: string, events: readonly EventData[], options: AppendOptions = {}): Promise<AppendResult> {
    try {
      if (this.closed) throw new StoreClosed();
      assertStreamName(stream);
      const prepared = prepareEvents(events, this.maxEventBytes);
      return new Promise((resolve, reject) => {
        this.queue.push({ stream, events: prepared, expected: options.expectedRevision ?? 'any', resolve, reject });
        if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => this.flush());
        }
      });
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    let outcomes: Outcome[];
    const started = performance.now();
    try {
      outcomes = this.commitBatch(batch, this.clock());
      this.count(batch.length, started);
    } catch (error) {
      this.count(batch.length, started);
      // The transaction rolled back: heads (and the newest recordedAt) written by it never happened.
      this.heads.clear();
      this.newestRecordedAt = undefined;
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) item.resolve(outcome.result);
      else item.reject(outcome.error);
    });
    // data_version does not move for this connection's own commits, so the poller will not bump twice.
    this.notifier.bump();
  }

  private count(appends: number, started: number): void {
    this.stats.commits++;
    this.stats.appends += appends;
    this.stats.transactionMs += performance.now() - started;
  }

  /** A copy of the counters (see CommitStats). */
  commitStats(): CommitStats {
    return { ...this.stats };
  }

  private head(stream: string): { revision: bigint; hash: string } | undefined {
    let head = this.heads.get(stream);
    if (!head) {
      const row = this.sql.head.get(stream);
      if (!row) return undefined;
      head = { revision: BigInt(row.revision), hash: row.hash };
      this.heads.set(stream, head);
    }
    return head;
  }

  /** Throws an EventStoreError, before writing anything, to refuse this append alone. */
  private appendOne(item: Pending, recordedAt: string): AppendResult {
    const { stream, events } = item;
    const first = this.sql.byId.get(stream, events[0]!.id);
    if (first) return this.replayed(stream, events, first);
    for (let i = 1; i < events.length; i++) {
      if (this.sql.byId.get(stream, events[i]!.id)) throw new DuplicateEventId(events[i]!.id);
    }
    const head = this.head(stream);
    checkExpected(stream, item.expected ?? 'any', head ? head.revision : 'no_stream');
    let revision = head ? head.revision : -1n;
    let prevHash = head ? head.hash : null;
    let position = 0n;
    for (const event of events) {
      revision++;
      const sealed = seal(event, stream, revision, prevHash, recordedAt);
      position = BigInt(this.sql.insert.run(stream, revision, event.id, event.type, event.dataJson, sealed.metadataJson).lastInsertRowid);
      prevHash = sealed.hash;
    }
    this.heads.set(stream, { revision, hash: prevHash! });
    this.newestRecordedAt = recordedAt;
    return { nextExpectedRevision: revision, position };
  }

  /** The first event of this append is stored already: a retry. Answer as the first time, if it really is one. */
  private replayed(stream: string, events: PreparedEvent[], first: { revision: number; position: number }): AppendResult {
    let last = first;
    for (let i = 0; i < events.length; i++) {
      const found = i === 0 ? first : this.sql.byId.get(stream, events[i]!.id);
      if (!found || found.revision !== first.revision + i) throw new DuplicateEventId(events[i]!.id);
      last = found;
    }
    return { nextExpectedRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  private streamPage(stream: string, direction: 'forwards' | 'backwards', after: bigint, limit: number): RecordedEvent[] {
    const statement = direction === 'forwards' ? this.sql.streamFwd : this.sql.streamBwd;
    return (statement.all(stream, clampInt64(after), limit) as Row[]).map(toEvent);
  }

  readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    const from = options.fromRevision ?? (direction === 'forwards' ? 'start' : 'end');
    const start = from === 'start' ? -1n : from === 'end' ? MAX_INT64 : direction === 'forwards' ? from - 1n : from + 1n;
    return paged<bigint>(
      (cursor, limit) => this.streamPage(stream, direction, cursor ?? start, limit),
      (e) => e.revision,
      this.pageSize,
      options.maxCount,
      () => {
        if (this.closed) throw new StoreClosed();
        assertStreamName(stream);
      },
    );
  }

  private allStatement(direction: 'forwards' | 'backwards', filter: EventFilter | undefined): Database.Statement {
    const key = `${direction}|${filter?.streamPrefix !== undefined}|${filter?.eventTypes !== undefined}`;
    let statement = this.readAllCache.get(key);
    if (!statement) {
      const where = [direction === 'forwards' ? 'position > @after' : 'position < @after'];
      if (filter?.streamPrefix !== undefined) where.push('substr(stream, 1, length(@prefix)) = @prefix');
      if (filter?.eventTypes !== undefined) where.push('type IN (SELECT value FROM json_each(@types))');
      statement = this.db
        .prepare(
          `SELECT position, stream, revision, id, type, data, metadata FROM events WHERE ${where.join(' AND ')} ORDER BY position ${direction === 'forwards' ? 'ASC' : 'DESC'} LIMIT @limit`,
        )
        .raw(true);
      this.readAllCache.set(key, statement);
    }
    return statement;
  }

  private allPage(direction: 'forwards' | 'backwards', filter: EventFilter | undefined, after: bigint, limit: number): RecordedEvent[] {
    const params: Record<string, unknown> = { after: clampInt64(after), limit };
    if (filter?.streamPrefix !== undefined) params['prefix'] = filter.streamPrefix;
    if (filter?.eventTypes !== undefined) params['types'] = JSON.stringify(filter.eventTypes);
    return (this.allStatement(direction, filter).all(params) as Row[]).map(toEvent);
  }

  readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const direction = options.direction ?? 'forwards';
    let start = 0n;
    return paged<bigint>(
      (cursor, limit) => this.allPage(direction, options.filter, cursor ?? start, limit),
      (e) => e.position,
      this.pageSize,
      options.maxCount,
      () => {
        if (this.closed) throw new StoreClosed();
        start = readAllBound(options, MAX_INT64);
      },
    );
  }

  private subscribe(source: Omit<PollingSource, 'notifier' | 'pageSize'>, start: bigint): Subscription {
    const subscription: Subscription = pollingSubscription({ ...source, notifier: this.notifier, pageSize: this.pageSize }, Promise.resolve(start), () =>
      this.subscriptions.delete(subscription),
    );
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** What a closed store hands out: a subscription whose first step fails with StoreClosed. */
  private closedSubscription(): Subscription {
    const refused = Promise.reject(new StoreClosed());
    refused.catch(() => {}); // surfaces through the iterator, never as an unhandled rejection
    return pollingSubscription({ readPage: async () => [], cursorOf: (e) => e.position, notifier: this.notifier, pageSize: this.pageSize }, refused);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): Subscription {
    if (this.closed) return this.closedSubscription();
    const from = options.fromPosition ?? 'start';
    const start = from === 'start' ? 0n : from === 'end' ? (this.headPositionSync() ?? 0n) : from;
    const filter = options.filter;
    // Filtered: the page and the head it scanned up to are read in one snapshot (one read
    // transaction), so no commit can land between them and be skipped.
    const scannedPage = this.db.transaction((after: bigint, limit: number) => {
      const events = this.allPage('forwards', filter, after, limit);
      return { events, scannedTo: events.length < limit ? this.headPositionSync() : null };
    });
    return this.subscribe(
      {
        readPage: async (cursor, limit) =>
          filter === undefined ? this.allPage('forwards', undefined, cursor ?? start, limit) : scannedPage(cursor ?? start, limit),
        cursorOf: (e) => e.position,
      },
      start,
    );
  }

  subscribeToStream(stream: string, options: SubscribeToStreamOptions = {}): Subscription {
    if (this.closed) return this.closedSubscription();
    assertStreamName(stream);
    const from = options.fromRevision ?? 'start';
    const start = from === 'start' ? -1n : from === 'end' ? BigInt(this.sql.head.get(stream)?.revision ?? -1) : from;
    return this.subscribe(
      {
        readPage: async (cursor, limit) => this.streamPage(stream, 'forwards', cursor ?? start, limit),
        cursorOf: (e) => e.revision,
      },
      start,
    );
  }

  verifyStream(stream: string): Promise<VerifyResult> {
    return verifyEvents(stream, this.readStream(stream));
  }

  private headPositionSync(): bigint | null {
    const p = this.sql.maxPosition.get()?.p;
    return p === null || p === undefined ? null : BigInt(p);
  }

  async headPosition(): Promise<bigint | null> {
    return this.headPositionSync();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) this.flush();
    this.closed = true;
    clearInterval(this.poll);
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    this.db.close();
  }
}
