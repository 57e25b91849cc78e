import { agencyNames, type AgencyId, type EventDataOf, type Label, type MeetingEvent } from '@hub/contracts';
import type { MeetingState } from './meeting.js';
import { NotOwnAct } from './ownActs.js';
import { refusalStatus, RuleViolation, violation, worded, type RuleId } from './rules.js';

/**
 * The joint meeting's decider, beside the case's: a secretary schedules a meeting with the cases on
 * its agenda, then records it held, with attendees and one decision per item. The decisions reach
 * their cases as RecordMeetingDecision commands of the case decider (R7.meeting-decision).
 */
export type MeetingCommand =
  | { readonly type: 'ScheduleJointMeeting'; readonly data: Omit<EventDataOf<'JointMeetingScheduled'>, 'hostAgency'> }
  | { readonly type: 'HoldJointMeeting'; readonly data: EventDataOf<'JointMeetingHeld'> };

const meetingCommands = { ScheduleJointMeeting: true, HoldJointMeeting: true } as const satisfies Record<MeetingCommand['type'], true>;
/** Every meeting command, for the specs' coverage check (a command added to the type must be added here). */
export const meetingCommandNames = Object.keys(meetingCommands) as MeetingCommand['type'][];

/**
 * The agencies that take part in each case a hold decides on (none for a case that does not
 * exist), as the caller read them from the case streams: the decider does no I/O.
 */
export type CaseParticipants = ReadonlyMap<string, ReadonlySet<AgencyId>>;

export interface MeetingContext {
  readonly actor: { readonly agency: AgencyId };
  /** Needed to hold a meeting that decides on cases; without it every such case has no participant. */
  readonly participants?: CaseParticipants;
}

export function decideMeeting(command: MeetingCommand, state: MeetingState, ctx: MeetingContext): MeetingEvent[] {
  switch (command.type) {
    // A fresh id appended with 'no_stream': the store itself refuses a second schedule.
    case 'ScheduleJointMeeting':
      return [{ type: 'JointMeetingScheduled', data: { ...command.data, hostAgency: ctx.actor.agency } }];
    case 'HoldJointMeeting':
      return [holdJointMeeting(command.data, state, ctx)];
    default: {
      const unhandled: never = command;
      throw new TypeError(`unknown meeting command ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * Rule 1 as the catalog states it for JointMeetingHeld: the meeting's acts are recorded by an
 * agency that attended it. The host rule (`meeting.host`) narrows it further.
 */
export function requireAttended(agency: AgencyId, attendees: readonly AgencyId[]): void {
  if (attendees.includes(agency)) return;
  const name = agencyNames[agency];
  throw new NotOwnAct({ zh: `${name.zh}未出席该联席会议`, en: `the ${name.en} did not attend this joint meeting` });
}

/**
 * Who records the hold is a question of who asks (403), a reviewed case off the agenda or too
 * few agencies a matter of the body alone (400), a case no attendee takes part in one of the
 * cases' state (409), like a second hold.
 */
function holdJointMeeting(data: EventDataOf<'JointMeetingHeld'>, state: MeetingState, ctx: MeetingContext): MeetingEvent {
  requireAttended(ctx.actor.agency, data.attendees.agencies);
  if (state.held !== null) throw violation('meeting.held');
  const finding = recordFinding(state, ctx.actor.agency, data, ctx.participants ?? new Map());
  if (finding !== null) {
    // The rule book gives the status (meeting.host 403, agenda and joint 400, case-participant 409); a 400 names its field.
    throw violation(finding.ruleId, finding.detail, refusalStatus(finding.ruleId) === 400 ? { field: finding.field } : {});
  }
  return { type: 'JointMeetingHeld', data };
}

/** A rule the record of a hold breaks: which, what exactly, and the body field concerned. */
interface Finding {
  readonly ruleId: RuleId;
  readonly detail: Label;
  readonly field: string;
}

/** What a hold says, as a command or as the recorded JointMeetingHeld. */
type HoldRecord = Pick<EventDataOf<'JointMeetingHeld'>, 'attendees' | 'casesReviewed' | 'decisions'>;

const nameOf = (agency: AgencyId | null): Label => (agency === null ? { zh: '不明机构', en: 'an unknown agency' } : agencyNames[agency]);

// The host's secretary records the meeting: one agency answers for its record and for applying it.
function hostFinding(state: MeetingState, recorder: AgencyId | null): Finding | null {
  if (state.scheduled === null) {
    return {
      ruleId: 'meeting.host',
      field: '',
      detail: { zh: '该会议没有安排记录，无从确认主办机构和议程', en: 'the meeting was never scheduled, so neither its host nor its agenda is known' },
    };
  }
  const { hostAgency } = state.scheduled;
  if (recorder === hostAgency) return null;
  const [host, by] = [nameOf(hostAgency), nameOf(recorder)];
  return {
    ruleId: 'meeting.host',
    field: '',
    detail: {
      zh: `该会议由${host.zh}主办，不能由${by.zh}记录`,
      en: `this meeting is hosted by the ${host.en}, not by ${recorder === null ? by.en : `the ${by.en}`}`,
    },
  };
}

/**
 * The first rule a hold breaks, or null: the host records it, the cases reviewed are on the
 * agenda, two agencies attend, and each case decided on has an attendee that takes part in it
 * ("takes part" as for reading a case: participantsOf). Asked of a hold being recorded and of
 * one already in the stream (written before these rules, or past this service).
 */
function recordFinding(state: MeetingState, recorder: AgencyId | null, held: HoldRecord, participants: CaseParticipants): Finding | null {
  const host = hostFinding(state, recorder);
  if (host !== null || state.scheduled === null) return host;
  const agenda = new Set(state.scheduled.caseIds);
  const extra = [...new Set(held.casesReviewed.filter((c) => !agenda.has(c)))];
  if (extra.length > 0) {
    return {
      ruleId: 'meeting.agenda',
      field: 'casesReviewed',
      detail: { zh: `有 ${extra.length} 个案件不在议程中`, en: `not on the agenda: ${extra.join(', ')}` },
    };
  }
  const attending = new Set(held.attendees.agencies);
  if (attending.size < 2) {
    return {
      ruleId: 'meeting.joint',
      field: 'attendees.agencies',
      detail: {
        zh: `出席机构（去重后）仅 ${attending.size} 个`,
        en: `only ${attending.size} distinct ${attending.size === 1 ? 'agency attends' : 'agencies attend'}`,
      },
    };
  }
  const outside = [...new Set(held.decisions.map((d) => d.caseId))].filter((caseId) => ![...attending].some((a) => participants.get(caseId)?.has(a)));
  if (outside.length > 0) {
    return {
      ruleId: 'meeting.case-participant',
      field: 'decisions',
      detail: { zh: `有 ${outside.length} 个案件没有出席机构参与`, en: `no attending agency takes part in case ${outside.join(', ')}` },
    };
  }
  return null;
}

/** The cases whose participants a hold's rules ask about: those it decides on. */
export const casesDecidedBy = (held: Pick<HoldRecord, 'decisions'>): string[] => [...new Set(held.decisions.map((d) => d.caseId))];

/**
 * A hold already in the stream is acted on (its decisions recorded on cases) only when it keeps
 * the rules: otherwise 409 with the rule it breaks. A meeting not held has nothing to act on.
 */
export function requireValidRecord(state: MeetingState, participants: CaseParticipants): void {
  if (state.held === null) return;
  const finding = recordFinding(state, state.held.agency, state.held, participants);
  if (finding === null) return;
  const { zh, en } = worded(finding.ruleId, finding.detail);
  throw new RuleViolation(
    finding.ruleId,
    `该联席会议的记录不符合规则，不执行其决定。${zh}`,
    `This joint meeting's record breaks a rule, so its decisions are not carried out. ${en}`,
    // Whatever status the rule gives a command that breaks it: here the stored record is at fault, not who asks or what was sent.
    { status: 409 },
  );
}

/**
 * Carrying out a held meeting's decisions (apply-decisions): it was held, and the host's secretary
 * does it — the case events are its acts, as the hold was — and only for a record that keeps the rules.
 */
export function requireApplicable(state: MeetingState, agency: AgencyId, participants: CaseParticipants): void {
  if (state.held === null) throw violation('meeting.not-held');
  requireAttended(agency, state.held.attendees.agencies);
  // Asked of the one who acts (403) only when there is a host to be; a hold never scheduled is a record fault (409, below).
  const host = state.scheduled === null ? null : hostFinding(state, agency);
  if (host !== null) throw violation('meeting.host', host.detail);
  requireValidRecord(state, participants);
}
