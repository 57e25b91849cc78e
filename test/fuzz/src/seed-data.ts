/**
 * A little real data before the fuzz starts, so that generated requests also name a case, a
 * meeting and a warning that exist and reach the checks behind "not found".
 */
import { randomUUID } from 'node:crypto';
import { makeUscc } from '@hub/scenarios';
import type { KnownIds } from './request.js';
import type { FuzzSystem } from './system.js';

export async function seedData(sys: FuzzSystem): Promise<KnownIds> {
  const { union } = sys.cluster.clients;
  const region = '330106';
  const employer = { name: '杭州西湖模糊测试有限公司', uscc: makeUscc(region, 91) };
  const { caseId } = await union.openCase({
    channel: 'inspection',
    category: 'wage_arrears',
    region,
    summary: '模糊测试用案件',
    employers: [employer],
    workerCount: 3,
    amountClaimedFen: 120_000,
  });
  await union.command(caseId, 'transfer-lead', {
    leadId: randomUUID(),
    to: 'procuratorate',
    summary: '移送线索',
    feedbackDueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  });
  const secretary = await sys.cluster.login('procuratorate', 'secretary');
  const { meetingId } = await secretary.scheduleMeeting({
    title: '联席会议',
    scheduledFor: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    agenda: '审议',
    caseIds: [caseId],
  });
  const { warningId } = await union.raiseWarning({ employer, level: 'yellow', reasons: ['欠薪'], region });
  const foreign = await openForeignCase(sys);
  return { caseId: [caseId, foreign], meetingId: [meetingId], warningId: [warningId] };
}

/**
 * A case only the procuratorate takes part in: the union must learn nothing of it. Fresh for each
 * use, as a fuzzed request may make the union join a case (a command that joins is allowed to).
 */
export async function openForeignCase(sys: FuzzSystem): Promise<string> {
  const region = '330106';
  const { caseId } = await sys.cluster.clients.procuratorate.openCase({
    channel: 'walk_in',
    category: 'wage_arrears',
    region,
    summary: '他机构案件',
    employers: [{ name: '杭州模糊测试他方有限公司', uscc: makeUscc(region, 92) }],
    workerCount: 1,
    amountClaimedFen: 1,
  });
  return caseId;
}
