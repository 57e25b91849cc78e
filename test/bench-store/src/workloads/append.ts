import type { Sizes } from '../sizes.js';
import { now, randomTag, rate } from '../stats.js';
import type { BenchTarget } from '../targets/types.js';
import { takeEvents } from './seq.js';

/** Set by the first writer that fails, so that the others stop rather than run on in the background. */
interface Stop {
  stopped: boolean;
}

/** Appends `perAppend` events at a time to one stream until `events` are written or the budget is spent. */
async function writeLoop(
  target: BenchTarget,
  stream: string,
  perAppend: number,
  events: number,
  deadline: number,
  stop: Stop = { stopped: false },
): Promise<number> {
  const writer = target.writer(stream);
  let written = 0;
  while (written < events && now() < deadline && !stop.stopped) {
    const batch = takeEvents(Math.min(perAppend, events - written));
    await writer.append(batch);
    written += batch.length;
  }
  return written;
}

/** Workload 1: one writer, one event per append (events/s). */
export async function appendSingle(target: BenchTarget, sizes: Sizes['single']): Promise<number | null> {
  const start = now();
  const written = await writeLoop(target, `single-${randomTag()}`, 1, sizes.events, start + sizes.budgetMs);
  return rate(written, now() - start);
}

/** Workload 2: one writer, batches of `batch` events (events/s). */
export async function appendBatches(target: BenchTarget, sizes: Sizes['batch']): Promise<number | null> {
  const start = now();
  const written = await writeLoop(target, `batch-${randomTag()}`, sizes.batch, sizes.events, start + sizes.budgetMs);
  return rate(written, now() - start);
}

/**
 * Workload 3: `writers` writers on distinct streams, one event per append, all in this process and
 * concurrent at the Promise level (events/s over the wall time until the last writer is done).
 */
export async function appendConcurrent(target: BenchTarget, sizes: Sizes['concurrent']): Promise<number | null> {
  const tag = randomTag();
  const perWriter = Math.ceil(sizes.events / sizes.writers);
  const start = now();
  const deadline = start + sizes.budgetMs;
  const stop: Stop = { stopped: false };
  const outcomes = await Promise.allSettled(
    Array.from({ length: sizes.writers }, (_, i) =>
      writeLoop(target, `writer-${tag}${i}`, 1, perWriter, deadline, stop).catch((error: unknown) => {
        stop.stopped = true;
        throw error;
      }),
    ),
  );
  const elapsed = now() - start;
  const failed = outcomes.find((o) => o.status === 'rejected');
  if (failed) throw failed.reason;
  return rate(
    outcomes.reduce((sum, o) => sum + (o.status === 'fulfilled' ? o.value : 0), 0),
    elapsed,
  );
}

/** Untimed: appends 100-event batches to fresh streams until the target holds `total` events. */
export async function fillTo(target: BenchTarget, total: number): Promise<void> {
  const tag = randomTag();
  let stream = 0;
  while (target.appended < total) {
    await writeLoop(target, `fill-${tag}${stream++}`, 100, Math.min(10_000, total - target.appended), Number.POSITIVE_INFINITY);
  }
}

/** Untimed: one stream of `events` events, written 100 at a time, for workload 6. */
export async function buildStream(target: BenchTarget, events: number): Promise<string> {
  const stream = `verify-${randomTag()}`;
  await writeLoop(target, stream, 100, events, Number.POSITIVE_INFINITY);
  return stream;
}
