import { join } from 'node:path';
import type { AgencyId } from '@hub/contracts';
import { defaultAgencySchema, loadKeyEncryptionKey, localDbPath, openSqlDb, SCHEMA_NAME, vaultKeyPath, type Logger, type SqlDb } from '@hub/service-kit';
import { serviceDefaults } from './defaults.js';

/** Where an agency service keeps its own files under DATA_DIR; the service and its CLI both ask here. */
export function agencyPaths(dataDir: string, agency: AgencyId): { dir: string; localDb: string; vaultKey: string } {
  const dir = join(dataDir, agency);
  const name = serviceDefaults(agency).name;
  return { dir, localDb: localDbPath(dir, name), vaultKey: vaultKeyPath(dir, name) };
}

/**
 * The agency's key-encryption key (service-kit's key-encryption.ts): KEY_ENCRYPTION_KEY,
 * KEY_ENCRYPTION_KEY_FILE or HUB_VAULT_KEY; missing, an error under NODE_ENV=production and a key
 * generated where the vault key file always was elsewhere. The service and its CLIs both ask here.
 */
export function agencyKek(dataDir: string, agency: AgencyId, env: Readonly<Record<string, string | undefined>>, logger?: Logger): Buffer {
  return loadKeyEncryptionKey({ env, dataDir, generatedKeyFile: agencyPaths(dataDir, agency).vaultKey, ...(logger ? { logger } : {}) });
}

/** Where an agency keeps its own data when it is on a server (issue 17; docs/agency-database.md). */
export interface AgencyDbSettings {
  /** AGENCY_DB_URL: postgres://…; absent, the SQLite file under DATA_DIR (one instance only). */
  url: string | undefined;
  /** AGENCY_DB_SCHEMA, else `agency_<id>` (`-` as `_`): agencies may share a database, never a schema. */
  schema: string;
}

export function agencyDbSettings(agency: AgencyId, env: Readonly<Record<string, string | undefined>>): AgencyDbSettings {
  const url = env['AGENCY_DB_URL']?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url))
    throw new Error(`AGENCY_DB_URL must be a postgres:// URL (the agency's own database), not ${url.split(':')[0]}:…`);
  const schema = env['AGENCY_DB_SCHEMA']?.trim() || defaultAgencySchema(agency);
  if (!SCHEMA_NAME.test(schema))
    throw new Error(`AGENCY_DB_SCHEMA ${JSON.stringify(schema)} is not a schema name: lower-case letters, digits and _, not starting with a digit`);
  return { url, schema };
}

/** The agency's own database, as the service and its CLIs open it: the schema at AGENCY_DB_URL, else the SQLite file under DATA_DIR. */
export function openAgencyDb(dataDir: string, agency: AgencyId, settings: AgencyDbSettings, max?: number): SqlDb {
  return openSqlDb({ url: settings.url, schema: settings.schema, sqlitePath: agencyPaths(dataDir, agency).localDb, ...(max ? { max } : {}) });
}
