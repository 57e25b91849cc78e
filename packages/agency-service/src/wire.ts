/**
 * What an agency service answers to the web console (GET /api/inbox, GET /api/cases/:caseId and
 * its /commands, the joint-meeting acts, POST /api/session), as plain types: its read models and routes and the console
 * (through `@hub/hub-service/wire`) read them from here. Types only, with nothing behind them but
 * the contracts, the case domain and service-kit's session types, so a browser build can take them.
 */
import type { DeadlineKind, DeadlineStatus, MeetingDecision, OpenDeadline, OpenedCase, ParticipationReason } from '@hub/case-domain';
import type { AgencyId, Category, OfferedCommand } from '@hub/contracts';
import type { LeadDoc } from './read-models/lead-inbox/lead.js';

export interface LeadEntry extends LeadDoc {
  /** Where the feedback deadline stands now; null once met (declined, or feedback given). */
  feedback: DeadlineStatus | null;
}

/** The received leads' columns GET /api/inbox sorts by (leadSort); `status`: waiting to be accepted first, then by due date. */
export type LeadSortKey = 'status' | 'feedbackDueAt' | 'transferredAt' | 'sender' | 'summary';
/** GET /api/inbox's leadStatus: open (to accept, or feedback owed), pending (to accept), feedback_owed, closed (declined or answered). */
export type LeadStatusFilter = 'open' | 'pending' | 'feedback_owed' | 'closed';

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

/**
 * GET /api/inbox: the leads the agency received and sent, its deadlines and its cases, as of `asOf`.
 * Asked with `parts`, the parts not asked for are empty lists.
 */
export interface InboxAnswer {
  agency: AgencyId;
  asOf: string;
  /** The inbox's read models had reached the store's head when it answered. */
  upToDate: boolean;
  /** The leads sent to the agency, as the query's filters, sort and page ask (default: all, by feedback due date). */
  leads: LeadEntry[];
  /** How many leads sent to the agency match the filters (more than `leads` holds when paged). */
  leadsTotal: number;
  leadsSent: LeadEntry[];
  deadlines: InboxDeadline[];
  cases: (ParticipatedCase & Partial<CaseSummary>)[];
  /**
   * 我的案件 and 我的期限 (issue 13.5): the cases the signed-in person handles for the agency
   * (承办人), and the agency's deadlines on them; both empty for someone who handles none.
   */
  mine: { cases: (ParticipatedCase & Partial<CaseSummary>)[]; deadlines: InboxDeadline[] };
}

/** A person of the agency who may handle cases (an active liaison), for the 承办人 chooser. */
export interface AssignableUser {
  userId: string;
  displayName: string;
}

/** GET /api/handlers/assignable. */
export interface AssignableUsers {
  agency: AgencyId;
  users: AssignableUser[];
}

/** One person's load: the open cases they handle for the agency and its deadlines on them that are overdue or due soon. */
export interface HandlerWorkload {
  userId: string;
  displayName: string;
  openCases: number;
  overdueDeadlines: number;
  dueSoonDeadlines: number;
}

/** GET /api/handlers/workload: per person, for whoever oversees the agency's cases (its administrators). */
export interface WorkloadAnswer {
  agency: AgencyId;
  asOf: string;
  upToDate: boolean;
  people: HandlerWorkload[];
}

import type { Problem } from '@hub/service-kit/wire';

export type { Problem, SecondFactorEnrolment, SessionAnswer, User as SessionUser } from '@hub/service-kit/wire';

/**
 * A worker as a reader sees them. The handling agency's own users get the name in the clear and the
 * ID number and phone masked (3301**********1236, 138****5678, `revealed: false`) until a person asks
 * for them (POST /api/cases/:caseId/workers/:workerId/reveal answers `revealed: true`, in the clear,
 * and writes the access log); everyone else a fixed '***'; nothing once erased.
 */
export type WorkerView =
  | { workerId: string; masked: false; erased: false; revealed: boolean; name: string; idNumber?: string; phone?: string }
  | { workerId: string; masked: true; erased: false; name: '***'; idNumber?: '***'; phone?: '***' }
  | { workerId: string; masked: true; erased: true; name: null };

/** POST /api/cases/:caseId/workers/:workerId/reveal: one worker's identity in the clear (the reveal is in the access log). */
export interface RevealedWorker {
  caseId: string;
  worker: { workerId: string; masked: false; erased: false; revealed: true; name: string; idNumber?: string; phone?: string };
  /** The fields shown in the clear, as the access-log entry names them. */
  fields: ('name' | 'idNumber' | 'phone')[];
}

/** GET /api/cases/:caseId: the case's state as the domain folds it, its workers as the reader may see them, and more. */
export type CaseView = Omit<OpenedCase, 'workers'> & {
  workers: WorkerView[];
  /** The stream revision the view stands at (decimal). */
  revision: string;
  participants: AgencyId[];
  deadlines: OpenDeadline[];
};

/** GET /api/cases/:caseId/commands: the acts this user may give on the case now (none at another agency's service). */
export interface CommandList {
  caseId: string;
  revision: string;
  /** What the case domain offers, in the catalog's words (contracts `offeredCommand`). */
  commands: OfferedCommand[];
}

/** What became of one decision of a held meeting on its case. */
export interface DecisionOutcome {
  readonly caseId: string;
  readonly itemId: string;
  readonly decision: MeetingDecision['decision'];
  /** The decision is on its case now (RectificationItemDecided with this meeting and item). */
  readonly applied: boolean;
  /** It was there before this call: applying is idempotent. */
  readonly alreadyApplied: boolean;
  /** Why the case refused it (a rule's 409 with `ruleId`, an unknown case's 404); null when applied. */
  readonly problem: Problem | null;
}

/** POST /api/meetings (201): the meeting the service minted, and where its record stands. */
export interface ScheduledMeeting {
  meetingId: string;
  revision: string;
  position: string;
}

/** POST /api/meetings/:meetingId/hold: the record, and what became of each decision on its case. */
export interface HeldMeeting extends ScheduledMeeting {
  decisions: DecisionOutcome[];
}

/** POST /api/meetings/:meetingId/apply-decisions: what became of each decision on its case. */
export interface AppliedDecisions {
  meetingId: string;
  decisions: DecisionOutcome[];
}
export type { DocumentAttachedAnswer, DocumentList, DocumentView } from './documents/wire.js';
