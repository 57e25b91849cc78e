import { randomUUID } from 'node:crypto';
import { serviceSmokeSpec } from '@hub/agency-service/testing';
import { AGENCY, startServer } from '../src/server.js';

serviceSmokeSpec({
  agency: AGENCY,
  startServer,
  own: { path: 'list-employer-for-credit', body: { uscc: '91330106MA2KQ7T39F', list: 'key_monitoring', reason: '拖欠工资' } },
  notOurs: { path: 'issue-judgment', body: { litigationId: randomUUID(), judgmentNo: '(2026)浙0106民初1号', amountAwardedFen: 100, summary: '判决' } },
});
