import { createHash } from 'node:crypto';
import pg from 'pg';
import { DuplicateEventId } from '../../errors.js';
import type { AppendResult, EventFilter, JsonValue, RecordedEvent, StoredMetadata } from '../../port.js';
import type { PreparedEvent } from '../../validate.js';

// The NOTIFY channel is `<schema>_events` and a channel name must fit PostgreSQL's 63-byte identifiers.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,55}$/;
/** Serialises table creation between processes that start at once ("hub_ddl\0"). */
const DDL_LOCK_KEY = 0x6875625f64646c00n;
const MIN_INT8 = -9223372036854775808n;
export const MAX_INT8 = 9223372036854775807n;

export function assertSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`schema "${schema}": use 1 to 56 characters of a-z, 0-9 and _, not starting with a digit`);
}

/**
 * The key every append transaction of one schema locks (see the gap note in postgres.ts). Derived
 * from the schema so that stores in different schemas of one database do not queue behind each other.
 */
export function appendLockKey(schema: string): bigint {
  return createHash('sha256').update(`hub-event-store:append:${schema}`).digest().readBigInt64BE(0);
}

/** int8 as bigint for this store's connections only: pg's global parsers stay as other users expect. */
export function int8AsBigInt(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(20, (text: string) => BigInt(text));
  return types;
}

/** Positions and revisions given by callers are bigints of any size; int8 parameters must not overflow. */
export function clampInt8(value: bigint): bigint {
  return value < MIN_INT8 ? MIN_INT8 : value > MAX_INT8 ? MAX_INT8 : value;
}

export function ddl(schema: string): string {
  const s = `"${schema}"`;
  // data and metadata are the canonical JSON text the store hashed: jsonb would reorder keys and refuse \u0000.
  return `
CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.events (
  position bigserial PRIMARY KEY,
  stream   text   NOT NULL,
  revision bigint NOT NULL,
  id       uuid   NOT NULL,
  type     text   NOT NULL,
  data     text   NOT NULL,
  metadata text   NOT NULL,
  UNIQUE (stream, revision),
  -- Ids are unique within a stream, as on EventStoreDB; a store-wide index on random UUIDs would
  -- dirty one random B-tree page per event.
  UNIQUE (stream, id)
);
CREATE TABLE IF NOT EXISTS ${s}.streams (
  stream   text   PRIMARY KEY,
  revision bigint NOT NULL,
  hash     text   NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type_position ON ${s}.events (type, position);`;
}

/**
 * Creates the tables unless they are all there. Checking first lets a role without CREATE rights
 * use tables an operator made; the transaction-scoped advisory lock keeps two processes that
 * start together from racing on CREATE SCHEMA/TABLE (IF NOT EXISTS is not atomic against that).
 */
export async function ensureSchema(pool: pg.Pool, schema: string): Promise<void> {
  const names = ['events', 'streams', 'events_type_position'].map((t) => `"${schema}".${t}`);
  const { rows } = await pool.query<{ ready: boolean }>(
    'SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL AS ready', names,
  );
  if (rows[0]?.ready) return;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK_KEY]);
    await client.query(ddl(schema));
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    client.release(true);
    throw error;
  }
}

const COLUMNS = 'position, stream, revision, id, type, data, metadata';

export function statements(schema: string) {
  const s = `"${schema}"`;
  return {
    // One round trip: the stream's head on every row, plus one row per id of the append the stream holds already.
    lookup: `SELECT h.revision AS head, h.hash, e.id, e.revision, e.position
FROM (SELECT 1) AS one
LEFT JOIN ${s}.streams h ON h.stream = $1
LEFT JOIN ${s}.events e ON e.stream = $1 AND e.id = ANY($2::uuid[])`,
    head: `SELECT revision, hash FROM ${s}.streams WHERE stream = $1`,
    // ORDER BY n: positions (drawn per row as it is inserted) follow revisions within one append.
    // The streams upsert runs whether or not the outer SELECT reads it: data-modifying CTEs always run once.
    insert: `WITH ins AS (
  INSERT INTO ${s}.events (stream, revision, id, type, data, metadata)
  SELECT $1, t.revision, t.id, t.type, t.data, t.metadata
  FROM unnest($2::bigint[], $3::uuid[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS t(revision, id, type, data, metadata, n)
  ORDER BY t.n
  RETURNING position
), head AS (
  INSERT INTO ${s}.streams (stream, revision, hash) VALUES ($1, $7, $8)
  ON CONFLICT (stream) DO UPDATE SET revision = excluded.revision, hash = excluded.hash
)
SELECT max(position) AS position FROM ins`,
    maxPosition: `SELECT max(position) AS p FROM ${s}.events`,
    streamFwd: `SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND revision > $2 ORDER BY revision LIMIT $3`,
    streamBwd: `SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND revision < $2 ORDER BY revision DESC LIMIT $3`,
    all(direction: 'forwards' | 'backwards', filter: EventFilter | undefined, after: bigint, limit: number): pg.QueryConfig {
      const values: unknown[] = [after, limit];
      const where = [direction === 'forwards' ? 'position > $1' : 'position < $1'];
      if (filter?.streamPrefix !== undefined) {
        values.push(filter.streamPrefix);
        where.push(`starts_with(stream, $${values.length})`); // literal: no LIKE wildcards to escape
      }
      if (filter?.eventTypes !== undefined) {
        values.push(filter.eventTypes);
        where.push(`type = ANY($${values.length}::text[])`);
      }
      const order = direction === 'forwards' ? 'ASC' : 'DESC';
      return { text: `SELECT ${COLUMNS} FROM ${s}.events WHERE ${where.join(' AND ')} ORDER BY position ${order} LIMIT $2`, values };
    },
  };
}

export type Statements = ReturnType<typeof statements>;

export interface EventRow {
  position: bigint;
  stream: string;
  revision: bigint;
  id: string;
  type: string;
  data: string;
  metadata: string;
}

export function toEvent(row: EventRow): RecordedEvent {
  return {
    position: row.position,
    stream: row.stream,
    revision: row.revision,
    id: row.id,
    type: row.type,
    data: JSON.parse(row.data) as JsonValue,
    metadata: JSON.parse(row.metadata) as StoredMetadata,
  };
}

/**
 * A filter value holding U+0000 cannot match (stream names and types never contain it), but
 * PostgreSQL text refuses it outright: answer "nothing matches" instead of a driver error.
 */
export function unmatchable(filter: EventFilter | undefined): boolean {
  return Boolean(filter?.streamPrefix?.includes('\u0000') || (filter?.eventTypes && filter.eventTypes.some((t) => String(t).includes('\u0000'))));
}

interface StoredId {
  revision: bigint;
  position: bigint;
}

/** Some ids of this append are in the stream already: a retry, answered as the first time, if it really is one. */
export function replayed(events: PreparedEvent[], stored: Map<string, StoredId>): AppendResult {
  const first = stored.get(events[0]!.id);
  // As if inserted in order: the first event whose id is taken is the one refused.
  if (!first) throw new DuplicateEventId(events.find((e) => stored.has(e.id))!.id);
  let last = first;
  events.forEach((event, i) => {
    const found = stored.get(event.id);
    if (!found || found.revision !== first.revision + BigInt(i)) throw new DuplicateEventId(event.id);
    last = found;
  });
  return { nextExpectedRevision: last.revision, position: last.position };
}

/** A unique violation on (stream, id) (only possible if something writes without the append lock) is a DuplicateEventId. */
export function mapError(error: unknown, events: PreparedEvent[]): unknown {
  const e = error as { code?: string; constraint?: string; detail?: string };
  if (e.code !== '23505' || e.constraint !== 'events_stream_id_key') return error;
  return new DuplicateEventId((events.find((event) => e.detail?.includes(event.id)) ?? events[0]!).id);
}
