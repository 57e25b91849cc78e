import { join } from 'node:path';
import type { AgencyId } from '@hub/contracts';
import { localDbPath, vaultKeyPath } from '@hub/service-kit';
import { serviceDefaults } from './defaults.js';

/** Where an agency service keeps its own files under DATA_DIR; the service and its CLI both ask here. */
export function agencyPaths(dataDir: string, agency: AgencyId): { dir: string; localDb: string; vaultKey: string } {
  const dir = join(dataDir, agency);
  const name = serviceDefaults(agency).name;
  return { dir, localDb: localDbPath(dir, name), vaultKey: vaultKeyPath(dir, name) };
}
