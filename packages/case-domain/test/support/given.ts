import { mayRecord, parseEventData, type AgencyId, type CaseEvent } from '@hub/contracts';
import { expect } from 'vitest';
import {
  availableCommands,
  decide,
  evolve,
  initialState,
  RuleViolation,
  type AvailabilityActor,
  type AvailabilityOptions,
  type AvailableCommand,
  type CaseCommand,
  type CaseState,
  type DecisionContext,
  type RuleId,
} from '../../src/index.js';
import { plainWordsProblems } from './plainWords.js';

/**
 * Every event the decider produces must satisfy its catalog schema exactly (strict, nothing added
 * or lost), and be one its actor may record (rule 1 as the catalog states it per event): the
 * decider checks rule 1 once, on the command, and names the actor as recorder, so this holds by
 * construction; every spec checks the construction.
 */
function expectCatalogValid(events: readonly CaseEvent[], agency: AgencyId): void {
  for (const e of events) {
    expect(parseEventData(e.type, e.data), e.type).toEqual(e.data);
    expect(mayRecord(agency, e.type, e.data), `${agency} records ${e.type}`).toBe(true);
  }
}

export const stateOf = (history: readonly CaseEvent[]): CaseState => history.reduce(evolve, initialState);

/**
 * Decider specs: given(history).when(command, context).then(events) / .thenThrows(ruleId).
 * `then` and `thenAppends` return the new events so a story can carry on from them.
 * Availability specs: given(history).offers(actor) is what availableCommands lists on it.
 */
export function given(history: readonly CaseEvent[] = []) {
  return {
    offers(actor: AvailabilityActor, options?: AvailabilityOptions): AvailableCommand[] {
      return availableCommands(stateOf(history), actor, options);
    },
    when(command: CaseCommand, context: DecisionContext) {
      const run = () => decide(command, stateOf(history), context);
      return {
        then(expected: readonly CaseEvent[]): CaseEvent[] {
          const events = run();
          expect(events).toEqual(expected);
          expectCatalogValid(events, context.actor.agency);
          return events;
        },
        /** Checks types and the given parts of each event's data. */
        thenAppends(...expected: { type: CaseEvent['type']; data?: Record<string, unknown> }[]): CaseEvent[] {
          const events = run();
          expect(events.map((e) => e.type)).toEqual(expected.map((e) => e.type));
          for (const [i, e] of expected.entries()) if (e.data) expect(events[i]?.data).toMatchObject(e.data);
          expectCatalogValid(events, context.actor.agency);
          return events;
        },
        thenThrows(ruleId: RuleId): RuleViolation {
          let caught: unknown;
          try {
            run();
          } catch (error) {
            caught = error;
          }
          expect(caught, `expected ${ruleId}`).toBeInstanceOf(RuleViolation);
          const violation = caught as RuleViolation;
          expect(violation.ruleId).toBe(ruleId);
          // Rule 1 is a question of who asks (403); business time one of the request's own value
          // (400, on occurredAt); every other rule one of the case's state (409).
          // 承办人: an agency outside the case is refused for who it is (403), a user the agency
          // does not have for the request's own value (400, on userId).
          const forWho = ruleId === 'R1' || ruleId === 'H1.participant';
          expect(violation.status).toBe(forWho ? 403 : ruleId.startsWith('T1.') || ruleId === 'H1.user' ? 400 : 409);
          expect(plainWordsProblems(violation.message)).toEqual([]);
          expect(violation.messageEn.length).toBeGreaterThan(0);
          return violation;
        },
      };
    },
  };
}
