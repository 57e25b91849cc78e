import type { AgencyId } from '@hub/contracts';
import { defaultPolicy } from './policy.js';
import { answeringAgency, outsideParty } from './parties.js';
import type { CaseState } from './state.js';
import { shanghaiDaysBetween } from './time/shanghai.js';

export type DeadlineKind =
  | 'worker_feedback'
  | 'lead_feedback'
  | 'letter_reply'
  | 'arbitration_acceptance'
  | 'arbitration_conclusion'
  | 'rectification_item'
  | 'agreement_fulfilment';

export interface Deadline {
  readonly kind: DeadlineKind;
  /** The case, lead, letter, arbitration, item or mediation the deadline belongs to. */
  readonly ref: string;
  /** The hub agency that must act, or chase the party that must. */
  readonly agency: AgencyId;
  /** The party that must act when it is not a hub agency (an enterprise, another body). */
  readonly party?: string;
  readonly dueAt: string;
  readonly met: boolean;
}

export type DeadlineStatus = 'pending' | 'due_soon' | 'due_today' | 'overdue';

export interface OpenDeadline extends Omit<Deadline, 'met'> {
  readonly status: DeadlineStatus;
}

/** Rule 6: every deadline of the case, met or not, as the events recorded them. */
export function caseDeadlines(state: CaseState): Deadline[] {
  if (state.status === 'none') return [];
  const list: Deadline[] = [
    { kind: 'worker_feedback', ref: state.caseId, agency: state.workerFeedback.owedBy, dueAt: state.workerFeedback.dueAt, met: state.workerFeedback.given },
  ];
  for (const lead of Object.values(state.leads)) {
    const met = lead.status === 'declined' || lead.feedbackGiven;
    list.push({ kind: 'lead_feedback', ref: lead.leadId, agency: lead.to, dueAt: lead.feedbackDueAt, met });
  }
  for (const letter of Object.values(state.letters)) {
    const agency = answeringAgency(letter.addressee, letter.issuedBy);
    list.push({ kind: 'letter_reply', ref: letter.letterId, agency, ...outsideParty(letter.addressee), dueAt: letter.replyDueAt, met: letter.replied });
  }
  for (const a of Object.values(state.arbitrations)) {
    list.push({ kind: 'arbitration_acceptance', ref: a.arbitrationId, agency: 'hr_bureau', dueAt: a.acceptanceDueAt, met: a.status !== 'applied' });
    if (a.conclusionDueAt !== null) {
      list.push({ kind: 'arbitration_conclusion', ref: a.arbitrationId, agency: 'hr_bureau', dueAt: a.conclusionDueAt, met: a.status !== 'accepted' });
    }
  }
  for (const item of Object.values(state.items)) {
    const agency = answeringAgency(item.responsibleParty, item.orderedBy);
    list.push({
      kind: 'rectification_item',
      ref: item.itemId,
      agency,
      ...outsideParty(item.responsibleParty),
      dueAt: item.deadline,
      met: item.status !== 'open',
    });
  }
  for (const m of Object.values(state.mediations)) {
    if (m.fulfilmentDueAt !== null && m.mediator !== null) {
      list.push({ kind: 'agreement_fulfilment', ref: m.mediationId, agency: m.mediator, dueAt: m.fulfilmentDueAt, met: m.status !== 'agreement_signed' });
    }
  }
  return list;
}

/**
 * Overdue once the instant has passed; due today while the Shanghai day of the deadline has
 * come; due soon within `dueSoonDays` Shanghai days; pending before that.
 */
export function deadlineStatus(dueAt: Date | string, now: Date, dueSoonDays: number = defaultPolicy.dueSoonDays): DeadlineStatus {
  const due = typeof dueAt === 'string' ? new Date(dueAt) : dueAt;
  if (now.getTime() > due.getTime()) return 'overdue';
  const days = shanghaiDaysBetween(now, due);
  if (days === 0) return 'due_today';
  return days <= dueSoonDays ? 'due_soon' : 'pending';
}

/**
 * The deadlines still to be met, earliest first, each with its status at `now`. Missed ones
 * stay here, overdue, until met (rule 6): nothing is dropped silently, not even on closing.
 */
export function openDeadlines(state: CaseState, now: Date, options: { readonly dueSoonDays?: number } = {}): OpenDeadline[] {
  const dueSoonDays = options.dueSoonDays ?? defaultPolicy.dueSoonDays;
  return caseDeadlines(state)
    .filter((d) => !d.met)
    .map(({ met: _met, ...d }) => ({ ...d, status: deadlineStatus(d.dueAt, now, dueSoonDays) }))
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
}
