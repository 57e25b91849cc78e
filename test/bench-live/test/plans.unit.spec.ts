import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decide, defaultPolicy, evolve, initialState, type CaseCommand, type CaseState } from '@hub/case-domain';
import { commandByPath, commandCatalog, type AgencyId } from '@hub/contracts';
import { allPlanKinds } from '../src/plans.js';

const HOUR = 3_600_000;

describe('load plans', () => {
  it('every script runs to its end through decide, each step an hour after the last', () => {
    for (const plan of allPlanKinds(7)) {
      let now = new Date('2026-03-02T02:00:00Z');
      const act = (agency: AgencyId, command: CaseCommand, state: CaseState): CaseState => {
        const events = decide(command, state, { now, actor: { agency, userId: `${agency}-liaison`, roles: ['liaison'] }, policy: defaultPolicy });
        now = new Date(now.getTime() + HOUR);
        return events.reduce(evolve, state);
      };
      const { workers, ...rest } = commandCatalog.OpenCase.input.parse(plan.open(now));
      const fakeRefs = workers.map(() => ({
        workerId: randomUUID(),
        name: { v: 1 as const, alg: 'A256GCM' as const, iv: 'AAAAAAAAAAAAAAAA', ct: 'AAAA', tag: 'AAAAAAAAAAAAAAAAAAAAAA==' },
      }));
      let state = act(plan.opener, { type: 'OpenCase', data: { ...rest, caseId: randomUUID(), workers: fakeRefs } }, initialState);
      for (const step of plan.steps) {
        const definition = commandByPath.get(step.path)!;
        const command = { type: definition.name, data: definition.input.parse(step.body(now)) } as CaseCommand;
        try {
          state = act(step.agency, command, state);
        } catch (error) {
          throw new Error(`${plan.kind}: ${step.agency} ${step.path}: ${(error as Error).message}`);
        }
      }
      expect(state.status, plan.kind).toBe(plan.steps.at(-1)?.path === 'close-case' ? 'closed' : 'open');
    }
  });
});
