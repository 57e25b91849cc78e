import { mkdirSync, mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { profiled } from './cpu-profile.js';
import { registerTempDir, removeTempDir } from './live/children.js';
import { runLivePart, type LiveFigures } from './live/part.js';
import { runRebuildPart, type RebuildFigures } from './rebuild/part.js';
import { FULL, QUICK, type Sizes } from './sizes.js';

export type Part = 'live' | 'rebuild';
export const PARTS: readonly Part[] = ['live', 'rebuild'];

export interface BenchReport {
  machine: { cpu: string; cores: number; node: string; date: string };
  mode: 'full' | 'quick';
  sizes: Sizes;
  live: LiveFigures | null;
  rebuild: RebuildFigures | null;
  /** A part that failed: its error, instead of figures. */
  errors: Partial<Record<Part, string>>;
  /** Where CPU profiles were written (--cpu-prof). */
  profiles: string | null;
}

export interface RunOptions {
  quick?: boolean;
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
    sizes,
    live: null,
    rebuild: null,
    errors: {},
    profiles: options.cpuProfDir ?? null,
  };
  if (options.cpuProfDir) mkdirSync(options.cpuProfDir, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'bench-live-'));
  if (options.keep) log(`files kept in ${dir}`);
  else registerTempDir(dir);
  try {
    if (parts.includes('live')) {
      const liveDir = join(dir, 'live');
      mkdirSync(liveDir);
      try {
        report.live = await runLivePart({
          dir: liveDir,
          ...sizes.live,
          log,
          cpuProfDir: options.cpuProfDir,
          clientsInProcess: options.clientsInProcess === true,
        });
      } catch (error) {
        report.errors.live = (error as Error).stack ?? String(error);
        log(`live: FAILED: ${(error as Error).message}`);
      }
    }
    if (parts.includes('rebuild')) {
      const rebuildDir = join(dir, 'rebuild');
      mkdirSync(rebuildDir);
      const profDir = options.cpuProfDir;
      try {
        report.rebuild = await runRebuildPart({
          dir: rebuildDir,
          events: sizes.rebuild.events,
          log,
          ...(profDir ? { around: <T>(what: string, run: () => Promise<T>) => profiled(profDir, what, run) } : {}),
        });
      } catch (error) {
        report.errors.rebuild = (error as Error).stack ?? String(error);
        log(`rebuild: FAILED: ${(error as Error).message}`);
      }
    }
  } finally {
    if (!options.keep) removeTempDir(dir);
  }
  return report;
}
