import { startAgencyServer, type RunningAgencyServer } from '@hub/agency-service';
import type { AgencyId } from '@hub/contracts';

export const AGENCY: AgencyId = 'procuratorate';

/** Starts the Procuratorate (检察院) service from `env` (PORT, HOST, EVENT_STORE_URL, DATA_DIR, LOG_LEVEL, HUB_VAULT_KEY…). */
export function startServer(env: Readonly<Record<string, string | undefined>> = process.env): Promise<RunningAgencyServer> {
  return startAgencyServer(AGENCY, env);
}
