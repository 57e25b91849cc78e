import { randomUUID } from 'node:crypto';
import { serviceSmokeSpec } from '@hub/agency-service/testing';
import { AGENCY, startServer } from '../src/server.js';

serviceSmokeSpec({
  agency: AGENCY,
  startServer,
  own: {
    path: 'issue-supervision-letter',
    body: {
      letterId: randomUUID(),
      kind: 'reminder_letter',
      addressee: { kind: 'enterprise', name: '某建筑劳务有限公司' },
      summary: '提示依法支付工资',
      replyDueAt: new Date(Date.now() + 15 * 86_400_000).toISOString(),
    },
  },
  notOurs: {
    path: 'issue-supervision-letter',
    body: { letterId: randomUUID(), kind: 'procuratorial_recommendation', addressee: { kind: 'enterprise', name: '某建筑劳务有限公司' }, summary: '检察建议' },
  },
});
