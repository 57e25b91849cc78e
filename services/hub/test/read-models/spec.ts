/**
 * Read-model specs that read given/when/then, after Emmett's `SQLiteProjectionSpec`:
 *
 *   const spec = await readModelSpec();
 *   await spec.given(act('union', caseId, openCase(caseId)))
 *     .when(act('union', caseId, cmd('TransferLead', { ... })))
 *     .then(answer('/api/deadlines', as('union'), (body) => expect(body.total).toBe(2)));
 *
 * Under it is the hub fixture: a real SQLite store, the hub's projection runner, the hub's API on a
 * real socket. Steps are recorded in the store as the agencies' services record them; `then` waits
 * until every read model has applied the store's head, then asks the hub. A spec that follows a
 * case along goes on with `spec.when(...)`: each block adds to the same history.
 */
import type { CaseCommand } from '@hub/case-domain';
import type { AgencyId, CaseEvent, Role } from '@hub/contracts';
import { expect } from 'vitest';
import { hubFixture, type ActOptions, type HubFixture } from '../support/fixture.js';
import { meetingDecides } from './support.js';

/** One step of a history: an act, a joint meeting's decision on an item, or time passing on the hub's clock. */
export type Step =
  | { kind: 'act'; agency: AgencyId; caseId: string; command: CaseCommand; options: ActOptions }
  | { kind: 'meeting'; caseId: string; decision: Parameters<typeof meetingDecides>[2]; secretary: AgencyId }
  | { kind: 'later'; ms: number };

/** The agency's act on the case, decided by the domain on the case as stored. */
export const act = (agency: AgencyId, caseId: string, command: CaseCommand, options: ActOptions = {}): Step => ({
  kind: 'act',
  agency,
  caseId,
  command,
  options,
});
/** A joint meeting decides on an item and its secretary records the decision on the case (see support.ts). */
export const meetingDecided = (caseId: string, decision: Parameters<typeof meetingDecides>[2], secretary: AgencyId = 'union'): Step => ({
  kind: 'meeting',
  caseId,
  decision,
  secretary,
});
/** The hub's clock moves on. */
export const later = (ms: number): Step => ({ kind: 'later', ms });

export interface Seen {
  readonly fx: HubFixture;
  /** The case events the block's steps appended, in order. */
  readonly appended: readonly CaseEvent[];
}

export type Then = (seen: Seen) => Promise<void>;

export interface Viewer {
  agency: AgencyId;
  roles: Role[];
}
export const as = (agency: AgencyId, roles: Role[] = ['liaison']): Viewer => ({ agency, roles });

/** GET `path` at the hub as the viewer (a fresh session: sessions last an hour on the fixture's clock): 200, and the body as `check` says. */
export const answer =
  (path: string, viewer: Viewer, check: (body: any, seen: Seen) => void): Then =>
  async (seen) => {
    const res = await seen.fx.request('GET', path, await seen.fx.token(viewer.agency, viewer.roles));
    expect(res.status, `GET ${path} as ${viewer.agency} ${viewer.roles.join('+')}: ${JSON.stringify(res.body)}`).toBe(200);
    check(res.body, seen);
  };

/** GET `path` at the hub as the viewer (none: no session) is refused with `status`, as a problem document. */
export const refused =
  (path: string, viewer: Viewer | null, status: number, check: (body: any) => void = () => {}): Then =>
  async ({ fx }) => {
    const res = await fx.request('GET', path, viewer ? await fx.token(viewer.agency, viewer.roles) : undefined);
    expect(res.status, `GET ${path} as ${viewer ? `${viewer.agency} ${viewer.roles.join('+')}` : 'no one'}: ${JSON.stringify(res.body)}`).toBe(status);
    if (status !== 401) expect(res.body?.status, `problem status of GET ${path}`).toBe(status);
    check(res.body);
  };

async function record(fx: HubFixture, steps: readonly Step[]): Promise<CaseEvent[]> {
  const appended: CaseEvent[] = [];
  for (const step of steps) {
    if (step.kind === 'later') fx.advance(step.ms);
    else if (step.kind === 'meeting') await meetingDecides(fx, step.caseId, step.decision, step.secretary);
    else appended.push(...(await fx.act(step.agency, step.caseId, step.command, step.options)).events);
  }
  return appended;
}

export interface ReadModelSpec {
  readonly fx: HubFixture;
  given(...steps: Step[]): { when(...steps: Step[]): { then(...thens: Then[]): Promise<void> }; then(...thens: Then[]): Promise<void> };
  when(...steps: Step[]): { then(...thens: Then[]): Promise<void> };
}

export async function readModelSpec(options: Parameters<typeof hubFixture>[0] = {}): Promise<ReadModelSpec> {
  const fx = await hubFixture(options);
  const then =
    (appended: readonly CaseEvent[]) =>
    async (...thens: Then[]) => {
      await fx.settle();
      for (const check of thens) await check({ fx, appended });
    };
  const when =
    (before: readonly CaseEvent[]) =>
    (...steps: Step[]) => ({
      // Recorded when `then` is called, so a block is one statement: given, when, then.
      then: async (...thens: Then[]) => then([...before, ...(await record(fx, steps))])(...thens),
    });
  return {
    fx,
    given: (...given: Step[]) => ({
      when: (...steps: Step[]) => ({ then: async (...thens: Then[]) => when(await record(fx, given))(...steps).then(...thens) }),
      then: async (...thens: Then[]) => then(await record(fx, given))(...thens),
    }),
    when: (...steps: Step[]) => when([])(...steps),
  };
}
