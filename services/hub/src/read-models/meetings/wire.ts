/**
 * What the hub answers about joint meetings, as plain types: the hub's query code and the web
 * console both read them from here.
 */
import type { AgencyId, Label, MeetingPerson, meetingDecisionLabels } from '@hub/contracts';

export type { MeetingPerson };

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

/** Who attended: agencies, other bodies by name, and (JointMeetingHeld v2) the people, by unit. */
export interface MeetingAttendees {
  agencies: AgencyId[];
  otherBodies: string[];
  persons?: MeetingPerson[];
}

/** What official minutes record beside the decisions (JointMeetingHeld v2, issue 14.5); null / empty when not recorded. */
export interface MeetingRecord {
  /** 会议地点 */
  location: string | null;
  /** 主持人 */
  chair: MeetingPerson | null;
  /** 记录人 */
  recorder: MeetingPerson | null;
  /** 议定事项, in order. */
  resolutions: string[];
}

export interface MeetingDetail extends Omit<MeetingSummary, 'caseCount' | 'decisionCount' | 'appliedCount'>, MeetingRecord {
  agenda: string | null;
  caseIds: string[];
  attendees: MeetingAttendees | null;
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
