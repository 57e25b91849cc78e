import type { RecordedEvent } from '@hub/event-store';
import { checkpointWriter } from './checkpoint.js';
import { ProjectionFailed } from './errors.js';
import type { Projection, ReadModelDb } from './projection.js';

export type WriterState = 'catching-up' | 'live' | 'failed' | 'stopped';

/**
 * Writes one projection's file: a batch's events (those past its checkpoint, of the types it
 * names) and the checkpoint in one transaction, so both land or neither does. A pipeline feeds
 * it; it reads nothing itself.
 */
export class ModelWriter {
  position: bigint | null;
  state: WriterState = 'catching-up';
  /** The most recent failure; kept after a restart so that status still shows what happened. */
  lastError: { error: ProjectionFailed; at: Date } | undefined;
  /** Events handed to this writer (applied, filtered out or skipped as already applied) since it was made. */
  eventsSeen = 0;
  private current: RecordedEvent | undefined;
  private readonly applyBatch: (events: readonly RecordedEvent[], folded: readonly unknown[] | undefined) => void;

  constructor(
    readonly projection: Projection,
    /** The writer connection of the file; closed by `close`. */
    readonly db: ReadModelDb,
    /** The checkpoint to resume after; null: from the start. */
    from: bigint | null,
    clock: () => Date,
  ) {
    this.position = from;
    const types = projection.eventTypes ? new Set(projection.eventTypes) : undefined;
    const saveCheckpoint = checkpointWriter(db, projection.name);
    this.applyBatch = db.transaction((events: readonly RecordedEvent[], folded: readonly unknown[] | undefined) => {
      const after = this.position;
      for (let i = 0; i < events.length; i++) {
        const event = events[i]!;
        if (after !== null && event.position <= after) continue;
        if (types && !types.has(event.type)) continue;
        this.current = event;
        const result: unknown = projection.apply(db, event, folded?.[i]);
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
    return this.projection.name;
  }

  /** Neither failed nor stopped: the pipeline feeds it. */
  get active(): boolean {
    return this.state !== 'failed' && this.state !== 'stopped';
  }

  /** Whether the batch ending at `last` has anything for this writer. */
  needs(last: bigint): boolean {
    return this.active && (this.position === null || last > this.position);
  }

  /** Applies a batch; `folded[i]` is what the projection's fold made of `events[i]`. Throws ProjectionFailed, with nothing written. */
  commit(events: readonly RecordedEvent[], folded: readonly unknown[] | undefined): void {
    try {
      this.applyBatch(events, folded);
    } catch (error) {
      const event = this.current;
      this.current = undefined;
      throw new ProjectionFailed(this.name, event?.position, event?.type, error);
    }
    this.position = events[events.length - 1]!.position;
    this.eventsSeen += events.length;
  }

  close(): void {
    this.state = 'stopped';
    if (this.db.open) this.db.close();
  }
}
