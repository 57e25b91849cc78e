/**
 * The JSON of the hub's rectification list and joint meetings (services/hub/src/read-models/
 * rectifications/query.ts, meetings/query.ts) and of the agency service's meeting commands
 * (packages/agency-service/src/meetings/schemas.ts), as this page reads and writes it.
 */
import type { AgencyId } from '@hub/contracts';
import type { Problem } from '../../app/api.ts';
import type { Label } from '../../app/i18n.tsx';

export const rectificationStatuses = ['open', 'reported', 'verified', 'not_verified', 'escalated', 'closed_by_meeting'] as const;
export type RectificationStatus = (typeof rectificationStatuses)[number];

export type DecisionKind = 'extend' | 'escalate' | 'close';

export type Party =
  | { kind: 'enterprise'; name: string; uscc?: string }
  | { kind: 'agency'; name: string; agencyId?: AgencyId };

export interface RectificationItem {
  caseId: string;
  rectificationId: string;
  itemId: string;
  description: string;
  orderedBy: AgencyId;
  orderedAt: string;
  responsibleParty: Party;
  responsibleAgency: AgencyId | null;
  employers: { name: string; uscc: string | null }[];
  deadline: string;
  originalDeadline: string;
  extensions: number;
  status: RectificationStatus;
  escalated: boolean;
  overdue: boolean;
  /** While work is owed: pending / due_soon / due_today / overdue. */
  deadlineStatus: 'pending' | 'due_soon' | 'due_today' | 'overdue' | null;
  lastReport: { summary: string; at: string } | null;
  followUps: { followUpId: string; verified: boolean; findings: string; at: string }[];
  decisions: { meetingId: string; decision: DecisionKind; note: string; newDeadline?: string; at: string }[];
}

export interface RectificationList {
  upToDate: boolean;
  asOf: string;
  items: RectificationItem[];
  total: number;
  totals: Record<RectificationStatus, number>;
  overdue: number;
}

export type MeetingStatus = 'scheduled' | 'held';

export interface MeetingSummary {
  meetingId: string;
  hostAgency: AgencyId | null;
  title: string | null;
  scheduledFor: string | null;
  status: MeetingStatus;
  statusLabel: Label;
  heldAt: string | null;
  caseCount: number;
  decisionCount: number;
  appliedCount: number;
}

export interface MeetingDecision {
  caseId: string;
  itemId: string;
  decision: DecisionKind;
  label: Label;
  newDeadline: string | null;
  note: string;
  applied: boolean;
  appliedAt: string | null;
}

export interface MeetingDetail extends Omit<MeetingSummary, 'caseCount' | 'decisionCount' | 'appliedCount'> {
  agenda: string | null;
  caseIds: string[];
  attendees: { agencies: AgencyId[]; otherBodies: string[] } | null;
  casesReviewed: string[];
  minutes: string | null;
  decisions: MeetingDecision[];
}

/** What the agency service says became of each decision when it recorded it on its case. */
export interface DecisionOutcome {
  caseId: string;
  itemId: string;
  decision: DecisionKind;
  applied: boolean;
  alreadyApplied: boolean;
  problem: Problem | null;
}

export interface ScheduleMeetingBody {
  title: string;
  scheduledFor: string;
  agenda: string;
  caseIds: string[];
}

export type DecisionBody =
  | { caseId: string; itemId: string; decision: 'extend'; newDeadline: string; note: string }
  | { caseId: string; itemId: string; decision: 'escalate' | 'close'; note: string };

export interface HoldMeetingBody {
  attendees: { agencies: AgencyId[]; otherBodies: string[] };
  casesReviewed: string[];
  decisions: DecisionBody[];
  minutes: string;
}
