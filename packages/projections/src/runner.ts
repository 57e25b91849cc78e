import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import type { EventStore, SubscriptionHealth } from '@hub/event-store';
import { openWriter, prepareReadModel } from './checkpoint.js';
import { ProjectionFailed, RebuildInProgress, RunnerNotRunning, UnknownProjection } from './errors.js';
import type { ProjectionFiles } from './files.js';
import { FoldCache, type Fold } from './fold.js';
import { ReadModelHandle } from './handle.js';
import { openReadModel } from './open.js';
import { Pipeline } from './pipeline.js';
import { checkUniqueNames, type Projection } from './projection.js';
import type { RebuildProgress } from './progress.js';
import { RebuildJob, type RebuildOptions } from './rebuild.js';
import { startRebuildThread, threadable, type RebuildWorkerOptions, type WorkerModelFigures } from './rebuild-thread.js';
import { statusOf, type ProjectionStatus } from './status.js';
import { PositionWaiters, type Progress } from './waiters.js';
import { ModelWriter } from './writer.js';

export interface ProjectionRunnerOptions {
  store: EventStore;
  /** Holds one folder per projection, and `_folds/` for the folds' caches. One runner per directory: two would fight over the files. */
  directory: string;
  projections: readonly Projection[];
  /** Most events applied in one transaction. Default 500. */
  batchSize?: number;
  /** Most events per batch of a rebuild, which nobody reads until it is done. Default ten times `batchSize`. */
  rebuildBatchSize?: number;
  /** Fold states kept in memory per fold (a case state is some 7 KB as JSON, more as objects). Default 5,000. */
  foldCapacity?: number;
  /** The folds' caches are written at most once per this many events while catching up. Default 50,000. */
  foldPersistEvery?: number;
  /** For checkpoint and error times. Default: the system clock. */
  clock?: () => Date;
  /**
   * Runs a rebuild's long part (from the start up to the head) on a worker thread, so the
   * serving thread only reads its progress and then catches up what was appended meanwhile.
   * Without it (or on an in-memory store) rebuilds run on this thread, between serving batches.
   */
  rebuildWorker?: RebuildWorkerOptions;
  /** Told when the serving subscription loses the store and finds it again (it resumes by itself), e.g. to log it. */
  onConnection?: (health: SubscriptionHealth, error?: unknown) => void;
}

interface Slot {
  projection: Projection;
  files: ProjectionFiles;
  handle: ReadModelHandle;
  /** The writer of the model readers use, fed by the serving pipeline. */
  writer: ModelWriter;
  rebuild: RebuildJob | undefined;
}

/** Shadows rebuilt together: one reader and one set of scratch folds for all of them. */
interface RebuildGroup {
  pipeline: Pipeline;
  folds: FoldCache[];
  jobs: Set<RebuildJob>;
  /** The thread filling the shadows up to the head, until it hands them over; then the pipeline goes on. */
  worker?: Worker | undefined;
}

const FOLDS = '_folds';
const SCRATCH = /\.rebuild-[0-9a-z-]+\.db(-wal|-shm|-journal)?$/;

const behind = (a: bigint | null, b: bigint | null): boolean => (a === null ? b !== null : b !== null && a < b);

/**
 * Keeps read models up to date with the store. Each projection has its own file and checkpoint,
 * but one pipeline reads the store for all of them (see pipeline.ts), folding the states they
 * share once per event; a model that fails stops alone, and the others go on. A rebuild reads
 * with a pipeline of its own, into shadow files, and hands each model over to the serving
 * pipeline once it has caught up.
 */
export class ProjectionRunner {
  private readonly slots = new Map<string, Slot>();
  private readonly waiters = new PositionWaiters();
  private readonly listeners = new Set<(name: string) => void>();
  /** Old generations being closed and deleted after a switch or an abandoned rebuild. */
  private readonly cleanups = new Set<Promise<void>>();
  private readonly groups = new Set<RebuildGroup>();
  private readonly store: EventStore;
  private readonly batchSize: number;
  private readonly clock: () => Date;
  private readonly foldFolder: string;
  private serving: Pipeline | undefined;
  private servingFolds: FoldCache[] = [];
  private scratchCount = 0;
  private phase: 'new' | 'running' | 'stopped' = 'new';

  constructor(private readonly options: ProjectionRunnerOptions) {
    checkUniqueNames(options.projections);
    this.store = options.store;
    this.batchSize = options.batchSize ?? 500;
    this.clock = options.clock ?? (() => new Date());
    this.foldFolder = join(options.directory, FOLDS);
  }

  /** Opens every read model (starting fresh where the version changed) and starts following the store. */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new RunnerNotRunning(this.phase === 'running' ? 'already started' : 'a stopped runner does not start again');
    this.phase = 'running';
    try {
      for (const projection of this.options.projections) {
        const opened = openReadModel(this.options.directory, projection, this.clock());
        const handle = new ReadModelHandle(projection.name);
        const writer = new ModelWriter(projection, opened.db, opened.from, this.clock);
        this.slots.set(projection.name, { projection, files: opened.files, handle, writer, rebuild: undefined });
        handle.switchTo(opened.path);
      }
      mkdirSync(this.foldFolder, { recursive: true });
      removeScratchFolds(this.foldFolder);
      const folds = this.foldCaches(this.options.projections, (fold) => join(this.foldFolder, `${fold.name}.db`), true);
      this.servingFolds = [...folds.values()];
      this.serving = new Pipeline({
        store: this.store,
        batchSize: this.batchSize,
        clock: this.clock,
        folds,
        onChange: (_pipeline, committed) => this.servingChanged(committed),
        ...(this.options.onConnection ? { onConnection: this.options.onConnection } : {}),
      });
      for (const slot of this.slots.values()) this.serving.writers.add(slot.writer);
    } catch (error) {
      await this.stop();
      throw error;
    }
    this.serving.start();
  }

  /** The serving subscription's health (for /health and /metrics); null before start. */
  connection(): SubscriptionHealth | null {
    return this.serving?.connection() ?? null;
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
    await this.serving?.stop();
    for (const slot of this.slots.values()) slot.writer.close();
    for (const cache of this.servingFolds) cache.close(true);
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
    return [...this.slots.values()].map(({ projection, writer, rebuild }) => statusOf(projection, writer, rebuild, head));
  }

  /**
   * Retries failed projections (all, or the one named) from their checkpoints: the serving
   * pipeline reads again from the lowest checkpoint, and the others skip what they have. A
   * failed model that reads a fold is behind the fold's states, so the fold starts over too.
   */
  async restart(name?: string): Promise<void> {
    this.assertRunning('restart');
    const slots = name === undefined ? [...this.slots.values()] : [this.slot(name)];
    const failed = slots.filter((slot) => slot.writer.state === 'failed');
    if (failed.length === 0) return;
    for (const slot of failed) slot.writer.state = 'catching-up';
    await this.serving!.restart();
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
   * one, then switches readers over and hands the shadow to the serving pipeline, which skips
   * what the shadow already has, so the handover can neither skip nor repeat an event. Resolves
   * with the final progress.
   */
  async rebuild(name: string, options: RebuildOptions = {}): Promise<RebuildProgress> {
    const [done] = await this.rebuildAll([{ name, options }]);
    return done!;
  }

  /**
   * Rebuilds several read models together: one reader and one fold for all of them, each into
   * its own shadow, each switched over on its own. One promise per request, in order.
   */
  async rebuildAll(requests: readonly { name: string; options?: RebuildOptions }[]): Promise<Promise<RebuildProgress>[]> {
    this.assertRunning('rebuild');
    const head = await this.store.headPosition();
    // Checked after the await, and nothing awaited from here until every `slot.rebuild` is set,
    // so two calls can never both claim the next generation's file.
    this.assertRunning('rebuild');
    const slots = requests.map(({ name }) => this.slot(name));
    for (const [i, slot] of slots.entries()) {
      if (slot.rebuild || slots.indexOf(slot) !== i) throw new RebuildInProgress(slot.projection.name);
    }
    const shadows: { slot: Slot; writer: ModelWriter; path: string }[] = [];
    const opened: { slot: Slot; db: ModelWriter['db']; path: string }[] = [];
    try {
      for (const slot of slots) {
        const path = slot.files.next();
        const db = openWriter(path);
        // A shadow is disposable until it is promoted: no fsync and no WAL while it fills, so a
        // commit writes each page once, into the file (see switchOver); a failed one is deleted.
        db.pragma('journal_mode = MEMORY');
        db.pragma('synchronous = OFF');
        db.pragma('cache_size = -65536');
        opened.push({ slot, db, path });
        prepareReadModel(db, slot.projection, this.clock());
        shadows.push({ slot, writer: new ModelWriter(slot.projection, db, null, this.clock), path });
      }
    } catch (error) {
      for (const { slot, db, path } of opened) {
        db.close();
        slot.files.remove(path);
      }
      throw error;
    }
    const scratch = `rebuild-${process.pid}-${++this.scratchCount}`;
    const folds = this.foldCaches(
      slots.map((slot) => slot.projection),
      (fold) => join(this.foldFolder, `${fold.name}.${scratch}.db`),
      false,
    );
    const group: RebuildGroup = { pipeline: undefined!, folds: [...folds.values()], jobs: new Set() };
    group.pipeline = new Pipeline({
      store: this.store,
      batchSize: this.options.rebuildBatchSize ?? this.batchSize * 10,
      clock: this.clock,
      folds,
      onChange: (_pipeline, committed) => this.rebuildChanged(group, committed),
    });
    const done = shadows.map(({ slot, writer, path }, i) => {
      const job = new RebuildJob(writer, path, head, this.store, requests[i]!.options ?? {});
      slot.rebuild = job;
      group.jobs.add(job);
      group.pipeline.writers.add(writer);
      return job.done;
    });
    this.groups.add(group);
    if (threadable(this.options.rebuildWorker)) this.startThread(group, this.options.rebuildWorker, requests[0]?.options?.progressIntervalMs ?? 1000);
    else group.pipeline.start();
    return done;
  }

  /**
   * The shadows fill on a worker thread up to the head; this thread mirrors its figures into the
   * shadows' writers (progress and failures go through rebuildChanged as in-thread), then takes
   * the files over at the worker's positions and lets the group's pipeline catch up the rest.
   */
  private startThread(group: RebuildGroup, options: RebuildWorkerOptions, progressIntervalMs: number): void {
    const writers = new Map([...group.jobs].map((job) => [job.shadow.name, job]));
    const mirror = (models: readonly WorkerModelFigures[]): ModelWriter[] => {
      const moved: ModelWriter[] = [];
      for (const figures of models) {
        const job = writers.get(figures.name);
        if (!job || !group.jobs.has(job)) continue;
        const shadow = job.shadow;
        shadow.position = figures.position === null ? null : BigInt(figures.position);
        shadow.eventsSeen = figures.eventsSeen;
        if (figures.failure !== undefined) {
          shadow.state = 'failed';
          shadow.lastError = { error: new ProjectionFailed(shadow.name, undefined, undefined, new Error(figures.failure)), at: this.clock() };
        }
        moved.push(shadow);
      }
      return moved;
    };
    group.worker = startRebuildThread(
      {
        storeUrl: options.storeUrl,
        module: options.module,
        exportName: options.exportName,
        models: [...group.jobs].map((job) => ({ name: job.shadow.name, path: job.path })),
        folds: group.folds.map((cache) => ({ name: cache.fold.name, path: cache.path })),
        batchSize: options.batchSize ?? 5_000,
        foldCapacity: this.options.foldCapacity ?? 5_000,
        progressIntervalMs,
      },
      {
        progress: (models) => this.rebuildChanged(group, mirror(models)),
        done: (models) => {
          group.worker = undefined;
          const moved = mirror(models);
          if (group.jobs.size === 0 || !this.groups.has(group)) return;
          for (const cache of group.folds) cache.reloadFromFile();
          this.rebuildChanged(group, moved);
          if (group.jobs.size > 0) group.pipeline.start();
        },
        failed: (error) => {
          group.worker = undefined;
          for (const job of [...group.jobs]) this.abandon(this.slots.get(job.shadow.name)!, error);
        },
      },
    );
  }

  private foldCaches(projections: readonly Projection[], pathOf: (fold: Fold) => string, durable: boolean): Map<Fold, FoldCache> {
    const caches = new Map<Fold, FoldCache>();
    for (const { fold } of projections) {
      if (!fold || caches.has(fold)) continue;
      caches.set(
        fold,
        new FoldCache(fold, pathOf(fold), {
          durable,
          capacity: this.options.foldCapacity ?? 5_000,
          persistEvery: this.options.foldPersistEvery ?? 50_000,
        }),
      );
    }
    return caches;
  }

  private servingChanged(committed: readonly ModelWriter[]): void {
    for (const slot of this.slots.values()) if (committed.includes(slot.writer)) this.notify(slot.projection.name);
    this.waiters.check();
  }

  private rebuildChanged(group: RebuildGroup, committed: readonly ModelWriter[]): void {
    for (const job of [...group.jobs]) {
      const slot = this.slots.get(job.shadow.name)!;
      if (job.shadow.state === 'failed') {
        this.abandon(slot, job.shadow.lastError?.error);
        continue;
      }
      if (committed.includes(job.shadow)) job.committed();
      // Switch once the shadow is live and not behind the serving pipeline, so a reader that has
      // waited for a position never finds the model going back before it, and the serving
      // pipeline, skipping what the shadow has, gives it every later event.
      if (group.pipeline.state === 'live' && !behind(job.shadow.position, this.serving!.position)) {
        this.switchOver(slot, job);
        this.notify(slot.projection.name);
      }
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
   * abandoned with readers and pointer back on the old model.
   */
  private switchOver(slot: Slot, job: RebuildJob): void {
    const old = slot.writer;
    const oldPath = slot.handle.path!;
    try {
      // Durable before the pointer names it: from here on it is the model a restart resumes.
      job.shadow.db.pragma('journal_mode = WAL');
      job.shadow.db.pragma('synchronous = NORMAL');
      syncFile(job.path);
      slot.handle.switchTo(job.path);
      try {
        slot.files.promote(job.path);
      } catch (error) {
        slot.handle.switchTo(oldPath);
        throw error;
      }
    } catch (error) {
      this.abandon(slot, error);
      return;
    }
    this.leaveGroup(job);
    const serving = this.serving!;
    serving.writers.delete(old);
    job.shadow.state = serving.state === 'stopped' ? 'stopped' : serving.state;
    serving.writers.add(job.shadow);
    slot.writer = job.shadow;
    slot.rebuild = undefined;
    this.cleanup(
      async () => {
        old.close();
        slot.files.remove(oldPath);
      },
      () => job.finish(),
    );
  }

  private abandon(slot: Slot, error: unknown): void {
    const job = slot.rebuild!;
    slot.rebuild = undefined;
    this.leaveGroup(job);
    this.cleanup(
      async () => {
        job.shadow.close();
        slot.files.remove(job.path);
      },
      () => job.fail(error),
    );
  }

  /** Takes a shadow out of its rebuild's pipeline; the last one out stops it and deletes its scratch folds. */
  private leaveGroup(job: RebuildJob): void {
    for (const group of this.groups) {
      if (!group.jobs.delete(job)) continue;
      group.pipeline.writers.delete(job.shadow);
      if (group.jobs.size === 0) {
        this.groups.delete(group);
        this.cleanup(
          async () => {
            await group.worker?.terminate();
            await group.pipeline.stop();
            for (const cache of group.folds) {
              cache.close();
              removeFile(cache.path);
            }
          },
          () => undefined,
        );
      }
    }
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
    const { writer } = slot;
    const failure = writer.state === 'failed' && !slot.rebuild ? writer.lastError?.error : undefined;
    return { name: slot.projection.name, position: writer.position, state: writer.state, failure };
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

function syncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeFile(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

/** Scratch folds of rebuilds a crash or a kill interrupted. */
function removeScratchFolds(folder: string): void {
  for (const file of readdirSync(folder)) if (SCRATCH.test(file)) rmSync(join(folder, file), { force: true });
}
