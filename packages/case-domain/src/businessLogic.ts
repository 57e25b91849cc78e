import { commandCatalog, mayRecord, type CaseEvent } from '@hub/contracts';
import type { CaseCommand, DecisionContext } from './commands.js';
import * as arbitration from './decisions/arbitration.js';
import * as leads from './decisions/leads.js';
import * as lifecycle from './decisions/lifecycle.js';
import * as litigation from './decisions/litigation.js';
import * as mediation from './decisions/mediation.js';
import * as rectification from './decisions/rectification.js';
import * as supervision from './decisions/supervision.js';
import { violation } from './rules.js';
import type { CaseState } from './state.js';

/**
 * The events a command appends to the case stream, or a RuleViolation. Pure: the clock, the
 * actor and the deadline policy come in `ctx`; the service adds metadata and appends.
 */
export function decide(command: CaseCommand, state: CaseState, ctx: DecisionContext): CaseEvent[] {
  if (Number.isNaN(ctx.now.getTime())) throw new RangeError('ctx.now is not a valid instant');
  // Rule 1, coarse: an agency that may never issue this command is refused before anything else.
  if (!commandCatalog[command.type].issuedBy.includes(ctx.actor.agency)) throw violation('R1');
  let events: CaseEvent[];
  switch (command.type) {
    case 'OpenCase': events = lifecycle.openCase(command.data, state, ctx); break;
    case 'TransferLead': events = leads.transferLead(command.data, state, ctx); break;
    case 'AcceptLead': events = leads.acceptLead(command.data, state, ctx); break;
    case 'DeclineLead': events = leads.declineLead(command.data, state, ctx); break;
    case 'GiveLeadFeedback': events = leads.giveLeadFeedback(command.data, state, ctx); break;
    case 'HoldJointReview': events = leads.holdJointReview(command.data, state, ctx); break;
    case 'HoldNegotiation': events = mediation.holdNegotiation(command.data, state); break;
    case 'StartMediation': events = mediation.startMediation(command.data, state, ctx); break;
    case 'DelegateMediation': events = mediation.delegateMediation(command.data, state); break;
    case 'SignMediationAgreement': events = mediation.signMediationAgreement(command.data, state, ctx); break;
    case 'FulfilMediationAgreement': events = mediation.fulfilMediationAgreement(command.data, state, ctx); break;
    case 'FailMediation': events = mediation.failMediation(command.data, state, ctx); break;
    case 'ApplyForArbitration': events = arbitration.applyForArbitration(command.data, state, ctx); break;
    case 'AcceptArbitration': events = arbitration.acceptArbitration(command.data, state, ctx); break;
    case 'DeclineArbitration': events = arbitration.declineArbitration(command.data, state); break;
    case 'ExtendArbitration': events = arbitration.extendArbitration(command.data, state, ctx); break;
    case 'IssueArbitrationMediationDocument': events = arbitration.issueArbitrationMediationDocument(command.data, state); break;
    case 'IssueArbitrationAward': events = arbitration.issueArbitrationAward(command.data, state); break;
    case 'FileLitigation': events = litigation.fileLitigation(command.data, state, ctx); break;
    case 'IssueJudgment': events = litigation.issueJudgment(command.data, state); break;
    case 'ApplyForEnforcement': events = litigation.applyForEnforcement(command.data, state); break;
    case 'CompleteEnforcement': events = litigation.completeEnforcement(command.data, state); break;
    case 'AssignLegalAid': events = litigation.assignLegalAid(command.data, state); break;
    case 'SupportProsecution': events = litigation.supportProsecution(command.data, state); break;
    case 'IssueSupervisionLetter': events = supervision.issueSupervisionLetter(command.data, state, ctx); break;
    case 'ReplyToSupervisionLetter': events = supervision.replyToSupervisionLetter(command.data, state, ctx); break;
    case 'ListEmployerForCredit': events = supervision.listEmployerForCredit(command.data, state); break;
    case 'OrderRectification': events = rectification.orderRectification(command.data, state, ctx); break;
    case 'ReportRectificationItem': events = rectification.reportRectificationItem(command.data, state, ctx); break;
    case 'DoFollowUp': events = rectification.doFollowUp(command.data, state); break;
    case 'RecordMeetingDecision': events = rectification.recordMeetingDecision(command.data, state, ctx); break;
    case 'GiveWorkerFeedback': events = lifecycle.giveWorkerFeedback(command.data, state, ctx); break;
    case 'CloseCase': events = lifecycle.closeCase(command.data, state, ctx); break;
    case 'ReopenCase': events = lifecycle.reopenCase(command.data, state, ctx); break;
    case 'EraseWorkerData': events = lifecycle.eraseWorkerData(command.data, state, ctx); break;
    default: {
      const unhandled: never = command;
      throw new TypeError(`unknown command ${JSON.stringify(unhandled)}`);
    }
  }
  // Rule 1, fine: every event produced must be one this agency may record, given its data.
  for (const e of events) if (!mayRecord(ctx.actor.agency, e.type, e.data)) throw violation('R1');
  return events;
}
