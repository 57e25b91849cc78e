import { ACCESS_LOG_MIGRATIONS } from './access-log.js';
import { AUTH_MIGRATIONS } from './auth/schema.js';
import { KEYRING_MIGRATIONS } from './keyring.js';
import { MIGRATIONS as SECURITY_LOG_MIGRATIONS } from './security-log/chain.js';
import { LEASE_MIGRATIONS } from './sql/lease.js';
import type { EngineMigrations } from './sql/sql-db.js';
import { VAULT_MIGRATIONS } from './vault.js';

/** One component's part of a service's own database: its name in schema_migrations and its steps. */
export interface OwnDataComponent {
  component: string;
  migrations: EngineMigrations;
}

/**
 * The components of service-kit that keep data in a service's own database (an agency service adds
 * its witness copy and signature-repair cursor): what a move from SQLite to PostgreSQL migrates and
 * copies (docs/agency-database.md).
 */
export const OWN_DATA_COMPONENTS: readonly OwnDataComponent[] = [
  { component: 'auth', migrations: AUTH_MIGRATIONS },
  { component: 'keyring', migrations: KEYRING_MIGRATIONS },
  { component: 'vault', migrations: VAULT_MIGRATIONS },
  { component: 'access-log', migrations: ACCESS_LOG_MIGRATIONS },
  { component: 'security-log', migrations: SECURITY_LOG_MIGRATIONS },
  { component: 'leases', migrations: LEASE_MIGRATIONS },
];
