/** The JSON the inbox and the case list read (agency service GET /api/inbox; hub GET /api/deadlines, /api/cases). */
import type { AgencyId } from '@hub/contracts';
import type { CaseEntry } from '../case/types.ts';

export type { CaseEntry };

export interface InboxLead {
  readonly caseId: string;
  readonly leadId: string;
  readonly from: AgencyId;
  readonly to: AgencyId;
  readonly summary: string;
  readonly feedbackDueAt: string;
  readonly status: 'pending' | 'accepted' | 'declined';
  readonly feedbackGiven: boolean;
  readonly transferredAt: string;
  readonly answeredAt: string | null;
  /** Where the feedback deadline stands; null once met. */
  readonly feedback: 'pending' | 'due_soon' | 'due_today' | 'overdue' | null;
}

export interface Inbox {
  readonly agency: AgencyId;
  readonly asOf: string;
  readonly upToDate: boolean;
  readonly leads: readonly InboxLead[];
  readonly leadsSent: readonly InboxLead[];
}

export interface HubDeadline {
  readonly caseId: string;
  readonly kind: string;
  readonly ref: string;
  readonly responsibleAgency: AgencyId | null;
  readonly party: string | null;
  readonly watching: readonly AgencyId[];
  readonly dueAt: string;
  readonly met: boolean;
  readonly status: 'pending' | 'due_soon' | 'due_today' | 'overdue' | null;
}

export interface HubDeadlines {
  readonly asOf: string;
  readonly counts: Readonly<Record<'overdue' | 'due_today' | 'due_soon' | 'pending' | 'met', number>>;
  readonly total: number;
  readonly deadlines: readonly HubDeadline[];
}

export interface CaseSearch {
  readonly upToDate: boolean;
  readonly total: number;
  readonly cases: readonly CaseEntry[];
}
