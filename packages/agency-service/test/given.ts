/**
 * What an API spec's `given` is made of: acts of an agency, decided by the case domain's own
 * `decide` on the case as stored, and other events of the hub (a meeting's, a warning's), each
 * appended the way that agency's service appends them — its metadata, signed with its key.
 */
import { randomUUID } from 'node:crypto';
import { caseEventOf, caseStream, decide, defaultPolicy, evolve, initialState, type CaseCommand, type CaseState, type CommandData } from '@hub/case-domain';
import type { AgencyId, CommandName, HubEvent, Role } from '@hub/contracts';
import type { EventData, EventStore, ExpectedRevision, JsonValue } from '@hub/event-store';
import { appendSigned, type Actor, type Signer } from '@hub/service-kit';
import { metadataFor } from '../src/cases/execute.js';

export const id = (): string => randomUUID();

export function cmd<N extends CommandName>(type: N, data: CommandData<N>): CaseCommand {
  return { type, data } as CaseCommand;
}

/** A case command as the domain takes it: no personal data (the service seals it before deciding). */
export function openCase(caseId: string, overrides: Partial<CommandData<'OpenCase'>> = {}): CaseCommand {
  return cmd('OpenCase', {
    caseId,
    channel: 'hotline_12351',
    category: 'wage_arrears',
    summary: '工地拖欠农民工工资',
    employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
    workerCount: 3,
    workers: [],
    amountClaimedFen: 3_600_000,
    region: '330106',
    ...overrides,
  });
}

/** Stored before the request: events on one stream, recorded as one agency. */
export type Given =
  | { kind: 'act'; agency: AgencyId; caseId: string; command: CaseCommand; roles: Role[] }
  | { kind: 'record'; agency: AgencyId; stream: string; events: readonly HubEvent[] };

/** The agency's act on the case, decided on what the case stream holds when it is its turn. */
export const act = (agency: AgencyId, caseId: string, command: CaseCommand, roles: Role[] = ['liaison', 'secretary']): Given => ({
  kind: 'act',
  agency,
  caseId,
  command,
  roles,
});

/** The case opened by `agency` (the union unless said). */
export const opened = (caseId: string, agency: AgencyId = 'union', overrides: Partial<CommandData<'OpenCase'>> = {}): Given =>
  act(agency, caseId, openCase(caseId, overrides));

/** Events appended as they are, on any stream (a meeting's, a warning's). */
export const recorded = (agency: AgencyId, stream: string, events: readonly HubEvent[]): Given => ({ kind: 'record', agency, stream, events });

async function readCase(store: EventStore, caseId: string): Promise<{ state: CaseState; revision: ExpectedRevision }> {
  let state = initialState;
  let revision: ExpectedRevision = 'no_stream';
  for await (const stored of store.readStream(caseStream(caseId))) {
    revision = stored.revision;
    const event = caseEventOf(stored);
    if (event) state = evolve(state, event);
  }
  return { state, revision };
}

/**
 * Appends one `given` as its agency's service would. An act the domain refuses throws here,
 * before the request is sent: a spec's history is one the services could have written.
 */
export async function storeGiven(given: Given, env: { store: EventStore; signer: Signer; now: Date }): Promise<void> {
  const actor = (roles: readonly Role[]): Actor => ({
    agency: given.agency,
    userId: `${given.agency}-given`,
    roles,
    name: `${given.agency} 联络员`,
    kind: 'user',
  });
  const trace = { correlationId: id(), causationId: id() };
  if (given.kind === 'record') {
    const data: EventData[] = given.events.map((e) => ({
      type: e.type,
      data: e.data as unknown as JsonValue,
      metadata: metadataFor(e, actor(['liaison']), trace),
    }));
    await appendSigned(env.store, given.agency, env.signer, given.stream, data);
    return;
  }
  const { state, revision } = await readCase(env.store, given.caseId);
  const who = actor(given.roles);
  const events = decide(given.command, state, { now: env.now, actor: { agency: who.agency, userId: who.userId, roles: who.roles }, policy: defaultPolicy });
  const data: EventData[] = events.map((e) => ({ type: e.type, data: e.data as unknown as JsonValue, metadata: metadataFor(e, who, trace) }));
  await appendSigned(env.store, given.agency, env.signer, caseStream(given.caseId), data, { expectedRevision: revision });
}
