import {
  caseStream,
  decide,
  initialState,
  type ActTimes,
  NotOwnAct,
  requireOwnAct,
  type CaseCommand,
  type CaseState,
  type DecisionContext,
  type OpenedCase,
  type StaffRecord,
} from '@hub/case-domain';
import { agencyNames, commandCatalog, roleLabels, type CommandDefinition, type CommandName } from '@hub/contracts';
import { Forbidden, type Actor } from '@hub/service-kit';
import type { ActTime, CommandEnv, Decided, Handling, ReadStream } from '../commands/handle.js';
import { completeLetter } from '../letters/issue.js';
import { meetingCheckFor, refuseRecordedTwice, type MeetingCheck } from '../meetings/record-decision.js';
import { noSuchCase, requireMayAct } from './access.js';
import { loadCase, type LoadedCase } from './load.js';

// Where the specs (given.ts, the crash spec) import them from: they lived here before the one handler.
export { metadataFor, type CommandEnv, type Trace } from '../commands/handle.js';

/** What some commands are decided on besides the case: the joint meeting a RecordMeetingDecision names. */
export type CaseFacts = Pick<DecisionContext, 'meeting' | 'handler'>;

/**
 * Who may issue the command, checked before anything is read: the role (the service's auth
 * layer), that this service records its own agency's acts only, then rule 1 (the domain's one
 * check, reading the catalog). All are 403: nothing about the case would change the answer.
 */
export function authorize(env: Pick<CommandEnv, 'agency'>, actor: Actor, definition: CommandDefinition<CommandName>): void {
  if (!actor.roles.some((role) => definition.roles.includes(role))) {
    throw new Forbidden(
      `${definition.label.zh}需要以下角色之一：${definition.roles.map((role) => roleLabels[role].zh).join('、')}，请联系本机构管理员`,
      `${definition.label.en} needs one of the roles: ${definition.roles.join(', ')}`,
    );
  }
  if (actor.agency !== env.agency) {
    const [mine, theirs] = [agencyNames[env.agency], agencyNames[actor.agency]];
    throw new NotOwnAct({
      zh: `本服务只记录${mine.zh}的行为，不能记录${theirs.zh}的`,
      en: `this service records the ${mine.en}'s acts, not the ${theirs.en}'s`,
    });
  }
  requireOwnAct(actor.agency, definition.name);
}

/**
 * The case decider with the service's clock, policy and actor, and the facts read beside the case;
 * `at` says when the act happened and `actTimes` when the case's acts did (business time, issue 13.4).
 */
export function decideCase(env: CommandEnv, actor: Actor, command: CaseCommand, state: CaseState, facts: CaseFacts = {}, at?: ActTime, actTimes?: ActTimes) {
  return decide(command, state, {
    now: at?.now ?? env.clock(),
    ...(at ? { occurredAt: at.occurredAt } : {}),
    ...(env.clockSkewMs !== undefined ? { clockSkewMs: env.clockSkewMs } : {}),
    ...(actTimes ? { actTimes } : {}),
    actor: { agency: actor.agency, userId: actor.userId, roles: actor.roles },
    policy: env.policy,
    ...facts,
  });
}

/**
 * Opening a case: its id was just minted, so there is nothing to read; appending with no_stream
 * lets the store refuse a second opening. `command` is built only when the request is carried
 * out (not on a replay): it encrypts the workers' identities.
 */
export function openCaseHandling(env: CommandEnv, actor: Actor, caseId: string, command: () => CaseCommand): Handling<ReadStream & { state: CaseState }> {
  return {
    stream: caseStream(caseId),
    read: async () => ({ state: initialState, revision: null, headHash: null }),
    decide: ({ state }, at) => decideCase(env, actor, command(), state, {}, at),
  };
}

type CaseRead = LoadedCase & {
  readonly revision: bigint;
  readonly meeting: MeetingCheck | undefined;
  /** AssignHandler: the named user as this service holds its people (read beside the case, at each try). */
  readonly assignee: StaffRecord | null;
};

/** A command on an existing case, as a client asks it: the case must exist and the actor's agency may act on it. */
export function caseCommandHandling(env: CommandEnv, actor: Actor, caseId: string, command: CaseCommand): Handling<CaseRead> {
  const definition = commandCatalog[command.type];
  return {
    stream: caseStream(caseId),
    read: async () => {
      const loaded = await loadCase(env.store, caseId);
      if (loaded.revision === null) throw noSuchCase(caseId);
      // A joint meeting's decision is checked against the meeting's own stream (R7.meeting-decision).
      const meeting = command.type === 'RecordMeetingDecision' ? await meetingCheckFor(env.store, command.data.meetingId) : undefined;
      const assignee = command.type === 'AssignHandler' ? ((await env.staff?.get(command.data.userId)) ?? null) : null;
      return { ...loaded, revision: loaded.revision, meeting, assignee };
    },
    check: async ({ participants, meeting }) => {
      requireMayAct(actor, caseId, definition, participants, meeting?.host === actor.agency);
      if (command.type === 'RecordMeetingDecision') await refuseRecordedTwice(env.store, caseId, command.data.meetingId, command.data.itemId);
    },
    decide: ({ state, meeting, actTimes, participants, assignee }, at) => {
      // 承办人: who the named user is, as this service holds its people (H1.user, H1.active).
      const handler = command.type === 'AssignHandler' ? { participants, assignee, assignedByName: actor.name || actor.userId } : undefined;
      return decideCase(env, actor, command, state, { ...meeting?.facts, ...(handler ? { handler } : {}) }, at, actTimes);
    },
    // A letter without a number given is issued as a document: its 文号 from the register, its PDF's proof in the event.
    ...(command.type === 'IssueSupervisionLetter' && env.letters
      ? {
          complete: async (events: readonly Decided[], { state }: CaseRead, at: ActTime) =>
            (await completeLetter(env.letters!, caseId, state as OpenedCase, events, at.occurredAt)).events,
        }
      : {}),
  };
}
