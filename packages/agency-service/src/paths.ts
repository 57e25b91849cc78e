import { join } from 'node:path';
import type { AgencyId } from '@hub/contracts';
import { loadKeyEncryptionKey, localDbPath, vaultKeyPath, type Logger } from '@hub/service-kit';
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
