/**
 * The run's seed and size. CI runs the fixed default seed so a red run is red again on any
 * machine; FUZZ_SEED picks another sequence, FUZZ_RUNS scales every loop (1 is the CI size).
 */
const int = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got ${JSON.stringify(raw)}`);
  return value;
};

export const FUZZ_SEED = int('FUZZ_SEED', 20_261_122);
/** A multiplier of the CI run's size: `FUZZ_RUNS=20 pnpm fuzz` sends twenty times as much. */
export const FUZZ_RUNS = Math.max(1, int('FUZZ_RUNS', 1));

/** A seed per named sequence, so one route's cases do not change when another route is added. */
export function seedFor(name: string): number {
  let hash = FUZZ_SEED | 0;
  for (let i = 0; i < name.length; i += 1) hash = Math.imul(hash ^ name.charCodeAt(i), 16_777_619);
  return hash | 0;
}

/** How to say it again: the line a failure message carries. */
export const reproduce = (name: string): string => `FUZZ_SEED=${FUZZ_SEED} FUZZ_RUNS=${FUZZ_RUNS} (sequence "${name}", seed ${seedFor(name)})`;
