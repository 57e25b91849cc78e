import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { subscribeToAllResuming, type EventStore, type RecordedEvent, type ResumingSubscription, type SubscriptionHealth } from '@hub/event-store';
import { BatchReader } from './batch.js';
import { ProjectionFailed } from './errors.js';
import type { Fold, FoldCache } from './fold.js';
import type { ModelWriter } from './writer.js';

export interface PipelineOptions {
  store: EventStore;
  batchSize: number;
  clock: () => Date;
  /** The caches of the folds the writers use, one per fold. */
  folds: ReadonlyMap<Fold, FoldCache>;
  /** Called after every batch and every change of state, with the writers that committed. */
  onChange: (pipeline: Pipeline, committed: readonly ModelWriter[]) => void;
  /** Names the subscription in /health and /metrics; default 'projections'. */
  name?: string;
  /** Told when the store connection is lost and found again (the subscription resumes by itself). */
  onConnection?: (health: SubscriptionHealth, error?: unknown) => void;
}

const before = (a: bigint | null, b: bigint | null): boolean => (a === null ? b !== null : b !== null && a < b);

/**
 * One subscription to `$all` feeding several read models, batch by batch: each event is read and
 * parsed once, folded once per fold, then handed to every writer in its own transaction, and the
 * folds write their states after the writers. A writer skips events at or below its checkpoint,
 * so writers at different checkpoints share the one read: it starts at the lowest of them.
 *
 * The subscription is not filtered by event type at the store: the port has no "checkpoint
 * reached" message for filtered subscriptions (EventStoreDB has), so a filtered one could not tell
 * a model that it has seen everything up to a position none of whose events matched, and lag and
 * `waitForPosition` need exactly that. Writers filter instead and move their checkpoints over every event.
 */
export class Pipeline {
  readonly writers = new Set<ModelWriter>();
  /** Where the reader is: every event up to here has been handed to every writer that needs it. */
  position: bigint | null = null;
  state: 'catching-up' | 'live' | 'stopped' = 'catching-up';
  private subscription: ResumingSubscription | undefined;
  /** Reconnects and the last failure of the subscriptions of earlier starts, so /health counts them all. */
  private earlier: Pick<SubscriptionHealth, 'reconnects' | 'lastError'> = { reconnects: 0, lastError: null };
  private latest: ResumingSubscription | undefined;
  private loop: Promise<void> | undefined;
  private stopping = false;

  constructor(private readonly options: PipelineOptions) {}

  /**
   * Starts reading from the lowest checkpoint of the writers and folds. A fold that is past a
   * writer using it is dropped and folded again from the start, since the states it would need
   * are gone; the other writers skip what they have.
   */
  start(): void {
    if (this.loop || this.stopping) return;
    const active = [...this.writers].filter((w) => w.active);
    for (const [fold, cache] of this.options.folds) {
      cache.rewind();
      const users = active.filter((w) => w.projection.fold === fold);
      if (users.some((w) => before(w.position, cache.position))) cache.reset();
    }
    const positions = [...active.map((w) => w.position), ...[...this.options.folds.values()].map((c) => c.position)];
    const from = positions.reduce<bigint | null | undefined>((low, p) => (low === undefined || before(p, low) ? p : low), undefined) ?? null;
    for (const writer of active) writer.state = 'catching-up';
    this.state = 'catching-up';
    this.position = from;
    // A lost connection (a restarted server, a network cut) does not stop the models: the
    // subscription opens again after the last event it delivered, with backoff.
    if (this.latest) {
      const before = this.latest.health();
      this.earlier = { reconnects: this.earlier.reconnects + before.reconnects, lastError: before.lastError ?? this.earlier.lastError };
    }
    const subscription = subscribeToAllResuming(
      this.options.store,
      { fromPosition: from ?? 'start' },
      {
        name: this.options.name ?? 'projections',
        clock: this.options.clock,
        onState: (_health, error) => this.options.onConnection?.(this.connection(), error),
      },
    );
    this.subscription = subscription;
    this.latest = subscription;
    this.loop = this.run(subscription).finally(() => {
      this.loop = undefined;
    });
  }

  /** The store subscription's health: reconnects counted over every start of this pipeline. */
  connection(): SubscriptionHealth {
    const now = this.latest?.health();
    const name = this.options.name ?? 'projections';
    if (!now) return { name, state: 'connected', ...this.earlier };
    return { ...now, name, reconnects: this.earlier.reconnects + now.reconnects, lastError: now.lastError ?? this.earlier.lastError };
  }

  /** Reads again from the lowest checkpoint: after a failed writer's restart. */
  async restart(): Promise<void> {
    if (this.stopping) return;
    const subscription = this.subscription;
    // Unset first, so that the loop takes the end of this subscription for a restart, not a failure.
    this.subscription = undefined;
    await subscription?.close();
    await this.loop;
    if (!this.stopping) this.start();
  }

  /** Closes the subscription and waits for the batch in hand (committed or dropped whole). Closes neither writers nor folds. */
  async stop(): Promise<void> {
    if (this.stopping) return this.loop;
    this.stopping = true;
    await this.subscription?.close();
    await this.loop;
    this.state = 'stopped';
  }

  private async run(subscription: ResumingSubscription): Promise<void> {
    const reader = new BatchReader(subscription[Symbol.asyncIterator](), this.options.batchSize);
    try {
      while (!this.stopping) {
        // A catch-up from a local store is all microtasks: let readers, timers and the other
        // pipeline (serving or rebuilding) in before each batch.
        await nextMacrotask();
        const batch = await reader.next();
        // Stopping mid-batch drops the batch uncommitted; the next start reads it again.
        if (this.stopping || subscription !== this.subscription) return;
        if (batch.caughtUp) this.state = 'live';
        else if (batch.fellBehind) this.state = 'catching-up';
        const committed = batch.events.length > 0 ? this.commit(batch.events) : [];
        for (const writer of this.writers) if (writer.active) writer.state = this.state;
        this.options.onChange(this, committed);
        if (batch.ended) throw new Error('the subscription ended (was the store closed?)');
      }
    } catch (error) {
      if (this.stopping || subscription !== this.subscription) return;
      // The reader itself failed (the store went away): every writer stops where it is.
      for (const writer of this.writers) {
        if (!writer.active) continue;
        writer.state = 'failed';
        writer.lastError = { error: new ProjectionFailed(writer.name, undefined, undefined, error), at: this.options.clock() };
      }
      await subscription.close();
      this.options.onChange(this, []);
    }
  }

  /** Folds, then every writer's transaction, then the folds' own write: never ahead of a writer that committed. */
  private commit(events: RecordedEvent[]): ModelWriter[] {
    const last = events[events.length - 1]!.position;
    const folded = new Map<Fold, unknown[]>();
    for (const [fold, cache] of this.options.folds) {
      const out = new Array<unknown>(events.length);
      for (let i = 0; i < events.length; i++) out[i] = cache.step(events[i]!);
      folded.set(fold, out);
    }
    const committed: ModelWriter[] = [];
    for (const writer of this.writers) {
      if (!writer.needs(last)) continue;
      try {
        writer.commit(events, writer.projection.fold ? folded.get(writer.projection.fold) : undefined);
        committed.push(writer);
      } catch (error) {
        writer.state = 'failed';
        writer.lastError = { error: error as ProjectionFailed, at: this.options.clock() };
        committed.push(writer);
      }
    }
    for (const cache of this.options.folds.values()) cache.commit();
    this.position = last;
    return committed;
  }
}
