import type { ProjectionRunner, RebuildProgress } from '@hub/projections';

/**
 * Rebuilds the named read models (all when none is named) side by side, each into its shadow
 * file while readers keep the current one; `onProgress` gets every model's latest figures
 * together, so a caller can draw one bar per model and a total.
 */
export async function rebuildReadModels(
  runner: ProjectionRunner,
  names: readonly string[],
  onProgress: (all: readonly RebuildProgress[]) => void = () => undefined,
  progressIntervalMs = 500,
): Promise<RebuildProgress[]> {
  const latest = new Map<string, RebuildProgress>();
  const report = () => onProgress([...latest.values()]);
  const finals = await Promise.all(names.map((name) => runner.rebuild(name, {
    progressIntervalMs,
    onProgress: (p) => {
      latest.set(name, p);
      report();
    },
  })));
  finals.forEach((p) => latest.set(p.projection, p));
  report();
  return finals;
}

/** The combined figures of several rebuilds, for a total line: events summed, time the longest. */
export function totalOf(all: readonly RebuildProgress[]): { eventsDone: number; eventsPerSecond: number; fraction: number; etaMs: number | null; done: boolean } {
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
