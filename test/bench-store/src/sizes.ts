/** How much each workload does. Throughput workloads stop at `events` or at `budgetMs`, whichever comes first. */
export interface Sizes {
  /** Workload 1: one writer, one event per append. */
  single: { events: number; budgetMs: number };
  /** Workload 2: one writer, `batch` events per append. */
  batch: { events: number; batch: number; budgetMs: number };
  /** Workload 3: `writers` concurrent writers, one event per append, `events` in all. */
  concurrent: { writers: number; events: number; budgetMs: number };
  /** Workload 4: the store is filled to `events` (100-event appends, untimed), then read whole `passes` times; the best pass counts. */
  readAll: { events: number; passes: number };
  /** Workload 5: `events` appended one at a time, a random pause of up to `maxPauseMs` between. */
  live: { events: number; maxPauseMs: number; timeoutMs: number };
  /** Workload 6: one stream of `events`, verified whole. */
  verify: { events: number };
}

/** About 1-3 minutes for both engines and both stores on 2 cores. */
export const FULL: Sizes = {
  single: { events: 3000, budgetMs: 5000 },
  batch: { events: 30_000, batch: 100, budgetMs: 5000 },
  concurrent: { writers: 16, events: 16 * 1000, budgetMs: 5000 },
  readAll: { events: 50_000, passes: 3 },
  live: { events: 300, maxPauseMs: 10, timeoutMs: 5000 },
  verify: { events: 10_000 },
};

/** A smoke run: every workload, small counts. */
export const QUICK: Sizes = {
  single: { events: 100, budgetMs: 1000 },
  batch: { events: 2000, batch: 100, budgetMs: 1000 },
  concurrent: { writers: 16, events: 16 * 20, budgetMs: 1000 },
  readAll: { events: 5000, passes: 1 },
  live: { events: 20, maxPauseMs: 10, timeoutMs: 3000 },
  verify: { events: 1000 },
};

type DeepPartial<T> = { [K in keyof T]?: Partial<T[K]> };

export function withOverrides(base: Sizes, overrides: DeepPartial<Sizes> = {}): Sizes {
  const out = structuredClone(base);
  for (const key of Object.keys(overrides) as Array<keyof Sizes>) Object.assign(out[key], overrides[key]);
  return out;
}

export type SizeOverrides = DeepPartial<Sizes>;
