/**
 * What an agency keeps for itself (users, sessions, keys, the vault, the logs, the witness copy),
 * behind one asynchronous interface with two engines: SQLite under DATA_DIR (the embedded
 * default, one instance) and PostgreSQL (AGENCY_DB_URL: replicas of one agency share it; issue 17).
 *
 * SQL is written once, with `?` placeholders, in the dialect both engines share: `INSERT … ON
 * CONFLICT … DO NOTHING/UPDATE`, `RETURNING`, integers for times (epoch ms) and flags (0/1),
 * `BLOB`/`BYTEA` only in each engine's own migrations. Where replicas must not interleave
 * (a hash chain's next link, an issued number), a transaction takes `lock(name)`: an advisory
 * lock on PostgreSQL; on SQLite the write lock of `BEGIN IMMEDIATE` already serializes.
 */
export type SqlValue = string | number | bigint | Buffer | Uint8Array | null;
export type SqlRow = Record<string, unknown>;

export type SqlEngine = 'sqlite' | 'postgres';

export interface SqlQueries {
  readonly engine: SqlEngine;
  /** Every row the statement returns. */
  all<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** The first row, or undefined. */
  get<T = SqlRow>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

export interface SqlTransaction extends SqlQueries {
  /** Holds `name` until this transaction ends, across every replica on the same database. */
  lock(name: string): Promise<void>;
}

export interface SqlDb extends SqlQueries {
  /**
   * Runs `work` in one transaction (SQLite: BEGIN IMMEDIATE; PostgreSQL: READ COMMITTED on one
   * pooled connection): all of it commits or none. Throwing rolls back and rethrows.
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  /**
   * Runs the component's migrations not yet applied, each in its own transaction with its record;
   * the engine's own list (`sqlite` keeps the steps that shipped; `postgres` starts from today's
   * schema). Returns how many ran.
   */
  migrate(component: string, migrations: EngineMigrations): Promise<number>;
  /** Where the data is, for logs: a file path or a server with its password removed. */
  readonly location: string;
  close(): Promise<void>;
}

/** One step: SQL (may hold several statements), or a function given the transaction. */
export type SqlMigration = string | ((tx: SqlTransaction) => Promise<void>);

export interface EngineMigrations {
  /** The SQLite steps, as they shipped (never edit or reorder one); a function step may also use the raw handle. */
  readonly sqlite: readonly (string | ((db: import('better-sqlite3').Database) => void))[];
  readonly postgres: readonly SqlMigration[];
}
