import { threadId } from 'node:worker_threads';
import { defineFold, defineProjection, streamIndexProjection, type Projection } from '../../src/index.js';

/** How many events each stream has had: a fold, so the rebuild thread hands a fold's states over too. */
const streamCounts = defineFold<{ n: number }, number>({
  name: 'stream-counts',
  version: 1,
  keyOf: (event) => event.stream,
  step: (state) => {
    const n = (state?.n ?? 0) + 1;
    return { state: { n }, folded: n };
  },
});

/**
 * One row per event, keyed by position (a second apply of one event fails the batch), saying
 * which thread applied it and the stream's count the fold gave with it. Refuses the event at the
 * position in THREAD_SPEC_REFUSE, read when the event comes (a worker gets the env at its start).
 */
export const threadLog: Projection<number> = defineProjection({
  name: 'thread-log',
  version: 1,
  fold: streamCounts,
  init: (db) =>
    db.exec('CREATE TABLE IF NOT EXISTS applied (position INTEGER PRIMARY KEY, stream TEXT NOT NULL, nth INTEGER NOT NULL, thread INTEGER NOT NULL)'),
  apply: (db, event, nth) => {
    if (process.env['THREAD_SPEC_REFUSE'] === event.position.toString()) throw new Error(`refused at ${event.position}`);
    db.prepare('INSERT INTO applied (position, stream, nth, thread) VALUES (?, ?, ?, ?)').run(event.position, event.stream, nth, threadId);
  },
});

/** What the rebuild thread imports by this module's URL: the same projections, by name, as the runner's. */
export const threadProjections: readonly Projection[] = [streamIndexProjection, threadLog];
