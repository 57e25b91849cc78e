import { randomUUID } from 'node:crypto';
import { EMPLOYERS, REGIONS } from './demo/parties.js';

/** Sends one command and resolves with its answer; the fault specs retry it their own way. */
export type Send = (path: string, body: unknown) => Promise<{ caseId: string }>;

/**
 * The unit of work the fault specs drive: a 12351 wage-arrears case opened by the union, then its
 * lead transferred to the HR bureau. Resolves with the case id once both are acknowledged.
 */
export async function openCaseWithLead(send: Send, summary: string, size: { workerCount: number; amountClaimedFen: number }): Promise<string> {
  const { caseId } = await send('/api/cases', {
    channel: 'hotline_12351',
    category: 'wage_arrears',
    region: REGIONS.xihu,
    summary,
    employers: [EMPLOYERS.hazmat[0]!],
    ...size,
    workers: [],
  });
  await send(`/api/cases/${caseId}/transfer-lead`, {
    leadId: randomUUID(),
    to: 'hr_bureau',
    summary: '欠薪线索',
    feedbackDueAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
  });
  return caseId;
}
