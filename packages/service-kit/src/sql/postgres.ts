import pg from 'pg';
import { MigrationError } from '../local-db.js';
import type { EngineMigrations, SqlDb, SqlQueries, SqlTransaction, SqlValue } from './sql-db.js';

type Params = readonly SqlValue[];

const placeholders = new Map<string, string>();

/** `?` → `$1, $2, …`, outside quoted text; cached per SQL text. */
export function toPostgresPlaceholders(sql: string): string {
  const converted = placeholders.get(sql);
  if (converted !== undefined) return converted;
  let out = '';
  let n = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else if (ch === '?') out += `$${++n}`;
    else out += ch;
  }
  if (placeholders.size > 2000) placeholders.clear();
  placeholders.set(sql, out);
  return out;
}

// Times are epoch milliseconds in BIGINT columns: read them as numbers, as SQLite gives them.
// (Every one is far inside 2^53.) Counts (count(*)) are bigint too.
const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

function queriesOver(client: pg.Pool | pg.PoolClient): SqlQueries {
  const query = (sql: string, params: Params) => client.query({ text: toPostgresPlaceholders(sql), values: params as unknown[] });
  return {
    engine: 'postgres',
    all: async <T>(sql: string, params: Params = []) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params: Params = []) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params: Params = []) => (await query(sql, params)).rowCount ?? 0,
  };
}

/** A schema name as PostgreSQL takes it unquoted: what AGENCY_DB_SCHEMA may be. */
export const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresSqlOptions {
  url: string;
  /** The schema the tables live in (created when missing): one per agency, so agencies may share a database. */
  schema: string;
  /** Pool size; default 8. */
  max?: number;
}

/**
 * The server engine: one PostgreSQL schema that every replica of an agency service opens. Each
 * call takes a pooled connection; a transaction keeps one until it ends.
 */
export class PostgresSqlDb implements SqlDb {
  readonly engine = 'postgres';
  readonly location: string;
  readonly schema: string;
  private readonly pool: pg.Pool;
  private readonly queries: SqlQueries;
  private ready: Promise<void> | null = null;

  constructor(options: PostgresSqlOptions) {
    if (!SCHEMA_NAME.test(options.schema)) throw new Error(`not a schema name: ${JSON.stringify(options.schema)} (lower-case letters, digits, _)`);
    this.schema = options.schema;
    const shown = new URL(options.url);
    shown.password = '';
    this.location = `${shown.toString()} (schema ${options.schema})`;
    this.pool = new pg.Pool({
      connectionString: options.url,
      max: options.max ?? 8,
      options: `-c search_path=${options.schema}`,
      types,
    });
    // An idle client's error (the server restarted) must not end the process; the next query reconnects.
    this.pool.on('error', () => {});
    this.queries = queriesOver(this.pool);
  }

  /** The schema and the migrations' table, once, under an advisory lock (replicas starting together). */
  private prepareSchema(): Promise<void> {
    this.ready ??= (async () => {
      const client = await this.pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`agency-db:${this.schema}`]);
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${this.schema}`);
        await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
          component  TEXT NOT NULL,
          version    INTEGER NOT NULL,
          applied_at TEXT NOT NULL,
          PRIMARY KEY (component, version)
        )`);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        this.ready = null;
        throw error;
      } finally {
        client.release();
      }
    })();
    return this.ready;
  }

  async all<T>(sql: string, params?: Params): Promise<T[]> {
    return this.queries.all<T>(sql, params);
  }

  async get<T>(sql: string, params?: Params): Promise<T | undefined> {
    return this.queries.get<T>(sql, params);
  }

  async run(sql: string, params?: Params): Promise<number> {
    return this.queries.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const tx: SqlTransaction = {
        ...queriesOver(client),
        lock: async (name) => {
          await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${this.schema}:${name}`]);
        },
      };
      const result = await work(tx);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async migrate(component: string, migrations: EngineMigrations): Promise<number> {
    await this.prepareSchema();
    const steps = migrations.postgres;
    const known = await this.get<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations WHERE component = ?', [component]);
    if (Number(known?.v ?? 0) > steps.length)
      throw new MigrationError(`${component}: the database is at migration ${known?.v}, newer than this code knows (${steps.length})`);
    let ran = 0;
    for (let version = 1; version <= steps.length; version++) {
      const applied = await this.transaction(async (tx) => {
        await tx.lock(`migrate:${component}`);
        const row = await tx.get<{ v: number }>('SELECT coalesce(max(version), 0) AS v FROM schema_migrations WHERE component = ?', [component]);
        const current = Number(row?.v ?? 0);
        if (current > steps.length)
          throw new MigrationError(`${component}: the database is at migration ${current}, newer than this code knows (${steps.length})`);
        if (current >= version) return false;
        const step = steps[version - 1]!;
        if (typeof step === 'string') {
          // Several statements: the simple protocol takes them in one call (no parameters).
          for (const statement of splitStatements(step)) await tx.run(statement);
        } else await step(tx);
        await tx.run('INSERT INTO schema_migrations (component, version, applied_at) VALUES (?, ?, ?)', [component, version, new Date().toISOString()]);
        return true;
      });
      if (applied) ran++;
    }
    return ran;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** A migration's statements, split at `;` outside quotes (migrations hold no functions' bodies). */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === ';') {
      if (current.trim()) out.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
