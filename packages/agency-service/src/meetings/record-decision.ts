import type { MeetingRecord } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { Conflict } from '@hub/service-kit';
import { itemsDecidedBy } from './apply.js';
import { loadMeeting, meetingRecordOf } from './meeting.js';

/** What `POST /api/cases/:caseId/record-meeting-decision` needs to know of the meeting it names. */
export interface MeetingCheck {
  /** For the decider, which refuses a decision the meeting did not take (R7.meeting-decision). */
  readonly facts: { readonly meeting: MeetingRecord };
  /** The meeting decided, so its attendees' secretaries may record it on a case they take no other part in. */
  readonly attendees: ReadonlySet<AgencyId>;
}

export async function meetingCheckFor(store: EventStore, meetingId: string): Promise<MeetingCheck> {
  const { state } = await loadMeeting(store, meetingId);
  return { facts: { meeting: meetingRecordOf(state) }, attendees: new Set(state.held?.attendees.agencies ?? []) };
}

/**
 * The meeting took the decision once: recording it a second time (an extension would still find
 * its item open) would put on the case a decision the meeting did not take again.
 */
export async function refuseRecordedTwice(store: EventStore, caseId: string, meetingId: string, itemId: string): Promise<void> {
  if ((await itemsDecidedBy(store, caseId, meetingId)).has(itemId)) {
    throw new Conflict('R7.meeting-decision', '该联席会议决定已记录在本案件中', "This joint meeting's decision is already recorded on this case");
  }
}
