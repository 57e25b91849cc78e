import { instantDayWords, type AgencyId, type Employer, type Label, type LetterKind } from '@hub/contracts';
import { answeringAgency } from '../parties.js';
import type { CommandData, DecisionContext } from '../commands.js';
import { deadlineFrom, type DeadlinePolicy } from '../policy.js';
import { violation } from '../rules.js';
import type { CaseState, LetterState } from '../state.js';
import { compact, event, iso, label, requireAhead, requireNew, requireOpen, requireRef, things, type Decision } from './guards.js';

export type CreditList = CommandData<'ListEmployerForCredit'>['list'];

/**
 * R8.statutory-deadline: the reply deadline the rules set for a letter of `kind` issued at `now`
 * (a 检察建议's: the policy's two months, 15 days when urgent), or null when the sender sets its
 * own. The one computation: the decider sets it, availableCommands shows it to the form.
 */
export function statutoryReplyDue(kind: LetterKind, urgent: boolean, now: Date, policy: DeadlinePolicy): Date | null {
  if (kind !== 'procuratorial_recommendation') return null;
  return deadlineFrom(now, urgent ? policy.procuratorialReplyUrgent : policy.procuratorialReply, policy);
}

const statutoryWords = (due: Date): Label => {
  const day = instantDayWords(due);
  return label(`按规定为${day.zh}`, `the rules set ${day.en}`);
};

/**
 * Rule 8 for the deadline (rule 1 by kind of letter is ownActs.ts's, checked before): a 检察建议's
 * follows from the policy (two months, 15 days when urgent), every other kind carries its own.
 */
export function issueSupervisionLetter(data: CommandData<'IssueSupervisionLetter'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(data.letterId in c.letters, data.letterId);
  if (data.addressee.kind === 'agency' && data.addressee.agencyId === ctx.actor.agency) throw violation('CHAIN.letter-to-self');
  let replyDueAt: string;
  const statutory = statutoryReplyDue(data.kind, data.urgent, ctx.now, ctx.policy);
  if (statutory !== null) {
    if (data.replyDueAt !== undefined) throw violation('R8.statutory-deadline', statutoryWords(statutory));
    replyDueAt = iso(statutory);
  } else {
    if (data.replyDueAt === undefined) throw violation('R8.letter-deadline', label('未填写回复期限', 'no reply deadline given'));
    replyDueAt = requireAhead('R8.letter-deadline', data.replyDueAt, 'replyDueAt', ctx.now).toISOString();
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

/** Once, by the addressed agency, or by the issuer when the addressee is not on the hub (R1.reply). */
export function letterToAnswer(state: CaseState, letterId: string, agency: AgencyId): LetterState {
  const c = requireOpen(state);
  const letter = requireRef(c.letters[letterId], things.letter, letterId);
  if (letter.replied) throw violation('CHAIN.letter-replied');
  if (answeringAgency(letter.addressee, letter.issuedBy) !== agency) throw violation('R1.reply');
  return letter;
}

export function replyToSupervisionLetter(data: CommandData<'ReplyToSupervisionLetter'>, state: CaseState, ctx: DecisionContext): Decision {
  const letter = letterToAnswer(state, data.letterId, ctx.actor.agency);
  return [event('SupervisionLetterReplied', { letterId: letter.letterId, summary: data.summary })];
}

/** One of the case's employers, not yet on that list. */
export function listableEmployer(state: CaseState, uscc: string, list: CreditList): Employer {
  const c = requireOpen(state);
  const employer = requireRef(
    c.employers.find((e) => e.uscc === uscc),
    things.employer,
    uscc,
  );
  if (c.creditListings.some((l) => l.uscc === employer.uscc && l.list === list)) throw violation('CHAIN.already-listed');
  return employer;
}

export function listEmployerForCredit(data: CommandData<'ListEmployerForCredit'>, state: CaseState): Decision {
  const employer = listableEmployer(state, data.uscc, data.list);
  return [event('EmployerCreditListed', { employer: { name: employer.name, uscc: data.uscc }, list: data.list, reason: data.reason })];
}
