import { WrongExpectedRevision } from './errors.js';
import type { ExpectedRevision } from './port.js';

/** The one place that decides whether an append may go ahead, for every engine that checks itself. */
export function checkExpected(stream: string, expected: ExpectedRevision, current: bigint | 'no_stream'): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && current === 'no_stream') ||
    (expected === 'stream_exists' && current !== 'no_stream') ||
    (typeof expected === 'bigint' && current === expected);
  if (!ok) throw new WrongExpectedRevision(stream, expected, current);
}

const MIN_INT64 = -(2n ** 63n);
/** The largest position or revision a database binds (64 bits); also "past every event". */
export const MAX_INT64 = 2n ** 63n - 1n;

/** Positions and revisions from callers are bigints of any size; a database binds 64 bits. */
export function clampInt64(value: bigint): bigint {
  return value < MIN_INT64 ? MIN_INT64 : value > MAX_INT64 ? MAX_INT64 : value;
}
