import { mkdirSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { profiled } from './cpu-profile.js';
import { benchDatabaseName, pgServerUrl, postgresStore, sqliteStore, type BenchStore, type Engine } from './engine.js';
import { registerTempDir, removeTempDir } from './live/children.js';
import { runLivePart, type LiveFigures } from './live/part.js';
import { runRebuildPart, type RebuildFigures } from './rebuild/part.js';
import { FULL, QUICK, type Sizes } from './sizes.js';

export type Part = 'live' | 'rebuild';
export const PARTS: readonly Part[] = ['live', 'rebuild'];

export interface BenchReport {
  machine: { cpu: string; cores: number; node: string; date: string };
  mode: 'full' | 'quick';
  engine: Engine;
  sizes: Sizes;
  /** One per rate, in the order run; each on a fresh system (services, hub, clients, store). */
  live: LiveFigures[];
  rebuild: RebuildFigures | null;
  /** What failed ('live 400/s', 'rebuild'): its error, instead of figures. */
  errors: Record<string, string>;
  /** Where CPU profiles were written (--cpu-prof). */
  profiles: string | null;
}

export interface RunOptions {
  quick?: boolean;
  /** Default sqlite. */
  engine?: Engine;
  parts?: readonly Part[];
  /** Fine-tune sizes (flags like --duration). */
  live?: Partial<Sizes['live']>;
  rebuild?: Partial<Sizes['rebuild']>;
  /** Write CPU profiles of the hub, services, clients and the rebuild here. */
  cpuProfDir?: string;
  /** Run the live clients in the driver's process rather than their own. */
  clientsInProcess?: boolean;
  /** Keep the temp directory (store files, read models) and say where it is. */
  keep?: boolean;
  log?: (line: string) => void;
}

export async function runBench(options: RunOptions = {}): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const base = options.quick ? QUICK : FULL;
  const sizes: Sizes = { live: { ...base.live, ...options.live }, rebuild: { ...base.rebuild, ...options.rebuild } };
  const parts = options.parts ?? PARTS;
  const report: BenchReport = {
    machine: { cpu: cpus()[0]?.model.trim() ?? 'unknown', cores: cpus().length, node: process.version, date: new Date().toISOString() },
    mode: options.quick ? 'quick' : 'full',
    engine: options.engine ?? 'sqlite',
    sizes,
    live: [],
    rebuild: null,
    errors: {},
    profiles: options.cpuProfDir ?? null,
  };
  if (options.cpuProfDir) mkdirSync(options.cpuProfDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
  if (options.keep) log(`files kept in ${dir}`);
  else registerTempDir(dir);
  try {
    // A fresh store: a SQLite file in `at`, or a new PostgreSQL database (dropped after the part,
    // and on any exit).
    const freshStore = (at: string, label: string, file: string): Promise<BenchStore> =>
      report.engine === 'postgres' ? postgresStore(pgServerUrl(), benchDatabaseName(process.pid, label)) : Promise.resolve(sqliteStore(at, file));
    if (parts.includes('live')) {
      const { rates, ...liveSizes } = sizes.live;
      for (const rate of rates) {
        const liveDir = join(dir, `live-${rate}`);
        mkdirSync(liveDir);
        const cpuProfDir = options.cpuProfDir && rates.length > 1 ? join(options.cpuProfDir, `live-${rate}`) : options.cpuProfDir;
        let store: BenchStore | undefined;
        try {
          store = await freshStore(liveDir, `live_${rate}`, 'store.db');
          report.live.push(
            await runLivePart({ dir: liveDir, ...liveSizes, rate, store, log, cpuProfDir, clientsInProcess: options.clientsInProcess === true }),
          );
        } catch (error) {
          report.errors[`live ${rate}/s`] = (error as Error).stack ?? String(error);
          log(`live ${rate}/s: FAILED: ${(error as Error).message}`);
        } finally {
          await store?.drop().catch((error: unknown) => log(`live ${rate}/s: could not drop ${store?.database}: ${(error as Error).message}`));
        }
      }
    }
    if (parts.includes('rebuild')) {
      const rebuildDir = join(dir, 'rebuild');
      mkdirSync(rebuildDir);
      const profDir = options.cpuProfDir;
      let store: BenchStore | undefined;
      try {
        store = report.engine === 'postgres' ? await freshStore(rebuildDir, 'rebuild', 'events.db') : undefined;
        report.rebuild = await runRebuildPart({
          dir: rebuildDir,
          events: sizes.rebuild.events,
          log,
          ...(store ? { store } : {}),
          ...(profDir ? { around: <T>(what: string, run: () => Promise<T>) => profiled(profDir, what, run) } : {}),
        });
      } catch (error) {
        report.errors['rebuild'] = (error as Error).stack ?? String(error);
        log(`rebuild: FAILED: ${(error as Error).message}`);
      } finally {
        await store?.drop().catch((error: unknown) => log(`rebuild: could not drop ${store?.database}: ${(error as Error).message}`));
      }
    }
  } finally {
    if (!options.keep) removeTempDir(dir);
  }
  return report;
}
