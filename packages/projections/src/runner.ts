import type { EventStore } from '@hub/event-store';
import { openWriter, prepareReadModel } from './checkpoint.js';
import { RebuildInProgress, RunnerNotRunning, UnknownProjection } from './errors.js';
import type { ProjectionFiles } from './files.js';
import { ReadModelHandle } from './handle.js';
import { openReadModel } from './open.js';
import { checkUniqueNames, type Projection } from './projection.js';
import type { RebuildProgress } from './progress.js';
import { RebuildJob, type RebuildOptions } from './rebuild.js';
import { statusOf, type ProjectionStatus } from './status.js';
import { PositionWaiters, type Progress } from './waiters.js';
import { ProjectionWorker } from './worker.js';

export interface ProjectionRunnerOptions {
  store: EventStore;
  /** Holds one folder per projection. One runner per directory: two would fight over the files. */
  directory: string;
  projections: readonly Projection[];
  /** Most events applied in one transaction. Default 500. */
  batchSize?: number;
  /** For checkpoint and error times. Default: the system clock. */
  clock?: () => Date;
}

interface Slot {
  projection: Projection;
  files: ProjectionFiles;
  handle: ReadModelHandle;
  /** The worker behind the model readers use. */
  worker: ProjectionWorker;
  rebuild: RebuildJob | undefined;
}

/**
 * Keeps read models up to date with the store. Each projection has its own file, checkpoint,
 * subscription and worker, so one that is behind, rebuilding or failed holds no other back.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly waiters = new PositionWaiters();
  private readonly listeners = new Set<(name: string) => void>();
  /** Old generations being closed and deleted after a switch or an abandoned rebuild. */
  private readonly cleanups = new Set<Promise<void>>();
  private readonly store: EventStore;
  private readonly batchSize: number;
  private readonly clock: () => Date;
  private phase: 'new' | 'running' | 'stopped' = 'new';

  constructor(private readonly options: ProjectionRunnerOptions) {
    checkUniqueNames(options.projections);
    this.store = options.store;
    this.batchSize = options.batchSize ?? 500;
    this.clock = options.clock ?? (() => new Date());
  }

  /** Opens every read model (starting fresh where the version changed) and starts following the store. */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new RunnerNotRunning(this.phase === 'running' ? 'already started' : 'a stopped runner does not start again');
    this.phase = 'running';
    try {
      for (const projection of this.options.projections) {
        const opened = openReadModel(this.options.directory, projection, this.clock());
        const handle = new ReadModelHandle(projection.name);
        const slot: Slot = { projection, files: opened.files, handle, worker: undefined!, rebuild: undefined };
        slot.worker = this.worker(slot, opened.db, opened.from);
        this.slots.set(projection.name, slot);
        handle.switchTo(opened.path);
      }
    } catch (error) {
      await this.stop();
      throw error;
    }
    for (const slot of this.slots.values()) slot.worker.start();
  }

  /** Closes every subscription, waits for the batches in hand, closes the files; ends waits and rebuilds. */
  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.waiters.rejectAll(new RunnerNotRunning('stopped while waiting for a position'));
    for (const slot of this.slots.values()) {
      if (slot.rebuild) this.abandon(slot, new RunnerNotRunning('stopped during the rebuild'));
    }
    // Readers first: the writer, closing last, checkpoints the WAL and removes it; a read-only
    // connection closing last could not, and would leave the -wal file for the next start.
    for (const slot of this.slots.values()) slot.handle.close();
    await Promise.all([...this.slots.values()].map((slot) => slot.worker.stop()));
    await Promise.all(this.cleanups);
  }

  /** The read side of a projection; stable across rebuilds. */
  readModel(name: string): ReadModelHandle {
    return this.slot(name).handle;
  }

  /**
   * Calls `listener` with a projection's name whenever what its readers see may have moved: after
   * a commit of the model readers use, and after a rebuild switched readers to the new model.
   * Listeners run synchronously right after the commit, so a listener that reads the model there
   * sees exactly what was committed, and nothing committed later. Returns the unsubscribe function.
   */
  onChange(listener: (name: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async status(): Promise<ProjectionStatus[]> {
    const head = await this.store.headPosition();
    return [...this.slots.values()].map(({ projection, worker, rebuild }) => statusOf(projection, worker, rebuild, head));
  }

  /** Retries failed projections (all, or the one named) from their checkpoints. */
  async restart(name?: string): Promise<void> {
    this.assertRunning('restart');
    const slots = name === undefined ? [...this.slots.values()] : [this.slot(name)];
    await Promise.all(slots.map((slot) => slot.worker.restart()));
  }

  /**
   * Resolves once every projection (or each one named) has applied the event at `position`, so
   * that a caller can read its own append. Pass the position of a real event, such as an append's
   * result: a position in a hole is never reached. Rejects at once if a projection that is short
   * of it has failed, and with `WaitForPositionTimeout` after `timeoutMs`.
   */
  async waitForPosition(position: bigint, timeoutMs: number, names?: readonly string[]): Promise<void> {
    this.assertRunning('waitForPosition');
    const slots = names === undefined ? [...this.slots.values()] : names.map((name) => this.slot(name));
    return this.waiters.wait(position, timeoutMs, () => slots.map((slot) => this.progressOf(slot)));
  }

  /**
   * Rebuilds a read model from the start into a shadow file while readers keep using the current
   * one, then switches readers over and carries on live from the shadow's own subscription, so
   * the handover can neither skip nor repeat an event. Resolves with the final progress.
   */
  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildProgress> {
    this.assertRunning('rebuild');
    const head = await this.store.headPosition();
    // Checked after the await, and nothing awaited from here until `slot.rebuild` is set, so two
    // calls can never both claim the next generation's file.
    this.assertRunning('rebuild');
    const slot = this.slot(name);
    if (slot.rebuild) throw new RebuildInProgress(name);
    const path = slot.files.next();
    const db = openWriter(path);
    try {
      prepareReadModel(db, slot.projection, this.clock());
    } catch (error) {
      db.close();
      slot.files.remove(path);
      throw error;
    }
    const shadow = this.worker(slot, db, null);
    const job = new RebuildJob(shadow, path, head, this.store, options);
    slot.rebuild = job;
    shadow.start();
    return job.done;
  }

  private worker(slot: Slot, db: ProjectionWorker['db'], from: bigint | null): ProjectionWorker {
    return new ProjectionWorker({
      projection: slot.projection,
      store: this.store,
      db,
      from,
      batchSize: this.batchSize,
      clock: this.clock,
      onChange: (worker) => this.changed(slot, worker),
    });
  }

  private changed(slot: Slot, worker: ProjectionWorker): void {
    const job = slot.rebuild;
    if (job && worker === job.shadow) {
      if (worker.state === 'failed') this.abandon(slot, worker.lastError?.error);
      else {
        job.committed();
        // Switch once the shadow is live and not behind what readers already see, so a reader
        // that has waited for a position never finds the model going back before it.
        if (worker.state === 'live' && (worker.position ?? -1n) >= (slot.worker.position ?? -1n)) {
          this.switchOver(slot, job);
          this.notify(slot.projection.name);
        }
      }
    } else if (worker === slot.worker) {
      this.notify(slot.projection.name);
    }
    this.waiters.check();
  }

  private notify(name: string): void {
    for (const listener of this.listeners) {
      try {
        listener(name);
      } catch {
        // A listener's failure is its own; it must not stop the projection that told it.
      }
    }
  }

  /**
   * Readers move first (the handle opens the new file before letting go of the old), then the
   * pointer file, the commit point for the next start. Should either step throw, the shadow is
   * abandoned (the throw fails it) with readers and pointer back on the old model.
   */
  private switchOver(slot: Slot, job: RebuildJob): void {
    const old = slot.worker;
    const oldPath = slot.handle.path!;
    slot.handle.switchTo(job.path);
    try {
      slot.files.promote(job.path);
    } catch (error) {
      slot.handle.switchTo(oldPath);
      throw error;
    }
    slot.worker = job.shadow;
    slot.rebuild = undefined;
    this.cleanup(
      async () => {
        await old.stop();
        slot.files.remove(oldPath);
      },
      () => job.finish(),
    );
  }

  private abandon(slot: Slot, error: unknown): void {
    const job = slot.rebuild!;
    slot.rebuild = undefined;
    this.cleanup(
      async () => {
        await job.shadow.stop();
        slot.files.remove(job.path);
      },
      () => job.fail(error),
    );
  }

  /** A leftover file is harmless (the next start deletes it), so a cleanup failure only delays `then`. */
  private cleanup(work: () => Promise<void>, then: () => void): void {
    const done = work()
      .catch(() => undefined)
      .then(then);
    this.cleanups.add(done);
    void done.finally(() => this.cleanups.delete(done));
  }

  private progressOf(slot: Slot): Progress {
    const { worker } = slot;
    const failure = worker.state === 'failed' && !slot.rebuild ? worker.lastError?.error : undefined;
    return { name: slot.projection.name, position: worker.position, state: worker.state, failure };
  }

  private slot(name: string): Slot {
    const slot = this.slots.get(name);
    if (!slot) throw new UnknownProjection(name);
    return slot;
  }

  private assertRunning(what: string): void {
    if (this.phase !== 'running') throw new RunnerNotRunning(`cannot ${what}`);
  }
}
