import type { ProjectionRunner, RebuildProgress } from '@hub/projections';

/**
 * Rebuilds the named read models together, each into its shadow file while readers keep the
 * current one: one reader of the store and one case fold feed all the shadows (the runner's
 * rebuildAll). `onProgress` gets every model's latest figures together, so a caller can draw one
 * bar per model and a total. Settles only when every rebuild has (a failure is thrown then), so
 * nothing reports after the caller has moved on.
 */
export async function rebuildReadModels(
  runner: ProjectionRunner,
  names: readonly string[],
  onProgress: (all: readonly RebuildProgress[]) => void = () => undefined,
  progressIntervalMs = 500,
): Promise<RebuildProgress[]> {
  const latest = new Map<string, RebuildProgress>();
  let settled = false;
  // After a failure the caller stops listening; rebuilds still running must not report to it.
  const report = () => {
    if (!settled) onProgress([...latest.values()]);
  };
  const started = await runner.rebuildAll(
    [...new Set(names)].map((name) => ({
      name,
      options: {
        progressIntervalMs,
        onProgress: (p: RebuildProgress) => {
          latest.set(name, p);
          report();
        },
      },
    })),
  );
  const results = await Promise.allSettled(started);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    settled = true;
    throw failed.reason;
  }
  const finals = results.map((r) => (r as PromiseFulfilledResult<RebuildProgress>).value);
  for (const p of finals) latest.set(p.projection, p);
  report();
  settled = true;
  return finals;
}

/** The combined figures of several rebuilds, for a total line: events summed, time the longest. */
export function totalOf(all: readonly RebuildProgress[]): {
  eventsDone: number;
  eventsPerSecond: number;
  fraction: number;
  etaMs: number | null;
  done: boolean;
} {
  const eventsDone = all.reduce((n, p) => n + p.eventsDone, 0);
  const elapsedMs = Math.max(0, ...all.map((p) => p.elapsedMs));
  const fraction = all.length === 0 ? 1 : Math.min(...all.map((p) => p.fraction));
  const etas = all.map((p) => p.etaMs);
  return {
    eventsDone,
    eventsPerSecond: elapsedMs > 0 ? (eventsDone * 1000) / elapsedMs : 0,
    fraction,
    etaMs: etas.includes(null) ? null : Math.max(0, ...(etas as number[])),
    done: all.every((p) => p.done),
  };
}
