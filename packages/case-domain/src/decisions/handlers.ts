import type { AgencyId, EventDataOf } from '@hub/contracts';
import type { CommandData, DecisionContext, HandlerFacts, StaffRecord } from '../commands.js';
import { violation } from '../rules.js';
import type { CaseState } from '../state.js';
import { compact, event, label, requireOpen, type Decision } from './guards.js';

// 承办人 (issue 13.5): an agency taking part in a case names the person of its own who handles it.

/** Only an agency that takes part in the case names a handler of it (as for every act on it, participation.ts). */
export function requireParticipant(facts: HandlerFacts | undefined, agency: AgencyId): HandlerFacts {
  if (facts === undefined || !facts.participants.has(agency)) throw violation('H1.participant');
  return facts;
}

/** An active liaison of the assigning agency: whom the agency's service holds, signs in and acts on cases. */
export function requireAssignable(user: StaffRecord | null, agency: AgencyId, userId: string): StaffRecord {
  if (user === null || user.agency !== agency || user.userId !== userId) {
    throw violation('H1.user', label('本机构没有这个用户', `no user ${userId}`), { field: 'userId' });
  }
  if (user.disabled) throw violation('H1.active', label(`${user.displayName} 的账号已停用`, `${user.displayName}'s account is disabled`));
  if (!user.roles.includes('liaison')) throw violation('H1.active', label(`${user.displayName} 不是联络员`, `${user.displayName} is not a liaison`));
  return user;
}

/**
 * Assigns the case to a person of the actor's agency, or reassigns it (the one handling it now is
 * named as `previous`). A closed case takes no new handler; the same person again is no change.
 * Each agency's handler is its own: assigning one leaves the other agencies' as they are.
 */
export function assignHandler(data: CommandData<'AssignHandler'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  const agency = ctx.actor.agency;
  const facts = requireParticipant(ctx.handler, agency);
  const user = requireAssignable(facts.assignee, agency, data.userId);
  const current = c.handlers[agency];
  if (current?.userId === user.userId) throw violation('H1.same', label(user.displayName, user.displayName));
  const assigned: EventDataOf<'HandlerAssigned'> = compact({
    agency,
    handler: { userId: user.userId, displayName: user.displayName },
    assignedBy: { userId: ctx.actor.userId, displayName: facts.assignedByName },
    previous: current === undefined ? undefined : { userId: current.userId, displayName: current.displayName },
    note: data.note,
  });
  return [event('HandlerAssigned', assigned)];
}
