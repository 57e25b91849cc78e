import { decide, RuleViolation, type CaseCommand, type CaseState, type DeadlinePolicy, type DecisionContext } from '@hub/case-domain';
import {
  agencyNames, currentVersions, hubEventMetadataSchema, type AgencyId, type CaseEvent, type CommandDefinition, type EventType,
} from '@hub/contracts';
import type { EventMetadata, EventStore, ExpectedRevision, JsonValue } from '@hub/event-store';
import { appendSigned, Forbidden, type Actor, type Signer } from '@hub/service-kit';
import { RuleForbidden } from '../errors.js';
import { eventIdsFor, requestMetadata, type RequestHasher, type RequestMark } from '../idempotency.js';
import { caseStream } from '@hub/case-domain';

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
 * layer), then rule 1 as the catalog states it. Both are 403: nothing about the case would change the answer.
 */
export function authorize(env: Pick<CommandEnv, 'agency'>, actor: Actor, definition: CommandDefinition): void {
  if (!actor.roles.some((role) => definition.roles.includes(role))) {
    throw new Forbidden(
      `${definition.label.zh}需要以下角色之一：${definition.roles.join('、')}`,
      `${definition.label.en} needs one of the roles: ${definition.roles.join(', ')}`,
    );
  }
  if (!definition.issuedBy.includes(env.agency) || actor.agency !== env.agency) {
    const zh = definition.issuedBy.map((a) => agencyNames[a].zh).join('、');
    const en = definition.issuedBy.map((a) => agencyNames[a].en).join(', ');
    throw new RuleForbidden('R1', `机构只能记录本机构的行为：${definition.label.zh}只能由${zh}办理`, `An agency records only its own acts: ${definition.label.en} is for the ${en}`);
  }
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
 * fails as 409 concurrency) and signs what was appended. Rule 1 refusals from inside the decider
 * (the kind of letter, the recorder of an event) become 403 like the catalog check above.
 */
export async function execute(
  env: CommandEnv, actor: Actor, caseId: string, command: CaseCommand, state: CaseState, expected: ExpectedRevision, trace: Trace,
  /** What some commands are decided on besides the case: the joint meeting a RecordMeetingDecision names. */
  facts: Pick<DecisionContext, 'meeting'> = {},
): Promise<CommandResult> {
  let events: CaseEvent[];
  try {
    events = decide(command, state, { now: env.clock(), actor: { agency: actor.agency, userId: actor.userId, roles: actor.roles }, policy: env.policy, ...facts });
  } catch (error) {
    if (error instanceof RuleViolation && error.ruleId === 'R1') throw new RuleForbidden(error.ruleId, error.message, error.messageEn);
    throw error;
  }
  const stream = caseStream(caseId);
  // Ids derived from the Idempotency-Key: a copy of the request in flight at once appends the same ids, which the store answers as a retry.
  const ids = eventIdsFor(env.agency, trace.request, stream, events.length);
  const result = await appendSigned(
    env.store, env.agency, env.signer, stream,
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
