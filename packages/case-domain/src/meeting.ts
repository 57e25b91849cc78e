import type { AgencyId, EventDataOf, MeetingEvent } from '@hub/contracts';
import type { MeetingRecord } from './commands.js';

/** A joint meeting's stream: scheduled once, then held once. Its decider is meetingLogic.ts. */

export type MeetingDecision = EventDataOf<'JointMeetingHeld'>['decisions'][number];
type Scheduled = Omit<EventDataOf<'JointMeetingScheduled'>, 'meetingId'>;
type Held = Omit<EventDataOf<'JointMeetingHeld'>, 'meetingId'>;

/**
 * Where and by whom an event was recorded: the store's facts, beside the event's own data. The
 * rules ask who recorded a hold (the host), and applying it names the hold as the cause.
 */
export interface RecordedBy {
  readonly eventId: string;
  readonly recordedAt: string;
  readonly agency: AgencyId | null;
  /** When the act happened (metadata.occurredAt, issue 13.4); absent: when it was recorded. */
  readonly occurredAt?: string;
}

export interface MeetingState {
  readonly meetingId: string;
  readonly scheduled: (Scheduled & RecordedBy) | null;
  readonly held: (Held & RecordedBy) | null;
}

export const initialMeeting = (meetingId: string): MeetingState => ({ meetingId, scheduled: null, held: null });

/** A meeting is scheduled once and held once; a second event of either kind is not written by the decider. */
export function evolveMeeting(state: MeetingState, event: MeetingEvent, recorded: RecordedBy): MeetingState {
  switch (event.type) {
    case 'JointMeetingScheduled': {
      const { meetingId: _id, ...scheduled } = event.data;
      return { ...state, scheduled: { ...scheduled, ...recorded } };
    }
    case 'JointMeetingHeld': {
      const { meetingId: _id, ...held } = event.data;
      return { ...state, held: { ...held, ...recorded } };
    }
    default: {
      const unhandled: never = event;
      throw new TypeError(`unknown meeting event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** What the case decider checks a RecordMeetingDecision against (R7.meeting-decision). */
export const meetingRecordOf = (state: MeetingState): MeetingRecord => ({ meetingId: state.meetingId, decisions: state.held?.decisions ?? null });

/** The key under which a decision is found again on its case: one decision per item per meeting. */
export const decisionKey = (caseId: string, itemId: string): string => `${caseId}/${itemId}`;
