/**
 * What the hub answers about rectification items, as plain types: the hub's query code and the
 * web console both read them from here (no runtime code but the status list).
 */
import type { DeadlineStatus } from '@hub/case-domain';
import type { AgencyId, Party } from '@hub/contracts';

/** Where an item stands, finer than the domain's: a failed follow-up and an escalation are told apart. */
export type RectificationStatus = 'open' | 'reported' | 'verified' | 'not_verified' | 'escalated' | 'closed_by_meeting';

export const rectificationStatuses = [
  'open',
  'reported',
  'verified',
  'not_verified',
  'escalated',
  'closed_by_meeting',
] as const satisfies readonly RectificationStatus[];

/** Still being worked on (neither verified nor closed by a meeting), or finished: the list shows them apart. */
export type RectificationPhase = 'open' | 'finished';
export const rectificationPhases = ['open', 'finished'] as const satisfies readonly RectificationPhase[];
/** The statuses of a finished item. */
export const finishedStatuses = ['verified', 'closed_by_meeting'] as const satisfies readonly RectificationStatus[];

/** The columns GET /api/rectifications sorts by (`sort`); without one, overdue first, then by deadline. */
export const rectificationSortKeys = [
  'deadline',
  'orderedAt',
  'description',
  'caseId',
  'employer',
  'responsible',
  'orderedBy',
  'status',
  'region',
  'updatedAt',
] as const;
export type RectificationSortKey = (typeof rectificationSortKeys)[number];

export interface FollowUpFinding {
  followUpId: string;
  verified: boolean;
  findings: string;
  at: string;
}
export interface MeetingDecisionEntry {
  meetingId: string;
  decision: 'extend' | 'escalate' | 'close';
  note: string;
  newDeadline?: string;
  at: string;
}

export interface RectificationItemEntry {
  caseId: string;
  rectificationId: string;
  itemId: string;
  description: string;
  orderedBy: AgencyId;
  orderedAt: string;
  responsibleParty: Party;
  /** The hub agency that must act, when the responsible party is one. */
  responsibleAgency: AgencyId | null;
  /** The enterprise itself when it must rectify, else the case's employers. */
  employers: { name: string; uscc: string | null }[];
  deadline: string;
  originalDeadline: string;
  /** The case's region (行政区划代码). */
  region: string;
  extensions: number;
  status: RectificationStatus;
  escalated: boolean;
  /** Work is owed (the domain's item is open) and the deadline has passed. */
  overdue: boolean;
  /** While work is owed: the deadline's status in Shanghai days as of the query. */
  deadlineStatus: DeadlineStatus | null;
  /**
   * Once the work is reported and no more is owed: when, and whether after the deadline (逾期完成).
   * Null while work is owed, and for an item closed or escalated without a report.
   */
  met: { at: string; late: boolean } | null;
  lastReport: { summary: string; at: string } | null;
  followUps: FollowUpFinding[];
  decisions: MeetingDecisionEntry[];
}

export interface RectificationList {
  items: RectificationItemEntry[];
  /** Matching every filter, for paging. */
  total: number;
  /** Per status and overdue, over the items matching every filter but status, phase, deadline state and overdueOnly. */
  totals: Record<RectificationStatus, number>;
  overdue: number;
}

/** GET /api/rectifications: one page of the list as of `asOf`, and whether the read model had caught up. */
export interface RectificationAnswer extends RectificationList {
  upToDate: boolean;
  asOf: string;
}
