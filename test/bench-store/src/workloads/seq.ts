import { benchEvents, type BenchEvent } from '../payload.js';

/** Hands out run-wide unique event numbers, so a live subscriber can match what it sees to an append. */
let next = 0;

export function takeEvents(count: number): BenchEvent[] {
  const events = benchEvents(next, count);
  next += count;
  return events;
}
