/**
 * Targets, as issue 12 states them, per engine and load; and the small sums the report makes from
 * the figures (pure: the unit specs cover them).
 */
import type { Engine } from './engine.js';

export const TARGETS = {
  hubRssBytes: 400e6,
  /** Rebuild of every hub model, events/s. */
  rebuildEventsPerSecond: { sqlite: 50_000, postgres: 25_000 } satisfies Record<Engine, number>,
  /** The rebuild's rate as a share of the same run's raw readAll rate. */
  rebuildReadAllShare: 0.4,
  /** The load counts as delivered at rate when at least this share of the scheduled commands went out. */
  rateShare: 0.98,
} as const;

/**
 * The append → client p99 the issue asks for at `rate` commands/s on `engine`, or null where it
 * names none. SQLite: ≤ 50 ms up to 200/s, ≤ 100 ms up to 400/s. PostgreSQL: ≤ 100 ms up to 200/s.
 * A lower rate is held to the target of the next stated one above it.
 */
export function p99TargetMs(engine: Engine, rate: number): number | null {
  const steps: ReadonlyArray<readonly [number, number]> =
    engine === 'sqlite'
      ? [
          [200, 50],
          [400, 100],
        ]
      : [[200, 100]];
  for (const [upTo, ms] of steps) if (rate <= upTo) return ms;
  return null;
}

/** CPU milliseconds per command: CPU time used over the window divided by the commands completed in it; null without either. */
export function cpuMsPerCommand(cpuMs: number | null, commands: number): number | null {
  return cpuMs === null || commands <= 0 ? null : cpuMs / commands;
}

/** The rebuild's rate as a share (0..1) of the raw readAll rate; null when readAll was not measured. */
export function shareOfReadAll(rebuildRate: number, readAllRate: number | null): number | null {
  return readAllRate === null || readAllRate <= 0 ? null : rebuildRate / readAllRate;
}

/** `--rates 200,400` → [200, 400]: positive numbers, each once, in the order given. */
export function parseRates(raw: string): number[] {
  const parts = raw.split(',').map((s) => s.trim());
  const rates: number[] = [];
  for (const part of parts) {
    const n = Number(part);
    if (part === '' || !Number.isFinite(n) || n <= 0) throw new Error(`not a positive rate: "${part}"`);
    if (!rates.includes(n)) rates.push(n);
  }
  if (rates.length === 0) throw new Error('no rate given');
  return rates;
}
