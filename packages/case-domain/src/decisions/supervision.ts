import { agencyNames, letterIssuer, letterKinds } from '@hub/contracts';
import { answeringAgency } from '../parties.js';
import type { CommandData, DecisionContext } from '../commands.js';
import { deadlineFrom } from '../policy.js';
import { violation } from '../rules.js';
import type { CaseState } from '../state.js';
import { compact, event, iso, label, requireNew, requireOpen, requireRef, requireUtc, things, type Decision } from './guards.js';

/**
 * Rule 1 by kind of letter; rule 8 for its deadline: a 检察建议's follows from the policy
 * (two months, 15 days when urgent), every other kind carries the one written on it.
 */
export function issueSupervisionLetter(data: CommandData<'IssueSupervisionLetter'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  const issuer = letterIssuer[data.kind];
  if (issuer !== ctx.actor.agency) {
    const kind = letterKinds.labels[data.kind];
    throw violation('R1', label(`${kind.zh}只能由${agencyNames[issuer].zh}发出`, `a ${kind.en} is issued by the ${agencyNames[issuer].en} only`));
  }
  requireNew(data.letterId in c.letters, data.letterId);
  if (data.addressee.kind === 'agency' && data.addressee.agencyId === ctx.actor.agency) throw violation('CHAIN.letter-to-self');
  let replyDueAt: string;
  if (data.kind === 'procuratorial_recommendation') {
    if (data.replyDueAt !== undefined) throw violation('R8.statutory-deadline');
    replyDueAt = iso(deadlineFrom(ctx.now, data.urgent ? ctx.policy.procuratorialReplyUrgent : ctx.policy.procuratorialReply, ctx.policy));
  } else {
    if (data.replyDueAt === undefined) throw violation('R8.letter-deadline');
    const due = requireUtc(data.replyDueAt, 'replyDueAt');
    if (due.getTime() <= ctx.now.getTime()) throw violation('R8.letter-deadline', label(data.replyDueAt, data.replyDueAt));
    replyDueAt = due.toISOString();
  }
  return [
    event(
      'SupervisionLetterIssued',
      compact({
        letterId: data.letterId,
        kind: data.kind,
        issuedBy: ctx.actor.agency,
        addressee: data.addressee,
        documentNo: data.documentNo,
        summary: data.summary,
        replyDueAt,
        urgent: data.urgent,
      }),
    ),
  ];
}

export function replyToSupervisionLetter(data: CommandData<'ReplyToSupervisionLetter'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  const letter = requireRef(c.letters[data.letterId], things.letter, data.letterId);
  if (letter.replied) throw violation('CHAIN.letter-replied');
  if (answeringAgency(letter.addressee, letter.issuedBy) !== ctx.actor.agency) throw violation('R1.reply');
  return [event('SupervisionLetterReplied', { letterId: letter.letterId, summary: data.summary })];
}

export function listEmployerForCredit(data: CommandData<'ListEmployerForCredit'>, state: CaseState): Decision {
  const c = requireOpen(state);
  const employer = requireRef(
    c.employers.find((e) => e.uscc === data.uscc),
    things.employer,
    data.uscc,
  );
  if (c.creditListings.some((l) => l.uscc === employer.uscc && l.list === data.list)) throw violation('CHAIN.already-listed');
  return [event('EmployerCreditListed', { employer: { name: employer.name, uscc: employer.uscc }, list: data.list, reason: data.reason })];
}
