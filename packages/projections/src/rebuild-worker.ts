/**
 * A rebuild's first part, on a thread of its own: reads the store from the start into the
 * shadow files and the scratch folds until it has caught up with the head, then writes the folds'
 * states, closes everything and says where each shadow stands. The serving thread (runner.ts)
 * reads only the messages meanwhile, takes the files over at those positions, catches up the few
 * events appended since, and switches readers over as an in-thread rebuild does.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { connect } from '@hub/event-store';
import { FoldCache, type Fold } from './fold.js';
import { Pipeline } from './pipeline.js';
import type { Projection } from './projection.js';
import { ModelWriter } from './writer.js';
import type { RebuildWorkerData, WorkerMessage, WorkerModelFigures } from './rebuild-thread.js';

const data = workerData as RebuildWorkerData;
const port = parentPort!;
const post = (message: WorkerMessage) => port.postMessage(message);
const clock = () => new Date();

async function projectionsFrom(module: string, exportName: string): Promise<Map<string, Projection>> {
  const loaded = (await import(module)) as Record<string, unknown>;
  const list = loaded[exportName];
  if (!Array.isArray(list)) throw new Error(`${module} has no array export "${exportName}"`);
  return new Map((list as Projection[]).map((p) => [p.name, p]));
}

async function run(): Promise<void> {
  const projections = await projectionsFrom(data.module, data.exportName);
  const store = await connect(data.storeUrl);
  const writers: ModelWriter[] = [];
  const caches = new Map<Fold, FoldCache>();
  try {
    for (const { name, path } of data.models) {
      const projection = projections.get(name);
      if (!projection) throw new Error(`no read model "${name}" in ${data.module}`);
      const db = new Database(path);
      // As the in-thread rebuild: a disposable shadow, no journal file and no fsync while it fills.
      db.pragma('journal_mode = MEMORY');
      db.pragma('synchronous = OFF');
      db.pragma('cache_size = -65536');
      writers.push(new ModelWriter(projection, db, null, clock));
      const { fold } = projection;
      if (fold && !caches.has(fold)) {
        const path = data.folds.find((f) => f.name === fold.name)?.path;
        if (!path) throw new Error(`no scratch file for the fold "${fold.name}"`);
        caches.set(fold, new FoldCache(fold, path, { durable: false, capacity: data.foldCapacity, persistEvery: Number.MAX_SAFE_INTEGER }));
      }
    }
    const figures = (): WorkerModelFigures[] =>
      writers.map((w) => ({
        name: w.name,
        position: w.position === null ? null : w.position.toString(),
        eventsSeen: w.eventsSeen,
        ...(w.state === 'failed' ? { failure: String((w.lastError?.error as Error | undefined)?.message ?? 'failed') } : {}),
      }));
    let lastReport = 0;
    let caughtUp!: () => void;
    const finished = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const pipeline = new Pipeline({
      store,
      batchSize: data.batchSize,
      clock,
      folds: caches,
      onChange: (p) => {
        if (p.state === 'live' || writers.every((w) => !w.active)) {
          caughtUp();
          return;
        }
        const now = performance.now();
        if (now - lastReport >= data.progressIntervalMs) {
          lastReport = now;
          post({ type: 'progress', models: figures() });
        }
      },
    });
    for (const writer of writers) pipeline.writers.add(writer);
    pipeline.start();
    await finished;
    // Stopping drops a batch read but not yet committed; what the files hold is what `figures` says.
    await pipeline.stop();
    // The folds' states up to here, with their checkpoints, for the serving thread to fold on from.
    for (const cache of caches.values()) cache.persistNow();
    const final = figures();
    for (const cache of caches.values()) cache.close();
    for (const writer of writers) writer.db.close();
    post({ type: 'done', models: final });
  } finally {
    for (const cache of caches.values()) cache.close();
    for (const writer of writers) if (writer.db.open) writer.db.close();
    await store.close();
  }
}

run().catch((error: unknown) => {
  post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
});
