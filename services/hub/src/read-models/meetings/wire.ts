/**
 * What the hub answers about joint meetings, as plain types: the hub's query code and the web
 * console both read them from here.
 */
import type { AgencyId, Label, meetingDecisionLabels } from '@hub/contracts';

export type MeetingStatus = 'scheduled' | 'held';

export type DecisionKind = keyof typeof meetingDecisionLabels;

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
  /** How many of the decisions have been carried out on their cases. */
  appliedCount: number;
}

export interface MeetingDecision {
  caseId: string;
  itemId: string;
  decision: DecisionKind;
  label: Label;
  newDeadline: string | null;
  note: string;
  /** A RectificationItemDecided naming this meeting and item was recorded on the case's stream. */
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
  /**
   * 案号 of every case the meeting names (agenda, reviewed, decided), from the hub's case
   * directory (GET /api/meetings/:meetingId fills it in): what the minutes print instead of ids.
   * null for a case not yet numbered or not in the directory.
   */
  caseNumbers?: Record<string, string | null>;
}

/** GET /api/meetings: one page, newest first; `more` when the page was full. */
export interface MeetingList {
  upToDate: boolean;
  meetings: MeetingSummary[];
  more: boolean;
}

/** GET /api/meetings/:meetingId. */
export interface MeetingAnswer {
  upToDate: boolean;
  meeting: MeetingDetail;
}
