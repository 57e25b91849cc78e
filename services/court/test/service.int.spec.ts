import { randomUUID } from 'node:crypto';
import { serviceSmokeSpec } from '@hub/agency-service/testing';
import { AGENCY, startServer } from '../src/server.js';

serviceSmokeSpec({
  agency: AGENCY,
  startServer,
  own: { path: 'file-litigation', body: { litigationId: randomUUID(), plaintiff: 'worker', caseNumber: '(2026)浙0106民初1号', amountClaimedFen: 3_600_000 } },
  notOurs: { path: 'hold-negotiation', body: {} },
});
