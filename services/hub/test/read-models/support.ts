/** Steps the read-model specs share that the hub fixture does not offer. */
import { caseStream, decide, defaultPolicy, type MeetingRecord } from '@hub/case-domain';
import type { AgencyId, EventDataOf } from '@hub/contracts';
import { meetingStream } from '../../src/streams.js';
import { cmd, id } from '../support/cases.js';
import type { HubFixture } from '../support/fixture.js';

type Decision = EventDataOf<'RectificationItemDecided'>;
type Taken = EventDataOf<'JointMeetingHeld'>['decisions'][number];
/** A decision as a spec writes it: the meeting id may be left to the helper. */
type Proposed<T = Decision> = T extends unknown ? Omit<T, 'meetingId'> & { meetingId?: string } : never;

/**
 * A joint meeting decides on one item, and its secretary records the decision on the case.
 * `fx.act` cannot hand the decider the meeting (R7.meeting-decision needs it), so this holds
 * the meeting on its own stream, decides with the real domain given that meeting, and appends
 * what it yields — the decision still passes every rule the service would check.
 */
export async function meetingDecides(fx: HubFixture, caseId: string, decision: Proposed, secretary: AgencyId = 'union'): Promise<void> {
  const meetingId = decision.meetingId ?? id();
  const full = { ...decision, meetingId } as Decision;
  const { meetingId: _m, ...rest } = full;
  const taken = { caseId, ...rest } as Taken;
  await fx.record(secretary, meetingStream(meetingId), [
    {
      type: 'JointMeetingHeld',
      data: {
        meetingId,
        attendees: { agencies: [secretary], otherBodies: [] },
        casesReviewed: [caseId],
        decisions: [taken],
        minutes: '联席会议纪要',
      },
    },
  ]);
  const meeting: MeetingRecord = { meetingId, decisions: [taken] };
  const events = decide(cmd('RecordMeetingDecision', full), await fx.state(caseId), {
    now: fx.now(),
    actor: { agency: secretary, userId: `${secretary}-secretary`, roles: ['secretary'] },
    policy: defaultPolicy,
    meeting,
  });
  await fx.record(secretary, caseStream(caseId), events);
}
