import type { RecordedEvent } from '@hub/event-store';
import { defineFold, type Projection, type ReadModelDb } from '../../src/index.js';

/** A fold that counts each stream's events: folded twice, an event shows as a count one too high. */
export const streamCount = defineFold<number, number>({
  name: 'stream-count',
  version: 1,
  keyOf: (event) => event.stream,
  step: (count) => ({ state: (count ?? 0) + 1, folded: (count ?? 0) + 1 }),
});

/**
 * A projection reading the fold: one row per apply with the count the fold gave, with no key, so
 * a duplicate apply shows as a second row and a duplicate fold as a wrong count.
 */
export function countedLog(name: string, failWhen?: (event: RecordedEvent) => boolean): Projection<number> {
  return {
    name,
    version: 1,
    fold: streamCount,
    init(db) {
      db.exec('CREATE TABLE IF NOT EXISTS counted (position INTEGER NOT NULL, stream TEXT NOT NULL, n INTEGER NOT NULL)');
    },
    apply(db, event, n) {
      db.prepare('INSERT INTO counted (position, stream, n) VALUES (?, ?, ?)').run(event.position, event.stream, n ?? -1);
      if (failWhen?.(event)) throw new Error(`refused ${event.type} at ${event.position}`);
    },
  };
}

/** Rows whose count is not the event's place in its stream (1, 2, 3, ... in position order), and the row count. */
export function countErrors(db: ReadModelDb): { rows: number; wrong: number } {
  const rows = db.prepare<[], { stream: string; n: number }>('SELECT stream, n FROM counted ORDER BY position').all();
  const seen = new Map<string, number>();
  let wrong = 0;
  for (const { stream, n } of rows) {
    const expected = (seen.get(stream) ?? 0) + 1;
    seen.set(stream, expected);
    if (n !== expected) wrong++;
  }
  return { rows: rows.length, wrong };
}
