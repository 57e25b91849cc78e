import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { CaseState } from '../state.js';
import { event, requireNew, requireOpen, type Decision } from './guards.js';

/** Rule 3 counts the hub's own agencies; other bodies attend by name but do not make a review joint. */
export function holdJointReview(data: CommandData<'HoldJointReview'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(c.reviewIds.includes(data.reviewId), data.reviewId);
  const agencies = [...new Set(data.agencies)];
  if (!agencies.includes(ctx.actor.agency)) throw violation('R3.participant');
  if (agencies.length < 2) throw violation('R3');
  return [
    event('JointReviewHeld', {
      reviewId: data.reviewId,
      agencies,
      otherParticipants: [...data.otherParticipants],
      conclusion: data.conclusion,
      routeTo: data.routeTo,
    }),
  ];
}
