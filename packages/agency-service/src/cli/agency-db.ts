import type { AgencyId } from '@hub/contracts';
import { openSqlDb, type SqlDb } from '@hub/service-kit';
import { agencyPaths } from '../paths.js';

/**
 * The agency's own database, as a CLI opens it: the PostgreSQL schema its replicas share when
 * AGENCY_DB_URL is set (AGENCY_DB_SCHEMA, by default the agency's id), else the local SQLite
 * file under the data directory, as before.
 */
export function openAgencyDb(dataDir: string, agency: AgencyId, env: Readonly<Record<string, string | undefined>>): SqlDb {
  return openSqlDb({
    url: env['AGENCY_DB_URL'] || undefined,
    schema: env['AGENCY_DB_SCHEMA'] || agency,
    sqlitePath: agencyPaths(dataDir, agency).localDb,
    max: 2,
  });
}
