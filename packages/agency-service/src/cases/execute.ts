import { caseStream, decide, NotOwnAct, requireOwnAct, type CaseCommand, type CaseState, type DeadlinePolicy, type DecisionContext } from '@hub/case-domain';
import { agencyNames, currentVersions, hubEventMetadataSchema, type AgencyId, type CommandDefinition, type CommandName, type EventType } from '@hub/contracts';
import type { EventMetadata, EventStore, ExpectedRevision, JsonValue } from '@hub/event-store';
import { appendSigned, Forbidden, type Actor, type Signer } from '@hub/service-kit';
import { eventIdsFor, requestMetadata, type RequestHasher, type RequestMark } from '../idempotency.js';

export interface CommandEnv {
  readonly agency: AgencyId;
  readonly store: EventStore;
  readonly signer: Signer;
  readonly clock: () => Date;
  readonly policy: DeadlinePolicy;
  /** Marks every appended event with the request that caused it (see idempotency.ts). */
  readonly requests: RequestHasher;
}

/** Ids that tie the events to the request that caused them and the work it belongs to. */
export interface Trace {
  readonly correlationId: string;
  readonly causationId: string;
  /** The client request the events answer; absent for acts the service does on its own (applying a meeting's decisions). */
  readonly request?: RequestMark;
}

export interface CommandResult {
  caseId: string;
  /** Decimal strings: revisions and positions are bigint, which JSON cannot carry. */
  revision: string;
  position: string;
  events: string[];
}

/**
 * Who may issue the command, checked before anything is read: the role (the service's auth
 * layer), that this service records its own agency's acts only, then rule 1 (the domain's one
 * check). All are 403: nothing about the case would change the answer.
 */
export function authorize(env: Pick<CommandEnv, 'agency'>, actor: Actor, definition: CommandDefinition<CommandName>): void {
  if (!actor.roles.some((role) => definition.roles.includes(role))) {
    throw new Forbidden(
      `${definition.label.zh}需要以下角色之一：${definition.roles.join('、')}`,
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

/** What every event a service writes carries besides its data, on any stream (cases, meetings, warnings). */
export function metadataFor(event: { readonly type: EventType }, actor: Actor, trace: Trace): EventMetadata {
  const metadata = {
    schemaVersion: currentVersions[event.type],
    agency: actor.agency,
    actor: { agency: actor.agency, userId: actor.userId },
    userName: actor.name,
    correlationId: trace.correlationId,
    causationId: trace.causationId,
    ...(trace.request ? { request: requestMetadata(trace.request) } : {}),
  };
  hubEventMetadataSchema.parse(metadata);
  return metadata;
}

/**
 * Decides on the state read at `expected`, appends with that expectation (so a concurrent change
 * fails as 409 concurrency) and signs what was appended. The decider's refusals carry their own
 * status (403 for rule 1, 409 for the rest) and go to the problem middleware as they are.
 */
export async function execute(
  env: CommandEnv,
  actor: Actor,
  caseId: string,
  command: CaseCommand,
  state: CaseState,
  expected: ExpectedRevision,
  trace: Trace,
  /** What some commands are decided on besides the case: the joint meeting a RecordMeetingDecision names. */
  facts: Pick<DecisionContext, 'meeting'> = {},
): Promise<CommandResult> {
  const events = decide(command, state, {
    now: env.clock(),
    actor: { agency: actor.agency, userId: actor.userId, roles: actor.roles },
    policy: env.policy,
    ...facts,
  });
  const stream = caseStream(caseId);
  // Ids derived from the Idempotency-Key: a copy of the request in flight at once appends the same ids, which the store answers as a retry.
  const ids = eventIdsFor(env.agency, trace.request, stream, events.length);
  const result = await appendSigned(
    env.store,
    env.agency,
    env.signer,
    stream,
    events.map((e, i) => ({ ...(ids[i] ? { id: ids[i] } : {}), type: e.type, data: e.data as unknown as JsonValue, metadata: metadataFor(e, actor, trace) })),
    { expectedRevision: expected },
  );
  return {
    caseId,
    revision: result.nextExpectedRevision.toString(),
    position: result.position.toString(),
    events: events.map((e) => e.type),
  };
}
