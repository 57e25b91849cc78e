import { parseEventData, type AgencyId, type EventDataOf, type MeetingEvent } from '@hub/contracts';
import { expect } from 'vitest';
import {
  decideMeeting,
  evolveMeeting,
  initialMeeting,
  requireApplicable,
  RuleViolation,
  type CaseParticipants,
  type MeetingCommand,
  type MeetingContext,
  type MeetingState,
  type RuleId,
} from '../../src/index.js';
import { plainWordsProblems } from './plainWords.js';
import { days, id, T0 } from './fixtures.js';

/** A meeting event as its stream holds it, with the agency that recorded it (the store's metadata). */
export interface RecordedMeetingEvent {
  readonly event: MeetingEvent;
  readonly agency: AgencyId | null;
}

export function meetingCmd<N extends MeetingCommand['type']>(type: N, data: Extract<MeetingCommand, { type: N }>['data']): MeetingCommand {
  return { type, data } as MeetingCommand;
}

export const meetingStateOf = (meetingId: string, history: readonly RecordedMeetingEvent[]): MeetingState =>
  history.reduce(
    (state, r, i) => evolveMeeting(state, r.event, { eventId: `event-${i}`, recordedAt: T0.toISOString(), agency: r.agency }),
    initialMeeting(meetingId),
  );

/** A JointMeetingScheduled by `host` with `caseIds` on the agenda. */
export const scheduled = (meetingId: string, host: AgencyId, caseIds: readonly string[]): RecordedMeetingEvent => ({
  event: {
    type: 'JointMeetingScheduled',
    data: { meetingId, hostAgency: host, title: '女职工权益保护联席会议', scheduledFor: days(7).toISOString(), agenda: '审议整改清单', caseIds: [...caseIds] },
  },
  agency: host,
});

type Held = EventDataOf<'JointMeetingHeld'>;

/** What a hold says: the agencies attending, the cases reviewed and one close decision per item. */
export function holdData(
  meetingId: string,
  agencies: readonly AgencyId[],
  casesReviewed: readonly string[],
  decided: readonly { caseId: string; itemId?: string }[] = [],
): Held {
  return {
    meetingId,
    attendees: { agencies: [...agencies], otherBodies: ['区卫健委'] },
    casesReviewed: [...casesReviewed],
    decisions: decided.map((d) => ({ caseId: d.caseId, itemId: d.itemId ?? id(), decision: 'close' as const, note: '销项' })),
    minutes: '会议审议了整改清单',
  };
}

export const held = (data: Held, recordedBy: AgencyId | null): RecordedMeetingEvent => ({ event: { type: 'JointMeetingHeld', data }, agency: recordedBy });

function expectRefused(run: () => unknown, ruleId: RuleId, status: 400 | 403 | 409): RuleViolation {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${ruleId}`).toBeInstanceOf(RuleViolation);
  const violation = caught as RuleViolation;
  expect([violation.ruleId, violation.status]).toEqual([ruleId, status]);
  expect(plainWordsProblems(violation.message)).toEqual([]);
  expect(violation.messageEn.length).toBeGreaterThan(0);
  return violation;
}

/**
 * Meeting decider specs: givenMeeting(history).when(command, context).then(events) / .thenThrows(ruleId, status),
 * and .whenApplying(agency, participants): may this agency carry out the held meeting's decisions on their cases.
 */
export function givenMeeting(meetingId: string, history: readonly RecordedMeetingEvent[] = []) {
  const state = meetingStateOf(meetingId, history);
  return {
    when(command: MeetingCommand, context: MeetingContext) {
      const run = () => decideMeeting(command, state, context);
      return {
        then(expected: readonly MeetingEvent[]): MeetingEvent[] {
          const events = run();
          expect(events).toEqual(expected);
          for (const e of events) expect(parseEventData(e.type, e.data), e.type).toEqual(e.data);
          return events;
        },
        thenThrows: (ruleId: RuleId, status: 400 | 403 | 409 = 409) => expectRefused(run, ruleId, status),
      };
    },
    whenApplying(agency: AgencyId, participants: CaseParticipants) {
      const run = () => requireApplicable(state, agency, participants);
      return {
        thenPasses: () => expect(run).not.toThrow(),
        thenThrows: (ruleId: RuleId, status: 400 | 403 | 409 = 409) => expectRefused(run, ruleId, status),
      };
    },
  };
}
