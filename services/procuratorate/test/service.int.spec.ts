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
      kind: 'procuratorial_recommendation',
      addressee: { kind: 'agency', name: '区人社局', agencyId: 'hr_bureau' },
      summary: '建议加强劳动保障监察',
    },
  },
  notOurs: { path: 'hold-negotiation', body: {} },
});
