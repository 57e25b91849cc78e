import { evolveMeeting, initialMeeting, meetingStream, type CaseParticipants, type MeetingState } from '@hub/case-domain';
import { agencyIdSchema, occurredAtOf, readCatalogEvent, type AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { loadCase } from '../cases/load.js';

export interface LoadedMeeting {
  readonly state: MeetingState;
  /** Revision of the last event read; null when the stream does not exist. */
  readonly revision: bigint | null;
  /** The sealed hash of that event (what the next append's proof signs as its prevHash); null with no stream. */
  readonly headHash: string | null;
}

/**
 * Reads and folds a meeting stream (the domain's evolveMeeting). As for a case, a command must not
 * act on a history it could only partly read: an event that does not upcast throws (a 500) instead
 * of being skipped.
 */
export async function loadMeeting(store: EventStore, meetingId: string): Promise<LoadedMeeting> {
  let state = initialMeeting(meetingId);
  let revision: bigint | null = null;
  let headHash: string | null = null;
  for await (const recorded of store.readStream(meetingStream(meetingId))) {
    revision = recorded.revision;
    headHash = recorded.metadata.hash;
    const event = readCatalogEvent(recorded);
    if (event.type !== 'JointMeetingScheduled' && event.type !== 'JointMeetingHeld') continue;
    const agency = agencyIdSchema.safeParse(recorded.metadata['agency']);
    state = evolveMeeting(state, event, {
      eventId: recorded.id,
      recordedAt: recorded.metadata.recordedAt,
      agency: agency.success ? agency.data : null,
      occurredAt: occurredAtOf(recorded.metadata),
    });
  }
  return { state, revision, headHash };
}

/**
 * Who takes part in each of these cases, read from their streams for the meeting decider (which
 * does no I/O): the case routes' rule (participantsOf, via loadCase). A case that does not exist has none.
 */
export async function caseParticipants(store: EventStore, caseIds: readonly string[]): Promise<CaseParticipants> {
  const out = new Map<string, ReadonlySet<AgencyId>>();
  for (const caseId of new Set(caseIds)) out.set(caseId, (await loadCase(store, caseId)).participants);
  return out;
}
