import type { MeetingRecord } from '@hub/case-domain';
import { agencyIdSchema, readCatalogEvent, type AgencyId, type EventDataOf, type MeetingEvent } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';

/** Equal to the hub's copy in services/hub/src/streams.ts: one name per stream family. */
export const MEETING_STREAM_PREFIX = 'meeting-';
export const meetingStream = (meetingId: string): string => `${MEETING_STREAM_PREFIX}${meetingId}`;

export type MeetingDecision = EventDataOf<'JointMeetingHeld'>['decisions'][number];
type Scheduled = Omit<EventDataOf<'JointMeetingScheduled'>, 'meetingId'>;
type Held = Omit<EventDataOf<'JointMeetingHeld'>, 'meetingId'>;

/** Where and by whom an event was recorded: the store's facts, beside the event's own data. */
export interface RecordedBy {
  readonly eventId: string;
  readonly recordedAt: string;
  readonly agency: AgencyId | null;
}

export interface MeetingState {
  readonly meetingId: string;
  readonly scheduled: (Scheduled & RecordedBy) | null;
  readonly held: (Held & RecordedBy) | null;
}

export interface LoadedMeeting {
  readonly state: MeetingState;
  /** Revision of the last event read; null when the stream does not exist. */
  readonly revision: bigint | null;
}

export const initialMeeting = (meetingId: string): MeetingState => ({ meetingId, scheduled: null, held: null });

/** A meeting is scheduled once and held once; a second event of either kind is not written by this service. */
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

/**
 * Reads and folds a meeting stream. As for a case, a command must not act on a history it could
 * only partly read: an event that does not upcast throws (a 500) instead of being skipped.
 */
export async function loadMeeting(store: EventStore, meetingId: string): Promise<LoadedMeeting> {
  let state = initialMeeting(meetingId);
  let revision: bigint | null = null;
  for await (const recorded of store.readStream(meetingStream(meetingId))) {
    revision = recorded.revision;
    const event = readCatalogEvent(recorded);
    if (event.type !== 'JointMeetingScheduled' && event.type !== 'JointMeetingHeld') continue;
    const agency = agencyIdSchema.safeParse(recorded.metadata['agency']);
    state = evolveMeeting(state, event, { eventId: recorded.id, recordedAt: recorded.metadata.recordedAt, agency: agency.success ? agency.data : null });
  }
  return { state, revision };
}

/** What the case decider checks a RecordMeetingDecision against (R7.meeting-decision). */
export const meetingRecordOf = (state: MeetingState): MeetingRecord => ({ meetingId: state.meetingId, decisions: state.held?.decisions ?? null });

/** The key under which a decision is found again on its case: one decision per item per meeting. */
export const decisionKey = (caseId: string, itemId: string): string => `${caseId}/${itemId}`;
