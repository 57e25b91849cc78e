import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** Nearest-rank percentile of unsorted samples (p in 0..100); null when there are none. */
export function percentile(samples: ArrayLike<number>, p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = Float64Array.from(samples).sort();
  return percentileOfSorted(sorted, p);
}

/** The same, on samples already sorted ascending (several percentiles of one big set sort it once). */
export function percentileOfSorted(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Distribution {
  count: number;
  p50: number | null;
  p99: number | null;
  max: number | null;
}

export function distribution(samples: ArrayLike<number>): Distribution {
  const sorted = Float64Array.from(samples).sort();
  return {
    count: sorted.length,
    p50: percentileOfSorted(sorted, 50),
    p99: percentileOfSorted(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : null,
  };
}

/** Per second, or null when nothing was done. */
export function rate(count: number, ms: number): number | null {
  return count > 0 && ms > 0 ? (count * 1000) / ms : null;
}

/** A growable list of numbers that does not box each one (a million latency samples stay small). */
export class Samples {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  values(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
