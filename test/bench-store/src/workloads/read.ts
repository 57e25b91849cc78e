import { now, rate } from '../stats.js';
import type { BenchTarget } from '../targets/types.js';

/** Workload 4: reads every event of the store from the start of the global log; the best of `passes` (events/s). */
export async function readAllThroughput(target: BenchTarget, passes: number): Promise<{ rate: number | null; read: number }> {
  if (!target.readAll) return { rate: null, read: 0 };
  let best: number | null = null;
  let read = 0;
  for (let pass = 0; pass < passes; pass++) {
    const start = now();
    read = await target.readAll();
    const r = rate(read, now() - start);
    if (r !== null && (best === null || r > best)) best = r;
  }
  return { rate: best, read };
}

/** Workload 6: recomputes and checks every hash of one stream (events/s). */
export async function verifyThroughput(target: BenchTarget, stream: string): Promise<number | null> {
  if (!target.verifyStream) return null;
  const start = now();
  const checked = await target.verifyStream(stream);
  return rate(checked, now() - start);
}
