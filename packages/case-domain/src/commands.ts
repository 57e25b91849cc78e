import type { Actor, AgencyId, CommandInput, CommandName, EventDataOf, Role, WorkerRef } from '@hub/contracts';
import type { ActTimes } from './businessTime.js';
import type { DeadlinePolicy } from './policy.js';

/**
 * What the decider receives for each command: the validated client input, except that OpenCase
 * carries the case id from the route and its workers already encrypted by the service — the
 * domain never sees plain personal data.
 */
export type CommandData<N extends CommandName> = N extends 'OpenCase'
  ? Omit<CommandInput<'OpenCase'>, 'workers'> & { readonly caseId: string; readonly workers: readonly WorkerRef[] }
  : CommandInput<N>;

export type CaseCommand = { [N in CommandName]: { readonly type: N; readonly data: CommandData<N> } }[CommandName];

export type CommandOf<N extends CommandName> = Extract<CaseCommand, { type: N }>;

/**
 * A joint meeting as its own stream holds it. RecordMeetingDecision is checked against it
 * (R7.meeting-decision): the case records only what the meeting decided. `decisions` is null
 * while the meeting was not held (or its stream does not exist).
 */
export interface MeetingRecord {
  readonly meetingId: string;
  readonly decisions: readonly EventDataOf<'JointMeetingHeld'>['decisions'][number][] | null;
}

/** Everything a decision depends on besides the state; the clock included, so decisions stay pure. */
export interface DecisionContext {
  /** The service's clock: what the act's time is bounded by. */
  readonly now: Date;
  /**
   * When the act happened (business time, issue 13.4); default `now`. Every deadline the act sets
   * and every "before it ended" the decider judges runs from this instant (businessTime.ts bounds it).
   */
  readonly occurredAt?: Date;
  /** How far ahead of `now` occurredAt may be; default DEFAULT_CLOCK_SKEW_MS. */
  readonly clockSkewMs?: number;
  /** When the case's acts happened; without it, occurredAt is bounded by `now` only. */
  readonly actTimes?: ActTimes;
  readonly actor: Actor;
  readonly policy: DeadlinePolicy;
  /** The meeting a RecordMeetingDecision names, as read by the caller; without it that command is refused. */
  readonly meeting?: MeetingRecord;
  /** What an AssignHandler is decided on besides the case, as the service reads it; without it that command is refused. */
  readonly handler?: HandlerFacts;
}

/** A user of an agency's service as the decider needs to know them: the service keeps its people, the case does not. */
export interface StaffRecord {
  readonly userId: string;
  readonly displayName: string;
  readonly agency: AgencyId;
  readonly roles: readonly Role[];
  /** Disabled at the service: signs in no more, handles no new case. */
  readonly disabled: boolean;
}

/**
 * AssignHandler's facts (承办人, issue 13.5): which agencies take part in the case (from its
 * stream), the user the command names as the agency's service holds them (null: the agency has
 * no such user), and the name of the person assigning (the acts' metadata has their id).
 */
export interface HandlerFacts {
  readonly participants: ReadonlySet<AgencyId>;
  readonly assignee: StaffRecord | null;
  readonly assignedByName: string;
}
