/**
 * Memory of this process (the services run in it) after a full collection: the fuzz run asserts
 * that it does not keep growing. `gc` is reached without --expose-gc by exposing it for a new
 * context, so the suite runs under plain `vitest`.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

export interface MemorySample {
  heapUsed: number;
  rss: number;
}

export async function settledMemory(): Promise<MemorySample> {
  // Twice, with a turn of the event loop between: finalizers and weak callbacks free more.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
}

export const MB = 1024 * 1024;
