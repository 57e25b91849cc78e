/**
 * The raw read rate the rebuild is held against: every stored event read once with the store's own
 * `readAll` (parsed as every reader gets it), timed, in the same run and on the same store as the
 * rebuild. A rebuild can never beat it; the issue asks for at least 40 % of it.
 */
import type { EventStore } from '@hub/event-store';

export interface ReadAllFigure {
  events: number;
  ms: number;
  /** Events per second of wall time. */
  rate: number;
}

export async function timeReadAll(store: EventStore): Promise<ReadAllFigure> {
  let events = 0;
  const t0 = performance.now();
  for await (const _event of store.readAll({ fromPosition: 'start' })) events += 1;
  const ms = performance.now() - t0;
  return { events, ms, rate: ms > 0 ? (events * 1000) / ms : 0 };
}
