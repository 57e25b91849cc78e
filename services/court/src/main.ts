import { runAgencyMain } from '@hub/agency-service';
import { AGENCY } from './server.js';

// Everything an agency does differently is in the catalog; the entry point only names the agency.
await runAgencyMain(AGENCY);
