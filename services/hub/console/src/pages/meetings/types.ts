/**
 * The JSON of the hub's rectification list and joint meetings and of the agency service's answers
 * to the meeting acts (both as `@hub/hub-service/wire` names them), and the bodies the console
 * sends with those acts (packages/agency-service/src/meetings/schemas.ts).
 */
import type { AgencyId, MeetingPerson } from '@hub/contracts';

export { rectificationStatuses } from '@hub/hub-service/wire';
export type { AppliedDecisions, DecisionOutcome, HeldMeeting, ScheduledMeeting } from '@hub/hub-service/wire';
export type { DecisionKind, MeetingDecision, MeetingDetail, MeetingPerson, MeetingStatus, MeetingSummary, RectificationStatus } from '@hub/hub-service/wire';
export type { RectificationAnswer as RectificationList, RectificationItemEntry as RectificationItem } from '@hub/hub-service/wire';
export type { Party } from '@hub/contracts';

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
  attendees: { agencies: AgencyId[]; otherBodies: string[]; persons?: MeetingPerson[] };
  casesReviewed: string[];
  decisions: DecisionBody[];
  minutes: string;
  /** JointMeetingHeld v2 (issue 14.5): 会议地点, 主持人, 记录人, 议定事项. */
  location?: string;
  chair?: MeetingPerson;
  recorder?: MeetingPerson;
  resolutions?: string[];
}
