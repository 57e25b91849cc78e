import { defineProjection, type ReadModelDb } from '../../projection.js';
import { statementsPer } from '../../statements.js';
import { eventTypes, evolve, initialState, type StreamSummary } from './stream-summary.js';

export const STREAM_INDEX = 'stream-index';

export interface StreamRow {
  stream: string;
  category: string;
  last_revision: bigint;
  last_position: bigint;
  event_count: bigint;
  first_recorded_at: string;
  last_recorded_at: string;
}

export function fromRow(row: StreamRow): StreamSummary {
  return {
    stream: row.stream,
    category: row.category,
    lastRevision: row.last_revision,
    lastPosition: row.last_position,
    eventCount: Number(row.event_count),
    firstRecordedAt: row.first_recorded_at,
    lastRecordedAt: row.last_recorded_at,
  };
}

// Columns rather than a JSON document: the query filters by category and pages in name order.
const statements = statementsPer((db: ReadModelDb) => ({
  load: db.prepare<[string], StreamRow>('SELECT * FROM stream_index WHERE stream = ?').safeIntegers(true),
  save: db.prepare(`
    INSERT INTO stream_index (stream, category, last_revision, last_position, event_count, first_recorded_at, last_recorded_at)
    VALUES (@stream, @category, @lastRevision, @lastPosition, @eventCount, @firstRecordedAt, @lastRecordedAt)
    ON CONFLICT (stream) DO UPDATE SET
      last_revision = excluded.last_revision, last_position = excluded.last_position, event_count = excluded.event_count,
      last_recorded_at = excluded.last_recorded_at`),
}));

/** Every stream with its category, last revision and position, event count, first and last recording time. */
export const streamIndexProjection = defineProjection({
  name: STREAM_INDEX,
  version: 1,
  ...(eventTypes ? { eventTypes } : {}),
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS stream_index (
        stream            TEXT PRIMARY KEY,
        category          TEXT NOT NULL,
        last_revision     INTEGER NOT NULL,
        last_position     INTEGER NOT NULL,
        event_count       INTEGER NOT NULL,
        first_recorded_at TEXT NOT NULL,
        last_recorded_at  TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS stream_index_by_category ON stream_index (category, stream);`);
  },
  apply(db, event) {
    const { load, save } = statements(db);
    const row = load.get(event.stream);
    save.run(evolve(row ? fromRow(row) : initialState, event));
  },
});
