import type { EventStore } from '@hub/event-store';
import { estimateProgress, type RebuildProgress } from './progress.js';
import type { ModelWriter } from './writer.js';

export interface RebuildOptions {
  /** Called with the rebuild's progress at most every `progressIntervalMs`, and once at the end. Errors it throws are ignored. */
  onProgress?: (progress: RebuildProgress) => void;
  /** Default 1000. 0 reports after every batch. */
  progressIntervalMs?: number;
}

/**
 * One rebuild in flight: the shadow writer filling the next generation, and the progress figures.
 * Reports are taken after the shadow's commits rather than from a timer, so there is no timer to
 * clear, and a report always describes a committed state.
 */
export class RebuildJob {
  readonly done: Promise<RebuildProgress>;
  private resolve!: (progress: RebuildProgress) => void;
  private reject!: (error: unknown) => void;
  private readonly startedAt = performance.now();
  private lastReport = Number.NEGATIVE_INFINITY;
  private headRefresh: Promise<void> | undefined;

  constructor(
    readonly shadow: ModelWriter,
    /** The shadow's file: the next generation. */
    readonly path: string,
    private head: bigint | null,
    private readonly store: EventStore,
    private readonly options: RebuildOptions,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
    // A caller may start a rebuild and not await it; its failure must not bring the process down.
    this.done.catch(() => undefined);
  }

  progress(done = false): RebuildProgress {
    return estimateProgress({
      projection: this.shadow.name,
      eventsDone: this.shadow.eventsSeen,
      position: this.shadow.position,
      headPosition: this.head,
      elapsedMs: performance.now() - this.startedAt,
      done,
    });
  }

  /** After each of the shadow's commits. */
  committed(): void {
    const now = performance.now();
    if (now - this.lastReport < (this.options.progressIntervalMs ?? 1000)) return;
    this.lastReport = now;
    this.refreshHead();
    this.report(this.progress());
  }

  finish(): void {
    const progress = this.progress(true);
    this.report(progress);
    this.resolve(progress);
  }

  fail(error: unknown): void {
    this.reject(error);
  }

  /** Appends made during the rebuild move the head; ask again in the background, one question at a time. */
  private refreshHead(): void {
    this.headRefresh ??= this.store.headPosition().then(
      (head) => {
        this.head = head;
        this.headRefresh = undefined;
      },
      () => {
        this.headRefresh = undefined;
      },
    );
  }

  private report(progress: RebuildProgress): void {
    try {
      this.options.onProgress?.(progress);
    } catch {
      // A broken progress display must not fail the rebuild it reports on.
    }
  }
}
