/**
 * A little real data before the fuzz starts, so that generated requests also name a case, a
 * meeting and a warning that exist and reach the checks behind "not found".
 */
import { randomUUID } from 'node:crypto';
import { makeUscc } from '@hub/scenarios';
import type { KnownIds } from './request.js';
import type { FuzzSystem } from './system.js';

export async function seedData(sys: FuzzSystem): Promise<KnownIds> {
  const { union, procuratorate } = sys.cluster.clients;
  const region = '330106';
  const employer = { name: '杭州西湖模糊测试有限公司', uscc: makeUscc(region, 91) };
  const { caseId } = await union.openCase({
    channel: 'inspection', category: 'wage_arrears', region, summary: '模糊测试用案件', employers: [employer], workerCount: 3, amountClaimedFen: 120_000,
  });
  await union.command(caseId, 'transfer-lead', { leadId: randomUUID(), to: 'procuratorate', summary: '移送线索', feedbackDueAt: new Date(Date.now() + 14 * 86_400_000).toISOString() });
  const secretary = await sys.cluster.login('procuratorate', 'secretary');
  const { meetingId } = await secretary.scheduleMeeting({ title: '联席会议', scheduledFor: new Date(Date.now() + 7 * 86_400_000).toISOString(), agenda: '审议', caseIds: [caseId] });
  const { warningId } = await union.raiseWarning({ employer, level: 'yellow', reasons: ['欠薪'], region });
  // A case the union takes no part in: reads and acts on it must answer as for a missing one.
  const { caseId: foreign } = await procuratorate.openCase({
    channel: 'walk_in', category: 'wage_arrears', region, summary: '他机构案件', employers: [employer], workerCount: 1, amountClaimedFen: 1,
  });
  return { caseId: [caseId, foreign], meetingId: [meetingId], warningId: [warningId] };
}
