/**
 * Part 2: a million stored events (generate.ts), then every hub read model rebuilt from position 0
 * by a ProjectionRunner over that store, offline, as `pnpm hub:rebuild` does when no hub answers:
 * runner.start(), then rebuildReadModels on every name (one reader and one case fold feed every
 * shadow: the runner's rebuildAll).
 *
 * On an empty read-model directory runner.start() itself builds every model from 0, and a rebuild
 * started at once would race that build for the CPU. So the start is awaited until its models
 * reach the head, and timed as its own figure ("first build"); the rebuild proper then runs with
 * the current models idle at the head, as it would on a deployment whose models exist.
 *
 * Right before the rebuild, the same store is read whole with readAll and nothing else: the raw
 * read rate of this run, on this machine under its present load, which the rebuild's rate is
 * judged against (≥ 40% of it), so the ratio means the same on any machine. */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { join } from 'node:path';
import { connect } from '@hub/event-store';
import { hubProjections } from '@hub/hub-service';
import { ProjectionRunner, type RebuildProgress } from '@hub/projections';
// Not exported by @hub/hub-service's index (yet): the function `pnpm hub:rebuild` and the admin route use.
import { rebuildReadModels } from '../../../../services/hub/src/admin/rebuild.js';
import { machineBusyPct, machineTicks } from '../live/proc.js';
import type { BenchStore } from '../engine.js';
import { generateStore, type GenerateResult } from './generate.js';

/** The module a rebuild thread imports the hub's read models from (the hub's own createHub names the same). */
const HUB_READ_MODELS = new URL('../../../../services/hub/src/read-models/index.ts', import.meta.url).href;
import { timeReadAll, type ReadAllFigure } from './read-all.js';

export interface RebuildModelFigure {
  name: string;
  /** Events the model's shadow read from the store (those it ignores included). */
  events: number;
  ms: number;
  /** The model file's size after the rebuild. */
  bytes: number | null;
}

export interface RebuildFigures {
  generated: GenerateResult & { storeBytes: number | null };
  /** Every stored event read once with store.readAll, just before the rebuild: the rate it is held against. */
  readAll: ReadAllFigure;
  /** runner.start() on an empty directory until every model reached the head. */
  firstBuild: { ms: number; rate: number };
  /** rebuildReadModels on every name: wall time until the last model switched over. */
  rebuild: {
    ms: number;
    rate: number;
    models: RebuildModelFigure[];
    /** CPU this process used during the rebuild, % of one core (it is single-threaded: ≤ ~100%). */
    cpuPct: number;
    /** The whole machine's CPU use meanwhile, % of one core. */
    machineCpu: number | null;
    loadAverage: [number, number];
    /** How long the serving thread's event loop was held up meanwhile (what a live client would wait). */
    stall: StallFigure;
  };
  /**
   * The same rebuild with the runner's rebuildWorker (as the hub runs it when it knows the store's
   * URL): the long part on a worker thread, this thread only reading its progress and catching up.
   */
  threaded: { ms: number; rate: number; cpuPct: number; stall: StallFigure };
}

/** The serving thread's event-loop delay during a rebuild, from perf_hooks.monitorEventLoopDelay. */
export interface StallFigure {
  p99Ms: number;
  maxMs: number;
}

function watchStalls(): () => StallFigure {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  return () => {
    histogram.disable();
    return { p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 };
  };
}

export interface RebuildOptions {
  dir: string;
  events: number;
  log: (line: string) => void;
  /** A fresh PostgreSQL store to generate into and rebuild from; default a SQLite file in `dir`. */
  store?: BenchStore;
  /** Wraps the rebuild proper (the CPU profile hooks in here). */
  around?: <T>(what: string, run: () => Promise<T>) => Promise<T>;
}

const fileSize = (path: string): number => ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(path + suffix) ? statSync(path + suffix).size : 0), 0);

function currentModelFile(directory: string, name: string): string | null {
  const pointer = join(directory, name, 'CURRENT');
  if (!existsSync(pointer)) return null;
  return join(directory, name, readFileSync(pointer, 'utf8').trim());
}

const perSecond = (events: number, ms: number) => (ms > 0 ? (events * 1000) / ms : 0);

export async function runRebuildPart(options: RebuildOptions): Promise<RebuildFigures> {
  const { log } = options;
  const around = options.around ?? ((_what, run) => run());
  const storePath = join(options.dir, 'events.db');
  const pgStore = options.store?.engine === 'postgres' ? options.store : undefined;
  log(
    `rebuild: generating ${options.events.toLocaleString('en-US')} events into a fresh ${pgStore ? `PostgreSQL database ${pgStore.database}` : 'SQLite store'}…`,
  );
  await pgStore?.setAsyncCommit(true);
  const generated = await generateStore({
    path: storePath,
    events: options.events,
    log,
    ...(pgStore ? { open: (clock: () => Date) => connect(pgStore.url, { clock }) } : {}),
  });
  await pgStore?.setAsyncCommit(false);
  log(
    `rebuild: generated ${generated.events.toLocaleString('en-US')} events (${generated.cases.toLocaleString('en-US')} cases, ${generated.commands.toLocaleString('en-US')} commands) in ${(generated.ms / 1000).toFixed(1)} s: ${Math.round(generated.rate).toLocaleString('en-US')} events/s`,
  );

  const store = await connect(pgStore ? pgStore.url : `sqlite:${storePath}`);
  const directory = join(options.dir, 'hub', 'read-models');
  const runner = new ProjectionRunner({ store, directory, projections: hubProjections });
  const names = hubProjections.map((p) => p.name);
  let threadedRunner: ProjectionRunner | undefined;
  try {
    const head = await store.headPosition();
    if (head === null) throw new Error('the generated store is empty');
    log(`rebuild: first build (runner.start() on an empty directory, ${names.length} read models)…`);
    const t0 = performance.now();
    await runner.start();
    await runner.waitForPosition(head, 60 * 60_000);
    const firstMs = performance.now() - t0;
    log(`rebuild: first build done in ${(firstMs / 1000).toFixed(1)} s`);

    log('rebuild: reading every stored event once with store.readAll…');
    const readAll = await timeReadAll(store);
    log(
      `rebuild: readAll: ${readAll.events.toLocaleString('en-US')} events in ${(readAll.ms / 1000).toFixed(1)} s: ${Math.round(readAll.rate).toLocaleString('en-US')} events/s`,
    );

    log(`rebuild: rebuildReadModels(${names.join(', ')})…`);
    let lastLog = 0;
    const cpu0 = process.cpuUsage();
    const machine0 = machineTicks();
    const load0 = loadavg()[0]!;
    const t1 = performance.now();
    const stalls = watchStalls();
    const finals: RebuildProgress[] = await around('rebuild', () =>
      rebuildReadModels(
        runner,
        names,
        (all) => {
          const now = performance.now();
          if (now - lastLog < 2000) return;
          lastLog = now;
          const done = all.reduce((n, p) => n + p.eventsDone, 0);
          log(
            `rebuild: ${all.map((p) => `${p.projection} ${Math.round(p.fraction * 100)}%`).join(', ')} (${Math.round(perSecond(done, now - t1)).toLocaleString('en-US')} model-events/s)`,
          );
        },
        500,
      ),
    );
    const ms = performance.now() - t1;
    const stall = stalls();
    const cpu = process.cpuUsage(cpu0);
    const machineCpu = machineBusyPct(machine0, machineTicks(), cpus().length);
    const loadAverage: [number, number] = [load0, loadavg()[0]!];
    const models = finals.map((p): RebuildModelFigure => {
      const file = currentModelFile(directory, p.projection);
      return { name: p.projection, events: p.eventsDone, ms: p.elapsedMs, bytes: file ? fileSize(file) : null };
    });
    await runner.stop();

    log('rebuild: the same on a worker thread (rebuildWorker)…');
    threadedRunner = new ProjectionRunner({
      store,
      directory,
      projections: hubProjections,
      rebuildWorker: { storeUrl: pgStore ? pgStore.url : `sqlite:${storePath}`, module: HUB_READ_MODELS, exportName: 'hubProjections' },
    });
    await threadedRunner.start();
    await threadedRunner.waitForPosition(head, 60 * 60_000);
    const cpu2 = process.cpuUsage();
    const t2 = performance.now();
    const threadStalls = watchStalls();
    await around('rebuild-threaded', () => rebuildReadModels(threadedRunner!, names, () => undefined, 500));
    const ms2 = performance.now() - t2;
    const threadStall = threadStalls();
    const cpuThread = process.cpuUsage(cpu2);
    log(
      `rebuild: on a worker thread in ${(ms2 / 1000).toFixed(1)} s; serving thread's longest stall ${threadStall.maxMs.toFixed(0)} ms (in-thread: ${stall.maxMs.toFixed(0)} ms)`,
    );
    return {
      generated: { ...generated, storeBytes: pgStore ? await pgStore.sizeBytes() : fileSize(storePath) },
      readAll,
      firstBuild: { ms: firstMs, rate: perSecond(generated.events, firstMs) },
      rebuild: { ms, rate: perSecond(generated.events, ms), models, cpuPct: ((cpu.user + cpu.system) / 1000 / ms) * 100, machineCpu, loadAverage, stall },
      threaded: { ms: ms2, rate: perSecond(generated.events, ms2), cpuPct: ((cpuThread.user + cpuThread.system) / 1000 / ms2) * 100, stall: threadStall },
    };
  } finally {
    await runner.stop();
    await threadedRunner?.stop();
    await store.close();
  }
}
