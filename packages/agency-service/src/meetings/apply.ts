import { caseStream, meetingRecordOf, type CaseCommand, type MeetingDecision, type MeetingState } from '@hub/case-domain';
import { readCatalogEvent } from '@hub/contracts';
import { EventStoreError, type EventStore } from '@hub/event-store';
import { NotFound, problemFor, type Actor, type Problem } from '@hub/service-kit';
import { decideCase } from '../cases/execute.js';
import { loadCase, type LoadedCase } from '../cases/load.js';
import { handleCommand, type CommandEnv, type Handling, type Trace } from '../commands/handle.js';
import type { DecisionOutcome } from '../wire.js';

export type { DecisionOutcome };

/** How often a decision is retried when someone else changed its case meanwhile. */
const ATTEMPTS = 3;

/** The items of `caseId` on which the meeting's decision is already recorded. */
export async function itemsDecidedBy(store: EventStore, caseId: string, meetingId: string): Promise<Set<string>> {
  const items = new Set<string>();
  for await (const recorded of store.readStream(caseStream(caseId))) {
    if (recorded.type !== 'RectificationItemDecided') continue;
    const event = readCatalogEvent(recorded);
    if (event.type === 'RectificationItemDecided' && event.data.meetingId === meetingId) items.add(event.data.itemId);
  }
  return items;
}

/** The case command that carries a meeting's decision: the meeting's own words, with its id. */
export function commandFor(meetingId: string, d: MeetingDecision): CaseCommand {
  const base = { itemId: d.itemId, meetingId, note: d.note };
  switch (d.decision) {
    case 'extend':
      return { type: 'RecordMeetingDecision', data: { ...base, decision: 'extend', newDeadline: d.newDeadline } };
    case 'escalate':
      return { type: 'RecordMeetingDecision', data: { ...base, decision: 'escalate' } };
    case 'close':
      return { type: 'RecordMeetingDecision', data: { ...base, decision: 'close' } };
  }
}

/** Thrown by the handler's check when the meeting's decision is on its case already: nothing to append, and no refusal. */
class AlreadyApplied extends Error {}

async function applyOne(env: CommandEnv, actor: Actor, meeting: MeetingState, d: MeetingDecision, trace: Trace): Promise<DecisionOutcome> {
  const outcome = (applied: boolean, alreadyApplied: boolean, problem: Problem | null): DecisionOutcome => ({
    caseId: d.caseId,
    itemId: d.itemId,
    decision: d.decision,
    applied,
    alreadyApplied,
    problem,
  });
  // The host's secretary records the meeting's decision whether or not its agency takes part in the case (mayActWithoutPart).
  const handling: Handling<LoadedCase> = {
    stream: caseStream(d.caseId),
    read: () => loadCase(env.store, d.caseId),
    check: async (loaded) => {
      if (loaded.revision === null) throw new NotFound('没有这个案件', `No case ${d.caseId}`);
      // Read after the case: a decision recorded in between moves the revision, so the append fails and we look again.
      if ((await itemsDecidedBy(env.store, d.caseId, meeting.meetingId)).has(d.itemId)) throw new AlreadyApplied();
    },
    decide: ({ state, actTimes }, at) => decideCase(env, actor, commandFor(meeting.meetingId, d), state, { meeting: meetingRecordOf(meeting) }, at, actTimes),
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await handleCommand(env, actor, trace, handling);
      return outcome(true, false, null);
    } catch (error) {
      if (error instanceof AlreadyApplied) return outcome(true, true, null);
      if (error instanceof EventStoreError && error.code === 'wrong_expected_revision' && attempt < ATTEMPTS) continue;
      const problem = problemFor(error);
      // Anything but a refusal (the store down…) is the request's failure; apply-decisions repairs it later.
      if (problem === null) throw error;
      return outcome(false, false, problem);
    }
  }
}

/**
 * Carries out every decision of a held meeting on its case, one after another (two decisions may
 * touch one case). A decision the case refuses (an item already closed, a deadline now past) is
 * reported and the others go on: the meeting's record stands whatever its cases say. The case
 * events are caused by the meeting's JointMeetingHeld, so the audit can follow them back to it.
 */
export async function applyDecisions(env: CommandEnv, actor: Actor, meeting: MeetingState, correlationId: string): Promise<DecisionOutcome[]> {
  if (meeting.held === null) return [];
  // A decision is the meeting's act: it happened when the meeting was held (a meeting recorded the next day is still dated as held).
  const { occurredAt } = meeting.held;
  const trace: Trace = { correlationId, causationId: meeting.held.eventId, ...(occurredAt !== undefined ? { occurredAt } : {}) };
  const outcomes: DecisionOutcome[] = [];
  for (const d of meeting.held.decisions) outcomes.push(await applyOne(env, actor, meeting, d, trace));
  return outcomes;
}
