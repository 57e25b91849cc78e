import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

export const now = (): number => performance.now();

/** Nearest-rank percentile of unsorted samples; null when there are none. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Events per second, or null when nothing was done. */
export function rate(events: number, ms: number): number | null {
  return events > 0 && ms > 0 ? (events * 1000) / ms : null;
}

export function randomTag(): string {
  return Math.random().toString(36).slice(2, 10);
}
