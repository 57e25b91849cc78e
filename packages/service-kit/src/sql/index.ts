import { PostgresSqlDb } from './postgres.js';
import type { SqlDb } from './sql-db.js';
import { SqliteSqlDb } from './sqlite.js';

export type { EngineMigrations, SqlDb, SqlEngine, SqlMigration, SqlQueries, SqlRow, SqlTransaction, SqlValue } from './sql-db.js';
export { PostgresSqlDb, SCHEMA_NAME, toPostgresPlaceholders, type PostgresSqlOptions } from './postgres.js';
export { SqliteSqlDb } from './sqlite.js';
export { Lease, LEASE_MIGRATIONS, type LeaseState } from './lease.js';
export { sameServer, serversOf, type ServerAddress } from './same-server.js';

/**
 * A service's own database: PostgreSQL when `url` is given (every replica opens the same schema),
 * else the SQLite file at `sqlitePath`.
 */
export function openSqlDb(options: { url?: string | undefined; schema: string; sqlitePath: string; max?: number }): SqlDb {
  if (options.url) return new PostgresSqlDb({ url: options.url, schema: options.schema, ...(options.max ? { max: options.max } : {}) });
  return SqliteSqlDb.open(options.sqlitePath);
}

/** An agency's schema when AGENCY_DB_SCHEMA does not name one: `agency_<id>` (`-` as `_`). */
export function defaultAgencySchema(agency: string): string {
  return `agency_${agency.replaceAll('-', '_')}`;
}
export { copyOwnData, CopyRefused, type CopiedTable } from './copy.js';
