/**
 * The JSON of the hub's rectification list and joint meetings (the hub's own wire types) and of
 * the agency service's meeting commands (packages/agency-service/src/meetings/schemas.ts).
 */
import type { AgencyId } from '@hub/contracts';
import type { DecisionKind } from '@hub/hub-service/wire';
import type { Problem } from '../../app/api.ts';

export { rectificationStatuses } from '@hub/hub-service/wire';
export type { DecisionKind, MeetingDecision, MeetingDetail, MeetingStatus, MeetingSummary, RectificationStatus } from '@hub/hub-service/wire';
export type { RectificationAnswer as RectificationList, RectificationItemEntry as RectificationItem } from '@hub/hub-service/wire';
export type { Party } from '@hub/contracts';

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
