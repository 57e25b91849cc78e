import { casesDecidedBy, meetingRecordOf, requireValidRecord, type MeetingRecord } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { Conflict } from '@hub/service-kit';
import { itemsDecidedBy } from './apply.js';
import { caseParticipants, loadMeeting } from './meeting.js';

/** What `POST /api/cases/:caseId/record-meeting-decision` needs to know of the meeting it names. */
export interface MeetingCheck {
  /** For the decider, which refuses a decision the meeting did not take (R7.meeting-decision). */
  readonly facts: { readonly meeting: MeetingRecord };
  /**
   * The agency that hosted the held meeting, whose secretary may record its decision on a case
   * the host takes no other part in; null when not held. Not any attendee: the host records the
   * meeting (meeting.host), and an attendee with no part in a case must not close or extend its
   * items in the meeting's name.
   */
  readonly host: AgencyId | null;
}

/** Throws 409 with the meeting rule a recorded hold breaks: its decisions are not recorded on cases. */
export async function meetingCheckFor(store: EventStore, meetingId: string): Promise<MeetingCheck> {
  const { state } = await loadMeeting(store, meetingId);
  requireValidRecord(state, await caseParticipants(store, state.held === null ? [] : casesDecidedBy(state.held)));
  return { facts: { meeting: meetingRecordOf(state) }, host: state.held === null ? null : (state.scheduled?.hostAgency ?? null) };
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
