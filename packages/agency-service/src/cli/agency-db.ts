import type { AgencyId } from '@hub/contracts';
import type { SqlDb } from '@hub/service-kit';
import { agencyDbSettings, openAgencyDb as open } from '../paths.js';

/**
 * The agency's own database, as a CLI opens it: the PostgreSQL schema its replicas share when
 * AGENCY_DB_URL is set (AGENCY_DB_SCHEMA, by default `agency_<id>`), else the local SQLite file
 * under the data directory, as before.
 */
export function openAgencyDb(dataDir: string, agency: AgencyId, env: Readonly<Record<string, string | undefined>>): SqlDb {
  return open(dataDir, agency, agencyDbSettings(agency, env), 2);
}
