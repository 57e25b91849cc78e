import { setImmediate as nextMacrotask } from 'node:timers/promises';
import type { EventStore, RecordedEvent, Subscription } from '@hub/event-store';
import { BatchReader } from './batch.js';
import { checkpointWriter } from './checkpoint.js';
import { ProjectionFailed } from './errors.js';
import type { Projection, ReadModelDb } from './projection.js';

export type WorkerState = 'catching-up' | 'live' | 'failed' | 'stopped';

export interface WorkerOptions {
  projection: Projection;
  store: EventStore;
  /** The writer connection of the file this worker fills; the worker closes it on stop. */
  db: ReadModelDb;
  /** The checkpoint to resume after; null: from the start. */
  from: bigint | null;
  batchSize: number;
  clock: () => Date;
  /** Called after every commit and every change of state. */
  onChange: (worker: ProjectionWorker) => void;
}

/**
 * Feeds one projection's file from its own subscription to `$all`. The subscription is not
 * filtered by event type at the store: the port has no "checkpoint reached" message for filtered
 * subscriptions (EventStoreDB has), so a filtered one could not tell a projection that it has
 * seen everything up to a position none of whose events matched, and lag and `waitForPosition`
 * need exactly that. The worker filters instead and advances its checkpoint over every event.
 */
export class ProjectionWorker {
  position: bigint | null;
  state: WorkerState = 'catching-up';
  /** The most recent failure; kept after a restart so that status still shows what happened. */
  lastError: { error: ProjectionFailed; at: Date } | undefined;
  /** Events taken from the store by this worker (applied or filtered out) since it was made. */
  eventsSeen = 0;
  readonly db: ReadModelDb;
  private readonly options: WorkerOptions;
  private readonly applyBatch: (events: RecordedEvent[]) => void;
  private current: RecordedEvent | undefined;
  private subscription: Subscription | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(options: WorkerOptions) {
    this.options = options;
    this.db = options.db;
    this.position = options.from;
    const { projection, db, clock } = options;
    const types = projection.eventTypes ? new Set(projection.eventTypes) : undefined;
    const saveCheckpoint = checkpointWriter(db, projection.name);
    // One transaction for the model's writes and the checkpoint: both land, or neither does.
    this.applyBatch = db.transaction((events: RecordedEvent[]) => {
      for (const event of events) {
        if (types && !types.has(event.type)) continue;
        this.current = event;
        const result: unknown = projection.apply(db, event);
        if (result instanceof Promise) {
          result.catch(() => undefined);
          throw new TypeError('apply returned a promise; it must write synchronously, inside the batch transaction');
        }
      }
      this.current = undefined;
      saveCheckpoint(events[events.length - 1]!.position, clock());
    });
  }

  get name(): string {
    return this.options.projection.name;
  }

  start(): void {
    if (this.loop || this.stopping) return;
    this.state = 'catching-up';
    const subscription = this.options.store.subscribeToAll({ fromPosition: this.position ?? 'start' });
    this.subscription = subscription;
    this.loop = this.run(subscription).finally(() => {
      this.loop = undefined;
    });
  }

  /** Starts again from the checkpoint after a failure; does nothing to a worker that is running. */
  async restart(): Promise<void> {
    if (this.state !== 'failed') return;
    await this.loop; // a failed loop is only closing its subscription
    if (this.state === 'failed') this.start();
  }

  /** Closes the subscription, waits for the batch in hand (committed or dropped whole), closes the db. */
  async stop(): Promise<void> {
    if (this.stopping) return this.loop;
    this.stopping = true;
    await this.subscription?.close();
    await this.loop;
    this.state = 'stopped';
    this.db.close();
  }

  private async run(subscription: Subscription): Promise<void> {
    const reader = new BatchReader(subscription[Symbol.asyncIterator](), this.options.batchSize);
    try {
      while (!this.stopping) {
        const batch = await reader.next();
        // Stopping mid-batch drops the batch uncommitted; the next start reads it again.
        if (this.stopping) return;
        if (batch.events.length > 0) this.commit(batch.events);
        if (batch.caughtUp) this.state = 'live';
        else if (batch.fellBehind) this.state = 'catching-up';
        this.options.onChange(this);
        if (batch.ended) throw new Error('the subscription ended (was the store closed?)');
        // A catch-up from a local store is all microtasks: let readers and timers in between batches.
        await nextMacrotask();
      }
    } catch (error) {
      if (this.stopping) return;
      const failure = error instanceof ProjectionFailed ? error : new ProjectionFailed(this.name, undefined, undefined, error);
      this.lastError = { error: failure, at: this.options.clock() };
      this.state = 'failed';
      await subscription.close();
      this.options.onChange(this);
    }
  }

  private commit(events: RecordedEvent[]): void {
    try {
      this.applyBatch(events);
    } catch (error) {
      const event = this.current;
      this.current = undefined;
      throw new ProjectionFailed(this.name, event?.position, event?.type, error);
    }
    this.position = events[events.length - 1]!.position;
    this.eventsSeen += events.length;
  }
}
