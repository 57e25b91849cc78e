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
