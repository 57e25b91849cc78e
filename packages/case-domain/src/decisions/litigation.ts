import { sumItems } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { ArbitrationState, CaseState, EnforcementState, LitigationState, OpenedCase } from '../state.js';
import { litigable } from './arbitration.js';
import { compact, event, requireFen, requireItems, requireNew, requireOpen, requireRef, things, type Decision } from './guards.js';

/** 裁审衔接: the arbitration a suit follows must be over, or overdue. */
export function arbitrationBeforeSuit(c: OpenedCase, arbitrationId: string, now: Date): ArbitrationState {
  const arbitration = requireRef(c.arbitrations[arbitrationId], things.arbitration, arbitrationId);
  if (!litigable(arbitration, now)) throw violation('CHAIN.arbitration-pending');
  return arbitration;
}

export function fileLitigation(data: CommandData<'FileLitigation'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(data.litigationId in c.litigations, data.litigationId);
  requireFen(data.amountClaimedFen, 'amountClaimedFen');
  if (data.arbitrationId !== undefined) arbitrationBeforeSuit(c, data.arbitrationId, ctx.now);
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
export function litigationToJudge(state: CaseState, litigationId: string): LitigationState {
  const c = requireOpen(state);
  const litigation = requireRef(c.litigations[litigationId], things.litigation, litigationId);
  if (litigation.status !== 'filed') throw violation('CHAIN.litigation-state');
  return litigation;
}

export function issueJudgment(data: CommandData<'IssueJudgment'>, state: CaseState): Decision {
  const litigation = litigationToJudge(state, data.litigationId);
  const awardedItems = requireItems(data.awardedItems, data.amountAwardedFen, 'amountAwardedFen');
  return [
    event('JudgmentIssued', {
      litigationId: litigation.litigationId,
      judgmentNo: data.judgmentNo,
      amountAwardedFen: sumItems(awardedItems),
      awardedItems,
      summary: data.summary,
    }),
  ];
}

export type EnforcementBasis = CommandData<'ApplyForEnforcement'>['basis'];

/** Only an effective legal document can be enforced. */
export function requireBasis(c: OpenedCase, basis: EnforcementBasis): void {
  if (!basisExists(c, basis)) throw violation('CHAIN.enforcement-basis');
}

function basisExists(c: OpenedCase, basis: EnforcementBasis): boolean {
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
  requireBasis(c, data.basis);
  return [
    event('EnforcementApplied', {
      enforcementId: data.enforcementId,
      basis: { kind: data.basis.kind, ref: data.basis.ref },
      amountFen: data.amountFen,
    }),
  ];
}

export function enforcementToComplete(state: CaseState, enforcementId: string): EnforcementState {
  const c = requireOpen(state);
  const enforcement = requireRef(c.enforcements[enforcementId], things.enforcement, enforcementId);
  if (enforcement.status !== 'applied') throw violation('CHAIN.enforcement-state');
  return enforcement;
}

export function completeEnforcement(data: CommandData<'CompleteEnforcement'>, state: CaseState): Decision {
  const enforcement = enforcementToComplete(state, data.enforcementId);
  requireFen(data.amountRecoveredFen, 'amountRecoveredFen');
  return [
    event('EnforcementCompleted', {
      enforcementId: enforcement.enforcementId,
      outcome: data.outcome,
      amountRecoveredFen: data.amountRecoveredFen,
    }),
  ];
}

/** Workers named by legal aid or a supported suit: the case's own, erased or not (their ids stay). */
export function requireWorkers(c: OpenedCase, workerIds: readonly string[]): string[] {
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
  return [event('ProsecutionSupported', compact({ supportId: data.supportId, documentNo: data.documentNo, summary: data.summary, workerIds }))];
}
