import { getSQLiteEventStore, readMessagesBatch, sqliteConnection, STREAM_DOES_NOT_EXIST } from '@hub/bench-peer-emmett-sqlite';
import type { BenchEvent } from '../payload.js';
import { sleep } from '../stats.js';
import type { BenchTarget, ConcurrencyTarget, LiveSubscription, OnDelivered, StreamWriter } from './types.js';

/** Page size of the global-log read: the same 1000 rows our engine reads per page. */
const READ_BATCH = 1000;
/** Tries per append before a transient error fails the workload; the pause doubles from 10 ms. */
const MAX_ATTEMPTS = 6;

/**
 * How writers reach the store. 'shared': one store instance, as an application holds one.
 * 'per-writer': a store instance per writer. 'serialized': the shared instance with every append
 * behind an in-process mutex.
 */
type Mode = 'shared' | 'per-writer' | 'serialized';

interface State {
  appended: number;
  /** Highest global position an append reported: where a live processor starts. */
  head: bigint;
  retried: Map<string, number>;
}

/**
 * Emmett 0.38.5's SQLite event store (node `sqlite3`). It opens a connection per operation on a
 * file database; reading the global log goes through its exported `readMessagesBatch`, the call its
 * own consumers poll with; live delivery is its consumer with one processor.
 */
export class EmmettSqliteTarget implements BenchTarget {
  readonly side = 'peer' as const;
  readonly engine = 'sqlite' as const;
  private readonly store;
  private mutex: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly fileName: string,
    private readonly mode: Mode = 'shared',
    /** Retry an append that failed with a transient error (after checking whether it landed). */
    private readonly retry = true,
    private readonly state: State = { appended: 0, head: 0n, retried: new Map() },
  ) {
    this.store = getSQLiteEventStore({ fileName });
  }

  get appended(): number {
    return this.state.appended;
  }

  /** Failures here are not transient, so the first two fail fast rather than retry. */
  concurrencyTargets(): ConcurrencyTarget[] {
    return [
      { label: 'one shared getSQLiteEventStore instance', target: new EmmettSqliteTarget(this.fileName, 'shared', false, this.state) },
      { label: 'one getSQLiteEventStore instance per writer', target: new EmmettSqliteTarget(this.fileName, 'per-writer', false, this.state) },
      { label: 'the appends serialized by an in-process mutex', target: new EmmettSqliteTarget(this.fileName, 'serialized', true, this.state) },
    ];
  }

  writer(stream: string): StreamWriter {
    const store = this.mode === 'per-writer' ? getSQLiteEventStore({ fileName: this.fileName }) : this.store;
    // Emmett counts a stream's version from 1 (0: no stream); STREAM_DOES_NOT_EXIST then the version it returned.
    let expected: bigint | typeof STREAM_DOES_NOT_EXIST = STREAM_DOES_NOT_EXIST;
    const appendOnce = async (events: BenchEvent[]) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const result = await store.appendToStream(stream, events, { expectedStreamVersion: expected });
          expected = result.nextExpectedStreamVersion;
          if (result.lastEventGlobalPosition > this.state.head) this.state.head = result.lastEventGlobalPosition;
          return;
        } catch (error) {
          // Its per-call connections race (e.g. SQLITE_BUSY: cannot commit transaction - SQL statements
          // in progress): an application would retry, and so do we, after checking whether it landed.
          if (!this.retry || attempt >= MAX_ATTEMPTS) throw error;
          const message = (error as Error).message.split('\n')[0]!;
          this.state.retried.set(message, (this.state.retried.get(message) ?? 0) + 1);
          await sleep(10 * 2 ** (attempt - 1));
          const before = typeof expected === 'bigint' ? expected : 0n;
          const { currentStreamVersion } = await store.readStream(stream);
          if (currentStreamVersion === before + BigInt(events.length)) {
            expected = currentStreamVersion;
            return;
          }
        }
      }
    };
    return {
      append: async (events: BenchEvent[]) => {
        if (this.mode === 'serialized') {
          const turn = this.mutex.then(() => appendOnce(events));
          this.mutex = turn.catch(() => undefined);
          await turn;
        } else {
          await appendOnce(events);
        }
        this.state.appended += events.length;
      },
    };
  }

  problems(): string[] {
    return [...this.state.retried].map(([message, count]) => `${count} append(s) failed with "${message}" and were retried`);
  }

  readAll = async (): Promise<number> => {
    const connection = sqliteConnection({ fileName: this.fileName });
    try {
      let count = 0;
      let after = 0n;
      for (;;) {
        const batch = await readMessagesBatch(connection, { after, batchSize: READ_BATCH });
        count += batch.messages.length;
        after = batch.currentGlobalPosition;
        if (!batch.areEventsLeft) return count;
      }
    } finally {
      connection.close();
    }
  };

  subscribeLive = async (onDelivered: OnDelivered): Promise<LiveSubscription> => {
    const consumer = this.store.consumer<BenchEvent>();
    consumer.processor({
      processorId: `bench-live-${Date.now()}`,
      // Its 'END' reads the lowest position (ORDER BY global_position LIMIT 1), so start from the head we know.
      startFrom: { globalPosition: this.state.head },
      eachMessage: (event) => {
        onDelivered(event.data.seq);
      },
    });
    const running = consumer.start();
    return {
      close: async () => {
        await consumer.close();
        await running;
      },
    };
  };

  verifyStream = null;

  async durability(): Promise<string> {
    // A connection opened exactly as the store opens each of its own (sqliteConnection sets only WAL).
    const connection = sqliteConnection({ fileName: this.fileName });
    try {
      const journal = await connection.querySingle<{ journal_mode: string }>('PRAGMA journal_mode');
      const sync = await connection.querySingle<{ synchronous: number }>('PRAGMA synchronous');
      return `journal_mode=${journal?.journal_mode}, synchronous=${SYNC_NAMES[sync?.synchronous ?? -1] ?? sync?.synchronous}`;
    } finally {
      connection.close();
    }
  }

  async close(): Promise<void> {
    // The store keeps no connection open between operations on a file database.
  }
}

const SYNC_NAMES: Record<number, string> = { 0: 'OFF', 1: 'NORMAL', 2: 'FULL', 3: 'EXTRA' };
