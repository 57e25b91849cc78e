import type { ReadModelDb } from '../../projection.js';
import { statementsPer } from '../../statements.js';
import { fromRow, type StreamRow } from './projection.js';
import type { StreamSummary } from './stream-summary.js';

export interface ListStreamsOptions {
  /** Only streams of this category. */
  category?: string;
  /** 1 to 1000. */
  limit: number;
  /** Streams to skip, 0 or more. */
  offset: number;
}

export interface StreamPage {
  /** Streams matching the filter, across all pages. */
  total: number;
  /** In stream-name order, so that pages stay stable while streams are added. */
  streams: StreamSummary[];
}

// Two shapes rather than "@category IS NULL OR ...", which would keep SQLite off the category index.
const statements = statementsPer((db: ReadModelDb) => ({
  all: db.prepare<{ limit: number; offset: number }, StreamRow>('SELECT * FROM stream_index ORDER BY stream LIMIT @limit OFFSET @offset').safeIntegers(true),
  allCount: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM stream_index'),
  inCategory: db
    .prepare<{ category: string; limit: number; offset: number }, StreamRow>(
      'SELECT * FROM stream_index WHERE category = @category ORDER BY stream LIMIT @limit OFFSET @offset',
    )
    .safeIntegers(true),
  categoryCount: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM stream_index WHERE category = ?'),
  // Both reads in one transaction, so the total and the page describe the same snapshot.
  snapshot: db.transaction((read: () => StreamPage) => read()),
}));

/** Pass `runner.readModel(STREAM_INDEX).db`, read afresh for each query. */
export function listStreams(db: ReadModelDb, options: ListStreamsOptions): StreamPage {
  const { limit, offset } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new RangeError(`limit must be a whole number from 1 to 1000, not ${limit}`);
  if (!Number.isInteger(offset) || offset < 0) throw new RangeError(`offset must be a whole number of 0 or more, not ${offset}`);
  const { category } = options;
  const s = statements(db);
  return s.snapshot(() =>
    category === undefined
      ? { total: s.allCount.get()!.n, streams: s.all.all({ limit, offset }).map(fromRow) }
      : { total: s.categoryCount.get(category)!.n, streams: s.inCategory.all({ category, limit, offset }).map(fromRow) },
  );
}
