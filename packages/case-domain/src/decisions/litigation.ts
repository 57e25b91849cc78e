import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { CaseState, OpenedCase } from '../state.js';
import { litigable } from './arbitration.js';
import { compact, event, requireFen, requireNew, requireOpen, requireRef, things, type Decision } from './guards.js';

export function fileLitigation(data: CommandData<'FileLitigation'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(data.litigationId in c.litigations, data.litigationId);
  requireFen(data.amountClaimedFen, 'amountClaimedFen');
  if (data.arbitrationId !== undefined) {
    const arbitration = requireRef(c.arbitrations[data.arbitrationId], things.arbitration, data.arbitrationId);
    if (!litigable(arbitration, ctx.now)) throw violation('CHAIN.arbitration-pending');
  }
  return [
    event(
      'LitigationFiled',
      compact({
        litigationId: data.litigationId,
        plaintiff: data.plaintiff,
        caseNumber: data.caseNumber,
        amountClaimedFen: data.amountClaimedFen,
        arbitrationId: data.arbitrationId,
      }),
    ),
  ];
}

/** One judgment per litigation; an appeal is filed as a litigation of its own. */
export function issueJudgment(data: CommandData<'IssueJudgment'>, state: CaseState): Decision {
  const c = requireOpen(state);
  const litigation = requireRef(c.litigations[data.litigationId], things.litigation, data.litigationId);
  if (litigation.status !== 'filed') throw violation('CHAIN.litigation-state');
  requireFen(data.amountAwardedFen, 'amountAwardedFen');
  return [
    event('JudgmentIssued', {
      litigationId: litigation.litigationId,
      judgmentNo: data.judgmentNo,
      amountAwardedFen: data.amountAwardedFen,
      summary: data.summary,
    }),
  ];
}

/** Only an effective legal document can be enforced. */
function basisExists(c: OpenedCase, basis: CommandData<'ApplyForEnforcement'>['basis']): boolean {
  switch (basis.kind) {
    case 'judgment':
      return c.litigations[basis.ref]?.status === 'judged';
    case 'arbitration_award':
      return c.arbitrations[basis.ref]?.status === 'award_issued';
    case 'arbitration_mediation_document':
      return c.arbitrations[basis.ref]?.status === 'mediation_document_issued';
  }
}

export function applyForEnforcement(data: CommandData<'ApplyForEnforcement'>, state: CaseState): Decision {
  const c = requireOpen(state);
  requireNew(data.enforcementId in c.enforcements, data.enforcementId);
  requireFen(data.amountFen, 'amountFen');
  if (!basisExists(c, data.basis)) throw violation('CHAIN.enforcement-basis');
  return [
    event('EnforcementApplied', {
      enforcementId: data.enforcementId,
      basis: { kind: data.basis.kind, ref: data.basis.ref },
      amountFen: data.amountFen,
    }),
  ];
}

export function completeEnforcement(data: CommandData<'CompleteEnforcement'>, state: CaseState): Decision {
  const c = requireOpen(state);
  const enforcement = requireRef(c.enforcements[data.enforcementId], things.enforcement, data.enforcementId);
  if (enforcement.status !== 'applied') throw violation('CHAIN.enforcement-state');
  requireFen(data.amountRecoveredFen, 'amountRecoveredFen');
  return [
    event('EnforcementCompleted', {
      enforcementId: enforcement.enforcementId,
      outcome: data.outcome,
      amountRecoveredFen: data.amountRecoveredFen,
    }),
  ];
}

function requireWorkers(c: OpenedCase, workerIds: readonly string[]): string[] {
  for (const workerId of workerIds) requireRef(c.workers[workerId], things.worker, workerId);
  return [...new Set(workerIds)];
}

export function assignLegalAid(data: CommandData<'AssignLegalAid'>, state: CaseState): Decision {
  const c = requireOpen(state);
  requireNew(c.legalAidIds.includes(data.legalAidId), data.legalAidId);
  const workerIds = requireWorkers(c, data.workerIds);
  return [event('LegalAidAssigned', { legalAidId: data.legalAidId, provider: data.provider, workerIds })];
}

export function supportProsecution(data: CommandData<'SupportProsecution'>, state: CaseState): Decision {
  const c = requireOpen(state);
  requireNew(c.supportIds.includes(data.supportId), data.supportId);
  const workerIds = requireWorkers(c, data.workerIds);
  return [
    event('ProsecutionSupported', compact({ supportId: data.supportId, documentNo: data.documentNo, summary: data.summary, workerIds })),
  ];
}
