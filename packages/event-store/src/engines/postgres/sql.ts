import { createHash } from 'node:crypto';
import pg from 'pg';
import type { EventFilter, JsonValue, RecordedEvent, StoredMetadata } from '../../port.js';
import { APPEND_FUNCTION, APPEND_FUNCTION_SETTINGS, APPEND_SIGNATURE, appendFunctionBody, appendFunctionDdl } from './function.js';

// The NOTIFY channel is `<schema>_events` and a channel name must fit PostgreSQL's 63-byte identifiers.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,55}$/;
/** Serialises table creation between processes that start at once ("hub_ddl\0"). */
const DDL_LOCK_KEY = 0x6875625f64646c00n;

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

/** The NOTIFY channel of a schema's commits. */
export function channelOf(schema: string): string {
  return `${schema}_events`;
}

/** int8 as bigint for this store's connections only: pg's global parsers stay as other users expect. */
export function int8AsBigInt(): pg.CustomTypesConfig {
  const types = new pg.TypeOverrides();
  types.setTypeParser(20, (text: string) => BigInt(text));
  return types;
}

export function ddl(schema: string): string {
  const s = `"${schema}"`;
  // data and metadata are the canonical JSON text the store hashed: jsonb would reorder keys and refuse \u0000.
  // The schema only when it is missing: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database
  // even when the schema is there, and a role given only its own schema (least privilege) has not.
  return `
DO $ddl$ BEGIN
  IF to_regnamespace('${s.replaceAll("'", "''")}') IS NULL THEN CREATE SCHEMA ${s}; END IF;
END $ddl$;
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
 * Creates the tables unless they are all there, and installs the append function unless the
 * current body is installed. Checking first lets a role without CREATE rights use tables an
 * operator made; the transaction-scoped advisory lock keeps two processes that start together
 * from racing on CREATE SCHEMA/TABLE/FUNCTION (IF NOT EXISTS and OR REPLACE are not atomic
 * against that).
 */
/** Why this database cannot chain SM3 events (pgcrypto neither installed nor installable, or without SM3). */
export class PgcryptoUnavailable extends Error {
  override readonly name = 'PgcryptoUnavailable';
}

/** Where the append function finds digest(): pgcrypto's schema, or why there is none. */
export type Sm3Support = { schema: string; problem: null } | { schema: 'public'; problem: string };

/**
 * The schema pgcrypto is installed in, installing it when it is not (CREATE EXTENSION IF NOT
 * EXISTS pgcrypto: a trusted extension since PostgreSQL 13, so a role with CREATE on the database
 * may). The append function hashes sm3 events with its digest(…, 'sm3'); checked here once. A
 * database without it still serves the intl suite (sha256() is PostgreSQL's own): only an sm3
 * event is refused then, with the reason, at its append.
 */
export async function ensurePgcrypto(pool: pg.Pool): Promise<Sm3Support> {
  try {
    return { schema: await installedPgcrypto(pool), problem: null };
  } catch (error) {
    if (!(error instanceof PgcryptoUnavailable)) throw error;
    return { schema: 'public', problem: error.message };
  }
}

async function installedPgcrypto(pool: pg.Pool): Promise<string> {
  const find = async () =>
    (await pool.query<{ schema: string }>("SELECT extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname = 'pgcrypto'")).rows[0]?.schema;
  let schema = await find();
  if (schema === undefined) {
    try {
      await pool.query('CREATE EXTENSION IF NOT EXISTS pgcrypto');
    } catch (error) {
      throw new PgcryptoUnavailable(
        `PostgreSQL 扩展 pgcrypto 未安装且无法创建 / the PostgreSQL extension pgcrypto is not installed and could not be created (${(error as Error).message}): ` +
          'the event store hashes SM3 chains with its digest(); have the database owner run CREATE EXTENSION pgcrypto; in this database',
      );
    }
    schema = await find();
  }
  if (schema === undefined) throw new PgcryptoUnavailable('pgcrypto: CREATE EXTENSION succeeded but the extension is not listed');
  // regnamespace::text quotes a name that needs it; the function body quotes it itself.
  const bare = schema.startsWith('"') ? schema.slice(1, -1).replaceAll('""', '"') : schema;
  try {
    const { rows } = await pool.query<{ h: string }>(`SELECT encode("${bare.replaceAll('"', '""')}".digest('abc', 'sm3'), 'hex') AS h`);
    if (rows[0]?.h !== '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0') throw new Error(`digest('abc', 'sm3') gave ${rows[0]?.h}`);
  } catch (error) {
    throw new PgcryptoUnavailable(
      `PostgreSQL 的 pgcrypto 不支持 SM3 / this PostgreSQL's pgcrypto cannot compute SM3 (${(error as Error).message}): its OpenSSL must provide sm3 (OpenSSL 1.1.1 or later)`,
    );
  }
  return bare;
}

/** Returns why sm3 events cannot be chained here, or null when they can. */
export async function ensureSchema(pool: pg.Pool, schema: string, lockKey: bigint, channel: string): Promise<string | null> {
  const names = ['events', 'streams', 'events_type_position'].map((t) => `"${schema}".${t}`);
  const { schema: cryptoSchema, problem } = await ensurePgcrypto(pool);
  const body = appendFunctionBody(schema, lockKey, channel, cryptoSchema);
  const ready = `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL
  AND EXISTS (SELECT 1 FROM pg_proc WHERE oid = to_regprocedure($4) AND prosrc = $5 AND proconfig = $6) AS ready`;
  const settings = APPEND_FUNCTION_SETTINGS.map(([name, value]) => `${name}=${value}`);
  const { rows } = await pool.query<{ ready: boolean }>(ready, [...names, `"${schema}".${APPEND_SIGNATURE}`, body, settings]);
  if (rows[0]?.ready) return problem;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [DDL_LOCK_KEY]);
    await client.query(ddl(schema));
    await client.query(appendFunctionDdl(schema, lockKey, channel, cryptoSchema));
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    client.release(true);
    throw error;
  }
  return problem;
}

const COLUMNS = 'position, stream, revision, id, type, data, metadata';

/**
 * Named (prepared once per connection) where the text is fixed: the server parses and plans them
 * once. The readAll variants with a filter stay unnamed, so each gets a plan for its own values.
 */
export function statements(schema: string) {
  const s = `"${schema}"`;
  const named =
    (name: string, text: string) =>
    (values: unknown[]): pg.QueryConfig => ({ name: `hub_${name}_v1`, text, values });
  return {
    head: named('head', `SELECT revision, hash FROM ${s}.streams WHERE stream = $1`),
    maxPosition: named('max_position', `SELECT max(position) AS p FROM ${s}.events`),
    streamFwd: named('stream_fwd', `SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND revision > $2 ORDER BY revision LIMIT $3`),
    streamBwd: named('stream_bwd', `SELECT ${COLUMNS} FROM ${s}.events WHERE stream = $1 AND revision < $2 ORDER BY revision DESC LIMIT $3`),
    append: named(
      'append',
      `SELECT r_outcome, r_revision, r_position, r_actual, r_id FROM ${s}.${APPEND_FUNCTION}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    ),
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
      const text = `SELECT ${COLUMNS} FROM ${s}.events WHERE ${where.join(' AND ')} ORDER BY position ${order} LIMIT $2`;
      return values.length === 2 ? { name: `hub_all_${direction}_v1`, text, values } : { text, values };
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
  return Boolean(filter?.streamPrefix?.includes('\u0000') || filter?.eventTypes?.some((t) => String(t).includes('\u0000')));
}
