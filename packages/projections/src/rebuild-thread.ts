import { Worker } from 'node:worker_threads';

/**
 * Where a rebuild's worker thread finds what it needs: the store by URL (a connection of its
 * own), and the read models by module, since functions cannot cross threads. The module's export
 * must hold the same projections, by name, as the runner that starts the rebuild.
 */
export interface RebuildWorkerOptions {
  /** The store's URL; `sqlite::memory:` cannot be shared with a thread, and runs the rebuild in-thread. */
  storeUrl: string;
  /** A module URL (file://…) exporting the projections. */
  module: string;
  /** The export holding them, an array. */
  exportName: string;
  /** Events per batch on the thread, where a batch holds up no reader. Default 5,000. */
  batchSize?: number;
}

export interface RebuildWorkerData {
  storeUrl: string;
  module: string;
  exportName: string;
  models: { name: string; path: string }[];
  folds: { name: string; path: string }[];
  batchSize: number;
  foldCapacity: number;
  progressIntervalMs: number;
}

export interface WorkerModelFigures {
  name: string;
  /** The shadow's checkpoint, as text (bigint does not cross threads in every Node version's structured clone). */
  position: string | null;
  eventsSeen: number;
  /** The model failed in the worker, with this message. */
  failure?: string;
}

export type WorkerMessage =
  | { type: 'progress'; models: WorkerModelFigures[] }
  | { type: 'done'; models: WorkerModelFigures[] }
  | { type: 'error'; message: string };

export interface RebuildThreadEvents {
  progress(models: readonly WorkerModelFigures[]): void;
  done(models: readonly WorkerModelFigures[]): void;
  failed(error: Error): void;
}

/** Whether a rebuild can run on a thread: a store another connection can open. */
export function threadable(options: RebuildWorkerOptions | undefined): options is RebuildWorkerOptions {
  return options !== undefined && options.storeUrl !== 'sqlite::memory:' && options.storeUrl !== 'sqlite:';
}

const source = import.meta.url.endsWith('.ts');

/**
 * Starts the worker. From source (tsx, vitest) the worker needs tsx's loader and the `source`
 * export condition to load TypeScript; a build runs the compiled file with Node's own flags.
 * Exactly one of `done` and `failed` is called, once.
 */
export function startRebuildThread(data: RebuildWorkerData, events: RebuildThreadEvents): Worker {
  const worker = source
    ? // Node 20 does not apply an `--import` loader to a worker's own entry: register tsx (found from the
      // working directory, the workspace root) first, then import.
      new Worker(
        `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./rebuild-worker.ts', import.meta.url).href)}); });`,
        {
          eval: true,
          workerData: data,
          execArgv: ['--conditions=source'],
        },
      )
    : new Worker(new URL('./rebuild-worker.js', import.meta.url), { workerData: data });
  let settled = false;
  const settle = (then: () => void) => {
    if (settled) return;
    settled = true;
    then();
  };
  worker.on('message', (message: WorkerMessage) => {
    if (settled) return;
    if (message.type === 'progress') events.progress(message.models);
    else if (message.type === 'done') settle(() => events.done(message.models));
    else settle(() => events.failed(new Error(`rebuild thread: ${message.message}`)));
  });
  worker.on('error', (error) => settle(() => events.failed(error)));
  worker.on('exit', (code) => settle(() => events.failed(new Error(`rebuild thread exited (code ${code}) before it was done`))));
  return worker;
}
