import type { AgencyId } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { days, id } from './support/fixtures.js';
import { givenMeeting, held, holdData, meetingCmd, scheduled } from './support/meetings.js';

/** The union hosts a meeting on one case it opened; the procuratorate attends with it. */
function world() {
  const meetingId = id();
  const caseId = id();
  const participants = new Map<string, ReadonlySet<AgencyId>>([[caseId, new Set<AgencyId>(['union'])]]);
  return { meetingId, caseId, participants, agenda: [scheduled(meetingId, 'union', [caseId])] };
}

describe('joint meetings: schedule', () => {
  it('the secretary’s agency hosts the meeting it schedules', () => {
    const meetingId = id();
    const caseId = id();
    const data = { meetingId, title: '联席会议', scheduledFor: days(7).toISOString(), agenda: '审议整改清单', caseIds: [caseId] };
    givenMeeting(meetingId)
      .when(meetingCmd('ScheduleJointMeeting', data), { actor: { agency: 'procuratorate' } })
      .then([{ type: 'JointMeetingScheduled', data: { ...data, hostAgency: 'procuratorate' } }]);
  });
});

describe('joint meetings: hold', () => {
  it('the host records the meeting with two agencies, the cases on its agenda and a decision on a case an attendee takes part in', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const data = holdData(meetingId, ['union', 'procuratorate'], [caseId], [{ caseId }]);
    givenMeeting(meetingId, agenda)
      .when(meetingCmd('HoldJointMeeting', data), { actor: { agency: 'union' }, participants })
      .then([{ type: 'JointMeetingHeld', data }]);
  });

  it('R1: an agency that did not attend records nothing of the meeting (403)', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const hold = meetingCmd('HoldJointMeeting', holdData(meetingId, ['union', 'procuratorate'], [caseId]));
    const refused = givenMeeting(meetingId, agenda)
      .when(hold, { actor: { agency: 'hr_bureau' }, participants })
      .thenThrows('R1', 403);
    expect(refused.message).toContain('未出席该联席会议');
  });

  it('meeting.held: a meeting is held once', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const data = holdData(meetingId, ['union', 'procuratorate'], [caseId]);
    givenMeeting(meetingId, [...agenda, held(data, 'union')])
      .when(meetingCmd('HoldJointMeeting', data), { actor: { agency: 'union' }, participants })
      .thenThrows('meeting.held');
  });

  it('meeting.host: an attendee that did not host it does not record it (403)', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const hold = meetingCmd('HoldJointMeeting', holdData(meetingId, ['union', 'procuratorate'], [caseId]));
    const refused = givenMeeting(meetingId, agenda)
      .when(hold, { actor: { agency: 'procuratorate' }, participants })
      .thenThrows('meeting.host', 403);
    expect(refused.message).toContain('该会议由工会主办');
  });

  it('meeting.agenda: the cases reviewed are on the agenda (400, casesReviewed)', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const hold = meetingCmd('HoldJointMeeting', holdData(meetingId, ['union', 'procuratorate'], [caseId, id()]));
    const refused = givenMeeting(meetingId, agenda)
      .when(hold, { actor: { agency: 'union' }, participants })
      .thenThrows('meeting.agenda', 400);
    expect(refused.field).toBe('casesReviewed');
  });

  it('meeting.joint: two agencies attend, counted once each (400, attendees.agencies)', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const hold = meetingCmd('HoldJointMeeting', holdData(meetingId, ['union', 'union'], [caseId]));
    const refused = givenMeeting(meetingId, agenda)
      .when(hold, { actor: { agency: 'union' }, participants })
      .thenThrows('meeting.joint', 400);
    expect(refused.field).toBe('attendees.agencies');
  });

  it('meeting.case-participant: each case decided on has an attendee that takes part in it (409)', () => {
    const { meetingId, caseId, agenda } = world();
    const hold = meetingCmd('HoldJointMeeting', holdData(meetingId, ['union', 'procuratorate'], [caseId], [{ caseId }]));
    const court = new Map<string, ReadonlySet<AgencyId>>([[caseId, new Set<AgencyId>(['court'])]]);
    givenMeeting(meetingId, agenda)
      .when(hold, { actor: { agency: 'union' }, participants: court })
      .thenThrows('meeting.case-participant');
    // A case that does not exist has no participant.
    givenMeeting(meetingId, agenda)
      .when(hold, { actor: { agency: 'union' }, participants: new Map() })
      .thenThrows('meeting.case-participant');
  });
});

describe('joint meetings: carrying out the decisions of a held meeting', () => {
  it('meeting.not-held: a meeting not held took no decisions', () => {
    const { meetingId, participants, agenda } = world();
    givenMeeting(meetingId, agenda).whenApplying('union', participants).thenThrows('meeting.not-held');
  });

  it('the host carries them out; an absentee may not (R1, 403), nor an attendee that did not host it (meeting.host, 403)', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const history = [...agenda, held(holdData(meetingId, ['union', 'procuratorate'], [caseId], [{ caseId }]), 'union')];
    givenMeeting(meetingId, history).whenApplying('union', participants).thenPasses();
    givenMeeting(meetingId, history).whenApplying('hr_bureau', participants).thenThrows('R1', 403);
    givenMeeting(meetingId, history).whenApplying('procuratorate', participants).thenThrows('meeting.host', 403);
  });

  it('a record in the stream that breaks a rule is not carried out (409 with that rule)', () => {
    const { meetingId, caseId, participants, agenda } = world();
    const usurped = [...agenda, held(holdData(meetingId, ['union', 'procuratorate'], [caseId]), 'procuratorate')];
    givenMeeting(meetingId, usurped).whenApplying('union', participants).thenThrows('meeting.host');
    const single = [...agenda, held(holdData(meetingId, ['union'], [caseId], [{ caseId }]), 'union')];
    const refused = givenMeeting(meetingId, single).whenApplying('union', participants).thenThrows('meeting.joint');
    expect(refused.message).toContain('不执行其决定');
    const offAgenda = [...agenda, held(holdData(meetingId, ['union', 'procuratorate'], [id()]), 'union')];
    givenMeeting(meetingId, offAgenda).whenApplying('union', participants).thenThrows('meeting.agenda');
    const never = [held(holdData(meetingId, ['union', 'procuratorate'], [caseId]), 'union')];
    givenMeeting(meetingId, never).whenApplying('union', participants).thenThrows('meeting.host');
  });
});
