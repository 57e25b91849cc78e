import type { AgencyId } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { CaseState, LeadState } from '../state.js';
import { compact, event, requireAhead, requireNew, requireOpen, requireRef, things, type Decision } from './guards.js';

export function transferLead(data: CommandData<'TransferLead'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(data.leadId in c.leads, data.leadId);
  if (data.to === ctx.actor.agency) throw violation('CHAIN.lead-to-self');
  const due = requireAhead('R6.lead-deadline', data.feedbackDueAt, 'feedbackDueAt', ctx.now);
  return [event('LeadTransferred', { leadId: data.leadId, from: ctx.actor.agency, to: data.to, summary: data.summary, feedbackDueAt: due.toISOString() })];
}

/** Rule 2: only the agency the lead was sent to answers it. */
function receivedLead(state: CaseState, leadId: string, agency: AgencyId): LeadState {
  const c = requireOpen(state);
  const lead = requireRef(c.leads[leadId], things.lead, leadId);
  if (lead.to !== agency) throw violation('R2.receiver');
  return lead;
}

/** Rule 2: a lead sent to `agency` that still waits to be accepted or declined (once). */
export function pendingLead(state: CaseState, leadId: string, agency: AgencyId): LeadState {
  const lead = receivedLead(state, leadId, agency);
  if (lead.status !== 'transferred') throw violation('R2.once');
  return lead;
}

/** A lead `agency` accepted: the one kind it answers with feedback. */
export function acceptedLead(state: CaseState, leadId: string, agency: AgencyId): LeadState {
  const lead = receivedLead(state, leadId, agency);
  if (lead.status !== 'accepted') throw violation('CHAIN.lead-not-accepted');
  return lead;
}

export function acceptLead(data: CommandData<'AcceptLead'>, state: CaseState, ctx: DecisionContext): Decision {
  const lead = pendingLead(state, data.leadId, ctx.actor.agency);
  return [event('LeadAccepted', compact({ leadId: lead.leadId, acceptedBy: ctx.actor.agency, note: data.note }))];
}

export function declineLead(data: CommandData<'DeclineLead'>, state: CaseState, ctx: DecisionContext): Decision {
  const lead = pendingLead(state, data.leadId, ctx.actor.agency);
  return [event('LeadDeclined', { leadId: lead.leadId, declinedBy: ctx.actor.agency, reason: data.reason })];
}

/** Feedback may be given more than once (progress, then outcome); the first one meets the deadline. */
export function giveLeadFeedback(data: CommandData<'GiveLeadFeedback'>, state: CaseState, ctx: DecisionContext): Decision {
  const lead = acceptedLead(state, data.leadId, ctx.actor.agency);
  return [event('LeadFeedbackGiven', { leadId: lead.leadId, givenBy: ctx.actor.agency, summary: data.summary })];
}
