import type { Sizes } from '../sizes.js';
import { now, percentile, randomTag, sleep } from '../stats.js';
import type { BenchTarget } from '../targets/types.js';
import { takeEvents } from './seq.js';

export interface LiveResult {
  p50: number | null;
  p99: number | null;
  delivered: number;
  sent: number;
}

/**
 * Workload 5: a live subscriber started at the end of the log; events appended one at a time with
 * small random pauses. Latency runs from the append call to delivery, so it includes the commit.
 */
export async function liveLatency(target: BenchTarget, sizes: Sizes['live']): Promise<LiveResult | null> {
  if (!target.subscribeLive) return null;
  const sentAt = new Map<number, number>();
  const latencies: number[] = [];
  let allDelivered!: () => void;
  const done = new Promise<void>((resolve) => (allDelivered = resolve));
  let sending = true;
  const subscription = await target.subscribeLive((seq) => {
    const at = sentAt.get(seq);
    if (at === undefined) return;
    latencies.push(now() - at);
    sentAt.delete(seq);
    if (!sending && sentAt.size === 0) allDelivered();
  });
  try {
    // Let a polling subscriber get into its steady state before the first append.
    await sleep(100);
    const writer = target.writer(`live-${randomTag()}`);
    for (let i = 0; i < sizes.events; i++) {
      const events = takeEvents(1);
      sentAt.set(events[0]!.data.seq, now());
      await writer.append(events);
      await sleep(1 + Math.random() * (sizes.maxPauseMs - 1));
    }
    sending = false;
    if (sentAt.size === 0) allDelivered();
    await Promise.race([done, sleep(sizes.timeoutMs, undefined, { ref: false })]);
  } finally {
    await subscription.close();
  }
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), delivered: latencies.length, sent: sizes.events };
}
