import { sumItems } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { deadlineFrom } from '../policy.js';
import { violation } from '../rules.js';
import type { ArbitrationState, CaseState, MediationState, OpenedCase } from '../state.js';
import { compact, event, iso, requireFen, requireItems, requireNew, requireOpen, requireRef, things, type Decision } from './guards.js';

/** Recorded when the commission receives the application; Art. 29's five days run from here. */
export function applyForArbitration(data: CommandData<'ApplyForArbitration'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(data.arbitrationId in c.arbitrations, data.arbitrationId);
  requireFen(data.amountClaimedFen, 'amountClaimedFen');
  return [
    event('ArbitrationApplied', {
      arbitrationId: data.arbitrationId,
      applicant: data.applicant,
      claimCategories: [...new Set(data.claimCategories)],
      amountClaimedFen: data.amountClaimedFen,
      acceptanceDueAt: iso(deadlineFrom(ctx.now, ctx.policy.arbitrationAcceptance, ctx.policy)),
    }),
  ];
}

/** The arbitration, in one of the states that allow the act. */
export function arbitrationIn(state: CaseState, arbitrationId: string, ...allowed: ArbitrationState['status'][]): ArbitrationState {
  const c = requireOpen(state);
  const arbitration = requireRef(c.arbitrations[arbitrationId], things.arbitration, arbitrationId);
  if (!allowed.includes(arbitration.status)) throw violation('CHAIN.arbitration-state');
  return arbitration;
}

export function acceptArbitration(data: CommandData<'AcceptArbitration'>, state: CaseState, ctx: DecisionContext): Decision {
  const arbitration = arbitrationIn(state, data.arbitrationId, 'applied');
  return [
    event('ArbitrationAccepted', {
      arbitrationId: arbitration.arbitrationId,
      caseNumber: data.caseNumber,
      conclusionDueAt: iso(deadlineFrom(ctx.now, ctx.policy.arbitrationConclusion, ctx.policy)),
    }),
  ];
}

export function declineArbitration(data: CommandData<'DeclineArbitration'>, state: CaseState): Decision {
  const arbitration = arbitrationIn(state, data.arbitrationId, 'applied');
  return [event('ArbitrationDeclined', { arbitrationId: arbitration.arbitrationId, reason: data.reason })];
}

/** Art. 43: once, and before the period ends; returns the end the extension counts on from. */
export function extendableArbitration(state: CaseState, arbitrationId: string, now: Date): { arbitration: ArbitrationState; due: Date } {
  const arbitration = arbitrationIn(state, arbitrationId, 'accepted');
  if (arbitration.extended) throw violation('R8.extend-once');
  const due = new Date(arbitration.conclusionDueAt ?? now.toISOString());
  if (now.getTime() > due.getTime()) throw violation('R8.extend-before-due');
  return { arbitration, due };
}

/** Art. 43: once, before the period ends, counted on from the day the period would have ended. */
export function extendArbitration(data: CommandData<'ExtendArbitration'>, state: CaseState, ctx: DecisionContext): Decision {
  const { arbitration, due } = extendableArbitration(state, data.arbitrationId, ctx.now);
  return [
    event('ArbitrationExtended', {
      arbitrationId: arbitration.arbitrationId,
      reason: data.reason,
      conclusionDueAt: iso(deadlineFrom(due, ctx.policy.arbitrationExtension, ctx.policy)),
    }),
  ];
}

/** Rule 5: a document confirms a signed agreement, of a mediation this arbitration delegated or of one no arbitration did. */
export function confirmableMediation(c: OpenedCase, mediationId: string, arbitrationId: string): MediationState {
  const mediation = requireRef(c.mediations[mediationId], things.mediation, mediationId);
  if (mediation.arbitrationId !== null && mediation.arbitrationId !== arbitrationId) throw violation('CHAIN.mediation-state');
  if (mediation.status !== 'agreement_signed' && mediation.status !== 'fulfilled') throw violation('R5.signed-first');
  return mediation;
}

/** With a mediationId, the document confirms that mediation's signed agreement (rule 5). */
export function issueArbitrationMediationDocument(data: CommandData<'IssueArbitrationMediationDocument'>, state: CaseState): Decision {
  const c = requireOpen(state);
  const arbitration = arbitrationIn(state, data.arbitrationId, 'accepted');
  requireFen(data.amountFen, 'amountFen');
  if (data.mediationId !== undefined) confirmableMediation(c, data.mediationId, arbitration.arbitrationId);
  return [
    event(
      'ArbitrationMediationDocumentIssued',
      compact({ arbitrationId: arbitration.arbitrationId, mediationId: data.mediationId, documentNo: data.documentNo, amountFen: data.amountFen }),
    ),
  ];
}

export function issueArbitrationAward(data: CommandData<'IssueArbitrationAward'>, state: CaseState): Decision {
  const arbitration = arbitrationIn(state, data.arbitrationId, 'accepted');
  const awardedItems = requireItems(data.awardedItems, data.amountAwardedFen, 'amountAwardedFen');
  return [
    event('ArbitrationAwardIssued', {
      arbitrationId: arbitration.arbitrationId,
      awardNo: data.awardNo,
      amountAwardedFen: sumItems(awardedItems),
      awardedItems,
      final: data.final,
      summary: data.summary,
    }),
  ];
}

/**
 * 裁审衔接: a suit may follow an arbitration that was declined, ended in an award, or ran past
 * its acceptance or conclusion deadline (Arts. 29, 43). Not after a mediation document: that binds.
 */
export function litigable(arbitration: ArbitrationState, now: Date): boolean {
  const past = (due: string | null) => due !== null && now.getTime() > new Date(due).getTime();
  switch (arbitration.status) {
    case 'declined':
    case 'award_issued':
      return true;
    case 'applied':
      return past(arbitration.acceptanceDueAt);
    case 'accepted':
      return past(arbitration.conclusionDueAt);
    case 'mediation_document_issued':
      return false;
  }
}
