import { dumbo, endAllPools } from '@event-driven-io/dumbo';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import type { BenchEvent } from '../payload.js';
import type { BenchTarget, LiveSubscription, OnDelivered, StreamWriter } from './types.js';

/** Page size of the global-log read: the same 1000 rows our engine reads per page. */
const READ_BATCH = 1000;

/**
 * Emmett 0.42.0's PostgreSQL event store (pooled `pg` through dumbo). Reading the global log goes
 * through its exported `readMessagesBatch`, the call its consumers poll with; live delivery is its
 * consumer with one reactor.
 */
export class EmmettPostgresTarget implements BenchTarget {
  readonly side = 'peer' as const;
  readonly engine = 'postgres' as const;
  appended = 0;
  /** Highest global position an append reported: where a live reactor starts. */
  private head = 0n;
  private readonly store;

  constructor(
    private readonly connectionString: string,
    private readonly serverDurability: string,
  ) {
    this.store = getPostgreSQLEventStore(connectionString);
  }

  writer(stream: string): StreamWriter {
    let expected: bigint | typeof STREAM_DOES_NOT_EXIST = STREAM_DOES_NOT_EXIST;
    return {
      append: async (events: BenchEvent[]) => {
        const result = await this.store.appendToStream(stream, events, { expectedStreamVersion: expected });
        expected = result.nextExpectedStreamVersion;
        if (result.lastEventGlobalPosition > this.head) this.head = result.lastEventGlobalPosition;
        this.appended += events.length;
      },
    };
  }

  readAll = async (): Promise<number> => {
    const pool = dumbo({ connectionString: this.connectionString });
    try {
      let count = 0;
      let after = 0n;
      for (;;) {
        const batch = await readMessagesBatch(pool.execute, { after, batchSize: READ_BATCH });
        count += batch.messages.length;
        after = batch.currentGlobalPosition;
        if (!batch.areMessagesLeft) return count;
      }
    } finally {
      await pool.close();
    }
  };

  subscribeLive = async (onDelivered: OnDelivered): Promise<LiveSubscription> => {
    const consumer = this.store.consumer<BenchEvent>();
    consumer.reactor<BenchEvent>({
      processorId: `bench-live-${Date.now()}`,
      // Its 'END' reads the lowest position (ORDER BY ... LIMIT 1), so start from the head we know.
      startFrom: { lastCheckpoint: this.head },
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
    return this.serverDurability;
  }

  async close(): Promise<void> {
    await this.store.close();
    // dumbo shares one pg.Pool per connection string and counts its users; the consumer's close
    // counts too. End them all, so that dropping the scratch database kills no pool we still hold
    // (a pg.Pool without an 'error' listener would take the process down).
    await endAllPools();
  }
}
