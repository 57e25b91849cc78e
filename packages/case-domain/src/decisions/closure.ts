import { resolutions, sumItems } from '@hub/contracts';
import type { AgencyId, Resolution } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { mediationOutcome } from '../outcomes.js';
import { deadlineFrom } from '../policy.js';
import { violation } from '../rules.js';
import type { CaseState, OpenedCase } from '../state.js';
import { event, iso, label, requireClosed, requireItems, requireOpen, type Decision } from './guards.js';

/** What in the record bears out each resolution; withdrawn and unfounded need nothing. */
export function bearsOut(c: OpenedCase, resolution: Resolution): boolean {
  const any = <T>(map: Readonly<Record<string, T>>, test: (value: T) => boolean) => Object.values(map).some(test);
  switch (resolution) {
    case 'settled_by_negotiation':
      return any(c.negotiations, (n) => n.outcome !== 'not_settled');
    case 'settled_by_mediation':
      return mediationOutcome(c) === 'successful';
    case 'arbitration_concluded':
      return any(c.arbitrations, (a) => a.status === 'award_issued' || a.status === 'mediation_document_issued');
    case 'judgment':
      return any(c.litigations, (l) => l.status === 'judged');
    case 'enforced':
      return any(c.enforcements, (e) => e.status === 'completed');
    case 'rectified':
      return Object.keys(c.items).length > 0;
    case 'withdrawn':
    case 'unfounded':
      return true;
  }
}

/** R1.case-owner: 销号 is for the agency that opened the case. */
export function requireCaseOwner(c: OpenedCase, agency: AgencyId): void {
  if (agency !== c.openedBy) throw violation('R1.case-owner');
}

/** Rule 7: the worker got feedback, every lead is declined or answered, every item verified or closed by a meeting. */
export function requireClosable(c: OpenedCase): void {
  if (!c.workerFeedback.given) throw violation('R7.feedback');
  const unanswered = Object.values(c.leads).filter((l) => l.status !== 'declined' && !l.feedbackGiven);
  if (unanswered.length > 0) {
    const ids = unanswered.map((l) => l.leadId).join(', ');
    throw violation('R7.leads', label(`还有 ${unanswered.length} 条线索未退回或反馈`, `open leads ${ids}`));
  }
  const unchecked = Object.values(c.items).filter((i) => i.status !== 'verified' && i.status !== 'closed');
  if (unchecked.length > 0) {
    const ids = unchecked.map((i) => i.itemId).join(', ');
    const named = unchecked.map((i) => `「${i.description}」`).join('、');
    throw violation('R7.rectification', label(`还有 ${unchecked.length} 项整改未核实：${named}`, `unverified items ${ids}`));
  }
}

/** 销号: rule 7's three conditions, then the resolution must match the record (rule 5 for mediation). */
export function closeCase(data: CommandData<'CloseCase'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireCaseOwner(c, ctx.actor.agency);
  const recoveredItems = requireItems(data.recoveredItems, data.amountRecoveredFen, 'amountRecoveredFen');
  requireClosable(c);
  if (!bearsOut(c, data.resolution)) {
    throw violation(
      data.resolution === 'settled_by_mediation' ? 'R5.resolution' : 'CHAIN.resolution',
      label(resolutions.labels[data.resolution].zh, data.resolution),
    );
  }
  return [
    event('CaseClosed', {
      closedBy: ctx.actor.agency,
      resolution: data.resolution,
      amountRecoveredFen: sumItems(recoveredItems),
      recoveredItems,
      summary: data.summary,
    }),
  ];
}

/** Any agency may reopen: whoever finds the case was closed too soon. The worker is owed fresh feedback. */
export function reopenCase(data: CommandData<'ReopenCase'>, state: CaseState, ctx: DecisionContext): Decision {
  requireClosed(state);
  return [
    event('CaseReopened', {
      reopenedBy: ctx.actor.agency,
      reason: data.reason,
      workerFeedbackDueAt: iso(deadlineFrom(ctx.now, ctx.policy.workerFeedback, ctx.policy)),
    }),
  ];
}
