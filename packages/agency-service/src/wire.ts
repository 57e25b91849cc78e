/**
 * What an agency service answers at GET /api/inbox, as plain types: its read models and route
 * and the web console (through `@hub/hub-service/wire`) read them from here. Types only, with
 * nothing behind them but the contracts and the case domain, so a browser build can take them.
 */
import type { DeadlineKind, DeadlineStatus, ParticipationReason } from '@hub/case-domain';
import type { AgencyId, Category } from '@hub/contracts';
import type { LeadDoc } from './read-models/lead-inbox/lead.js';

export interface LeadEntry extends LeadDoc {
  /** Where the feedback deadline stands now; null once met (declined, or feedback given). */
  feedback: DeadlineStatus | null;
}

export interface InboxDeadline {
  caseId: string;
  kind: DeadlineKind;
  ref: string;
  agency: AgencyId;
  party?: string;
  dueAt: string;
  status: DeadlineStatus;
}

export interface CaseSummary {
  caseId: string;
  status: 'open' | 'closed';
  openedBy: AgencyId;
  category: Category;
}

export interface ParticipatedCase {
  caseId: string;
  reasons: ParticipationReason[];
  since: string;
  lastActivityAt: string;
}

/** GET /api/inbox: the leads the agency received and sent, its deadlines and its cases, as of `asOf`. */
export interface InboxAnswer {
  agency: AgencyId;
  asOf: string;
  /** The inbox's read models had reached the store's head when it answered. */
  upToDate: boolean;
  leads: LeadEntry[];
  leadsSent: LeadEntry[];
  deadlines: InboxDeadline[];
  cases: (ParticipatedCase & Partial<CaseSummary>)[];
}
