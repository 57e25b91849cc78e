import type { CaseEvent } from '@hub/contracts';
import { requireBusinessTime } from './businessTime.js';
import type { CaseCommand, DecisionContext } from './commands.js';
import * as arbitration from './decisions/arbitration.js';
import * as closure from './decisions/closure.js';
import * as handlers from './decisions/handlers.js';
import * as leads from './decisions/leads.js';
import * as litigation from './decisions/litigation.js';
import * as mediation from './decisions/mediation.js';
import * as opening from './decisions/opening.js';
import * as rectification from './decisions/rectification.js';
import * as reviews from './decisions/reviews.js';
import * as supervision from './decisions/supervision.js';
import * as workers from './decisions/workers.js';
import { requireOwnAct } from './ownActs.js';
import type { CaseState } from './state.js';

/**
 * The events a command appends to the case stream, or a RuleViolation. Pure: the clock, the
 * actor and the deadline policy come in `ctx`; the service adds metadata and appends.
 */
export function decide(command: CaseCommand, state: CaseState, context: DecisionContext): CaseEvent[] {
  if (Number.isNaN(context.now.getTime())) throw new RangeError('ctx.now is not a valid instant');
  // Rule 1 first: an agency that may never record this act learns nothing else about the case.
  requireOwnAct(context.actor.agency, command.type, command.data);
  // From here on the act's "now" is when it happened: its deadlines run from then (issue 13.4).
  const occurredAt = context.occurredAt ?? context.now;
  requireBusinessTime(command, occurredAt, context);
  const ctx: DecisionContext = { ...context, now: occurredAt };
  let events: CaseEvent[];
  switch (command.type) {
    case 'OpenCase':
      events = opening.openCase(command.data, state, ctx);
      break;
    case 'TransferLead':
      events = leads.transferLead(command.data, state, ctx);
      break;
    case 'AcceptLead':
      events = leads.acceptLead(command.data, state, ctx);
      break;
    case 'DeclineLead':
      events = leads.declineLead(command.data, state, ctx);
      break;
    case 'GiveLeadFeedback':
      events = leads.giveLeadFeedback(command.data, state, ctx);
      break;
    case 'HoldJointReview':
      events = reviews.holdJointReview(command.data, state, ctx);
      break;
    case 'HoldNegotiation':
      events = mediation.holdNegotiation(command.data, state);
      break;
    case 'StartMediation':
      events = mediation.startMediation(command.data, state, ctx);
      break;
    case 'DelegateMediation':
      events = mediation.delegateMediation(command.data, state);
      break;
    case 'SignMediationAgreement':
      events = mediation.signMediationAgreement(command.data, state, ctx);
      break;
    case 'FulfilMediationAgreement':
      events = mediation.fulfilMediationAgreement(command.data, state, ctx);
      break;
    case 'FailMediation':
      events = mediation.failMediation(command.data, state, ctx);
      break;
    case 'ApplyForArbitration':
      events = arbitration.applyForArbitration(command.data, state, ctx);
      break;
    case 'AcceptArbitration':
      events = arbitration.acceptArbitration(command.data, state, ctx);
      break;
    case 'DeclineArbitration':
      events = arbitration.declineArbitration(command.data, state);
      break;
    case 'ExtendArbitration':
      events = arbitration.extendArbitration(command.data, state, ctx);
      break;
    case 'IssueArbitrationMediationDocument':
      events = arbitration.issueArbitrationMediationDocument(command.data, state);
      break;
    case 'IssueArbitrationAward':
      events = arbitration.issueArbitrationAward(command.data, state);
      break;
    case 'FileLitigation':
      events = litigation.fileLitigation(command.data, state, ctx);
      break;
    case 'IssueJudgment':
      events = litigation.issueJudgment(command.data, state);
      break;
    case 'ApplyForEnforcement':
      events = litigation.applyForEnforcement(command.data, state);
      break;
    case 'CompleteEnforcement':
      events = litigation.completeEnforcement(command.data, state);
      break;
    case 'AssignLegalAid':
      events = litigation.assignLegalAid(command.data, state);
      break;
    case 'SupportProsecution':
      events = litigation.supportProsecution(command.data, state);
      break;
    case 'IssueSupervisionLetter':
      events = supervision.issueSupervisionLetter(command.data, state, ctx);
      break;
    case 'ReplyToSupervisionLetter':
      events = supervision.replyToSupervisionLetter(command.data, state, ctx);
      break;
    case 'ListEmployerForCredit':
      events = supervision.listEmployerForCredit(command.data, state);
      break;
    case 'OrderRectification':
      events = rectification.orderRectification(command.data, state, ctx);
      break;
    case 'ReportRectificationItem':
      events = rectification.reportRectificationItem(command.data, state, ctx);
      break;
    case 'DoFollowUp':
      events = rectification.doFollowUp(command.data, state);
      break;
    case 'RecordMeetingDecision':
      events = rectification.recordMeetingDecision(command.data, state, ctx);
      break;
    case 'GiveWorkerFeedback':
      events = workers.giveWorkerFeedback(command.data, state, ctx);
      break;
    case 'CloseCase':
      events = closure.closeCase(command.data, state, ctx);
      break;
    case 'ReopenCase':
      events = closure.reopenCase(command.data, state, ctx);
      break;
    case 'EraseWorkerData':
      events = workers.eraseWorkerData(command.data, state, ctx);
      break;
    case 'AssignHandler':
      events = handlers.assignHandler(command.data, state, ctx);
      break;
    default: {
      const unhandled: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unhandled)}`);
    }
  }
  return events;
}
