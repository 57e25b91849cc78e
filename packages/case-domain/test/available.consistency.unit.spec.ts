import { randomUUID } from 'node:crypto';
import { agencyIds, commandNames, parseEventData, roles, type AgencyId, type CaseEvent, type CommandName } from '@hub/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  availableCommands,
  decide,
  defaultPolicy,
  endOfShanghaiDay,
  prcHolidays2026,
  RuleViolation,
  type CaseCommand,
  type CaseState,
  type DecisionContext,
  type HandlerFacts,
  type MeetingRecord,
} from '../src/index.js';
import { cmd, ctx, days, EMPLOYERS, hours, workerRef } from './support/fixtures.js';
import { stateOf } from './support/given.js';
import { plainWordsProblems } from './support/plainWords.js';
import { probes, valuesAt } from './support/probes.js';

/**
 * availableCommands against the decider, on real histories. At every step, for every agency: if the
 * decider accepts the act given next from that agency, it was offered beforehand, with the values
 * the act used among its choices (the console never hides an act the history performed). At every
 * state, for every agency and every command, against plausible inputs built from the state
 * (support/probes.ts, which knows nothing of availableCommands): offered exactly when some input is
 * accepted, every accepted input's reference values among the choices, and no choice that no input
 * can use. Roles are the service's to check, not the decider's: the actor here holds them all.
 */

interface Step {
  readonly command: CaseCommand;
  readonly context: DecisionContext;
}

const everyRole = [...roles];

/** Every refusal the walks meet, by message: issue 14.2 wants each in plain words (checked at the end). */
const refusals = new Map<string, string>();

function accepts(command: CaseCommand, state: CaseState, context: DecisionContext): boolean {
  try {
    decide(command, state, context);
    return true;
  } catch (error) {
    if (error instanceof RuleViolation) {
      refusals.set(error.message, error.ruleId);
      return false;
    }
    throw error;
  }
}

const as = (context: DecisionContext, agency: AgencyId, meeting?: MeetingRecord, handler?: HandlerFacts): DecisionContext => {
  const { meeting: _given, handler: _facts, ...rest } = context;
  return { ...rest, actor: { ...context.actor, agency }, ...(meeting ? { meeting } : {}), ...(handler ? { handler } : {}) };
};

/** What the walks saw: proof that the checks ran on something, not on nothing. */
interface Tally {
  steps: number;
  /** Steps where another agency than the one that acted could have done it too (and so was checked). */
  othersAccepted: number;
  given: Set<CommandName>;
  offeredAndAccepted: Set<CommandName>;
  refusedAndNotOffered: Set<CommandName>;
  problems: string[];
}

const newTally = (): Tally => ({ steps: 0, othersAccepted: 0, given: new Set(), offeredAndAccepted: new Set(), refusedAndNotOffered: new Set(), problems: [] });

/** The acts the decider takes from `agency` that were not offered to it (or not with those values). */
function hiddenActs(state: CaseState, command: CaseCommand, agency: AgencyId, now: Date): string[] {
  const offer = availableCommands(state, { agency, roles: everyRole }, { now }).find((c) => c.name === command.type);
  if (offer === undefined) return [`${agency} ${command.type}: accepted but not offered`];
  return Object.entries(offer.choices).flatMap(([field, list]) =>
    valuesAt(command.data, field)
      .filter((v) => !list.some((c) => c.value === v))
      .map((v) => `${agency} ${command.type}: ${field} = ${v} accepted but not a choice`),
  );
}

/** Exactness at one state, for every agency and every command, against the probes. */
function checkExact(state: CaseState, context: DecisionContext, tally: Tally, where: string): void {
  for (const agency of agencyIds) {
    const offered = availableCommands(state, { agency, roles: everyRole }, { now: context.now });
    for (const name of commandNames) {
      const offer = offered.find((c) => c.name === name);
      const accepted = probes(name, state, agency, context.now).filter((p) => accepts(p.command, state, as(context, agency, p.meeting, p.handler)));
      const at = `${where}: ${agency} ${name}`;
      if (offer === undefined) {
        if (accepted.length > 0) tally.problems.push(`${at}: not offered, yet the decider accepts ${JSON.stringify(accepted[0]!.command.data)}`);
        else tally.refusedAndNotOffered.add(name);
        continue;
      }
      if (accepted.length === 0) {
        tally.problems.push(`${at}: offered, yet the decider refuses every plausible input`);
        continue;
      }
      tally.offeredAndAccepted.add(name);
      for (const [field, list] of Object.entries(offer.choices)) {
        const used = new Set(accepted.flatMap((p) => valuesAt(p.command.data, field)));
        for (const value of used) if (!list.some((c) => c.value === value)) tally.problems.push(`${at}: ${field} = ${value} is accepted but not a choice`);
        for (const c of list) if (!used.has(c.value)) tally.problems.push(`${at}: ${field} = ${c.value} is a choice no input can use`);
      }
    }
  }
}

function walk(steps: readonly Step[], tally: Tally, story: string): CaseState {
  const history: CaseEvent[] = [];
  steps.forEach((step, i) => {
    const state = stateOf(history);
    const where = `${story} step ${i + 1} (${step.command.type})`;
    // The history itself: the act was accepted from the agency that gave it.
    const events = decide(step.command, state, step.context);
    for (const e of events) parseEventData(e.type, e.data);
    for (const agency of agencyIds) {
      if (!accepts(step.command, state, as(step.context, agency, step.context.meeting, step.context.handler))) continue;
      if (agency !== step.context.actor.agency) tally.othersAccepted++;
      tally.problems.push(...hiddenActs(state, step.command, agency, step.context.now).map((p) => `${where}: ${p}`));
    }
    checkExact(state, step.context, tally, where);
    tally.steps++;
    tally.given.add(step.command.type);
    history.push(...events);
  });
  const final = stateOf(history);
  const last = steps.at(-1)!.context;
  checkExact(final, { ...last, now: days(1, last.now) }, tally, `${story} end`);
  return final;
}

/** DOMAIN.md's worked example, as story.worked-example.unit.spec.ts gives it. */
function workedExample(): Step[] {
  const policy = { ...defaultPolicy, calendar: prcHolidays2026 };
  const at = (agency: AgencyId, when: string) => ctx(agency, new Date(when), policy);
  const [caseId, leadId, reminderId, recommendationId, rectificationId, meetingId] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  const checkUps = EMPLOYERS.map(() => randomUUID());
  const prosecutor = randomUUID();
  const clauses = EMPLOYERS.slice(0, 3).map(() => randomUUID());
  const enterprise = (i: number) => ({ kind: 'enterprise' as const, name: EMPLOYERS[i]!.name, uscc: EMPLOYERS[i]!.uscc });
  const items = [
    ...checkUps.map((itemId, i) => ({ itemId, description: '组织女职工妇科检查', deadline: '2026-04-30T15:59:59.999Z', responsibleParty: enterprise(i) })),
    ...clauses.map((itemId, i) => ({
      itemId,
      description: '在劳动合同中订立女职工特殊保护条款',
      deadline: '2026-04-15T15:59:59.999Z',
      responsibleParty: enterprise(i),
    })),
  ];
  const decision = { caseId, itemId: checkUps[3]!, decision: 'close' as const, note: '纳入 34 家企业优惠体检安排' };
  return [
    {
      command: cmd('OpenCase', {
        caseId,
        channel: 'inspection',
        category: 'female_worker_protection',
        summary: '4 家危化品物流企业未组织女职工妇科检查',
        employers: EMPLOYERS,
        workerCount: 126,
        workers: [],
        amountClaimedFen: 0,
        region: '330106',
      }),
      context: at('union', '2026-03-02T02:00:00Z'),
    },
    {
      command: cmd('TransferLead', {
        leadId,
        to: 'procuratorate',
        summary: '女职工特殊保护问题线索',
        feedbackDueAt: endOfShanghaiDay(addWorkingDays('2026-03-02', 10, prcHolidays2026)).toISOString(),
      }),
      context: at('union', '2026-03-02T03:00:00Z'),
    },
    { command: cmd('GiveWorkerFeedback', { channel: 'in_person', summary: '已告知线索已移送' }), context: at('union', '2026-03-02T09:00:00Z') },
    { command: cmd('AcceptLead', { leadId, note: '立案审查' }), context: at('procuratorate', '2026-03-03T02:00:00Z') },
    {
      // 承办人: the procuratorate names the prosecutor who handles the case there.
      command: cmd('AssignHandler', { userId: prosecutor, note: '负责民事检察' }),
      context: {
        ...at('procuratorate', '2026-03-03T03:00:00Z'),
        handler: {
          participants: new Set(['union', 'procuratorate'] as const),
          assignee: { userId: prosecutor, displayName: '李检察官', agency: 'procuratorate', roles: ['liaison'], disabled: false },
          assignedByName: '王科长',
        },
      },
    },
    {
      command: cmd('HoldJointReview', {
        reviewId: randomUUID(),
        agencies: ['procuratorate', 'union'],
        otherParticipants: [],
        conclusion: '工会发提示函，检察院制发检察建议',
        routeTo: 'supervision',
      }),
      context: at('procuratorate', '2026-03-05T06:00:00Z'),
    },
    {
      command: cmd('IssueSupervisionLetter', {
        letterId: reminderId,
        kind: 'reminder_letter',
        addressee: enterprise(0),
        summary: '提示依法组织女职工妇科检查',
        replyDueAt: '2026-03-27T15:59:59.999Z',
        urgent: false,
      }),
      context: at('union', '2026-03-06T02:00:00Z'),
    },
    {
      command: cmd('IssueSupervisionLetter', {
        letterId: recommendationId,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '某区交通运输局' },
        documentNo: '某检行建〔2026〕3号',
        summary: '督促落实女职工劳动保护',
        urgent: false,
      }),
      context: at('procuratorate', '2026-03-09T02:00:00Z'),
    },
    { command: cmd('OrderRectification', { rectificationId, letterId: recommendationId, items }), context: at('procuratorate', '2026-03-10T02:00:00Z') },
    { command: cmd('ReplyToSupervisionLetter', { letterId: reminderId, summary: '企业书面回复：已安排体检' }), context: at('union', '2026-03-20T02:00:00Z') },
    {
      command: cmd('ReplyToSupervisionLetter', { letterId: recommendationId, summary: '交通运输局书面回复' }),
      context: at('procuratorate', '2026-04-20T02:00:00Z'),
    },
    ...[...checkUps.slice(0, 3), ...clauses].map((itemId) => ({
      command: cmd('ReportRectificationItem', { itemId, summary: '企业报告已整改' }),
      context: at('procuratorate', '2026-04-10T02:00:00Z'),
    })),
    {
      command: cmd('DoFollowUp', {
        followUpId: randomUUID(),
        results: [...checkUps.slice(0, 3), ...clauses]
          .map((itemId) => ({ itemId, verified: true, findings: '现场核查属实' }))
          .concat([{ itemId: checkUps[3]!, verified: false, findings: '尚未组织体检' }]),
      }),
      context: at('procuratorate', '2026-05-06T02:00:00Z'),
    },
    {
      command: cmd('RecordMeetingDecision', { itemId: checkUps[3]!, meetingId, decision: 'close', note: decision.note }),
      context: { ...ctx('union', new Date('2026-05-08T02:00:00Z'), policy, ['secretary']), meeting: { meetingId, decisions: [decision] } },
    },
    { command: cmd('GiveLeadFeedback', { leadId, summary: '检察建议已获回复，整改经回头看核实' }), context: at('procuratorate', '2026-05-08T06:00:00Z') },
    {
      command: cmd('CloseCase', { resolution: 'rectified', amountRecoveredFen: 0, summary: '7 项整改全部完成或经联席会议销项' }),
      context: at('union', '2026-05-11T02:00:00Z'),
    },
  ];
}

/** The wage-arrears case along the whole chain, as story.wage-arrears.unit.spec.ts gives it. */
function wageArrears(): Step[] {
  const [w1, w2, mediation1, mediation2, declinedArb, arbitrationId, litigationId, enforcementId] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  return [
    {
      command: cmd('OpenCase', {
        caseId: randomUUID(),
        channel: 'hotline_12351',
        category: 'wage_arrears',
        summary: '装修项目拖欠两名工人工资',
        employers: [EMPLOYERS[0]!],
        workerCount: 2,
        workers: [workerRef(w1), workerRef(w2)],
        amountClaimedFen: 3_600_000,
        region: '330106',
      }),
      context: ctx('union'),
    },
    { command: cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已受理，将组织协商' }), context: ctx('union', hours(3)) },
    {
      command: cmd('HoldNegotiation', { negotiationId: randomUUID(), outcome: 'not_settled', amountAgreedFen: 0, summary: '单位不认可欠薪数额' }),
      context: ctx('union', days(2)),
    },
    { command: cmd('StartMediation', { mediationId: mediation1, mediationRoom: '街道工会调解室' }), context: ctx('union', days(3)) },
    { command: cmd('FailMediation', { mediationId: mediation1, reason: '单位拒不到场' }), context: ctx('union', days(4)) },
    { command: cmd('AssignLegalAid', { legalAidId: randomUUID(), provider: '区法律援助中心', workerIds: [w1, w2] }), context: ctx('union', days(4)) },
    {
      command: cmd('ApplyForArbitration', { arbitrationId: declinedArb, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }),
      context: ctx('hr_bureau', days(5)),
    },
    { command: cmd('DeclineArbitration', { arbitrationId: declinedArb, reason: '不属本委管辖' }), context: ctx('hr_bureau', days(6)) },
    {
      command: cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }),
      context: ctx('hr_bureau', days(8)),
    },
    { command: cmd('AcceptArbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕21号' }), context: ctx('hr_bureau', days(10)) },
    {
      command: cmd('DelegateMediation', {
        mediationId: mediation2,
        arbitrationId,
        mediationRoom: '区总工会劳动争议调解室',
        workerConsent: true,
        employerConsent: true,
      }),
      context: ctx('hr_bureau', days(11)),
    },
    { command: cmd('StartMediation', { mediationId: mediation2 }), context: ctx('union', days(12)) },
    { command: cmd('FailMediation', { mediationId: mediation2, reason: '调解不成' }), context: ctx('union', days(20)) },
    {
      command: cmd('IssueArbitrationAward', {
        arbitrationId,
        awardNo: '西劳人仲裁字〔2026〕21号',
        amountAwardedFen: 3_200_000,
        final: false,
        summary: '裁决支付工资',
      }),
      context: ctx('hr_bureau', days(40)),
    },
    {
      command: cmd('SupportProsecution', { supportId: randomUUID(), documentNo: '某检民支〔2026〕5号', summary: '支持两名工人起诉', workerIds: [w1, w2] }),
      context: ctx('procuratorate', days(45)),
    },
    {
      command: cmd('FileLitigation', { litigationId, plaintiff: 'worker', caseNumber: '(2026)浙0106民初321号', amountClaimedFen: 3_600_000, arbitrationId }),
      context: ctx('court', days(46)),
    },
    {
      command: cmd('IssueJudgment', { litigationId, judgmentNo: '(2026)浙0106民初321号', amountAwardedFen: 3_600_000, summary: '判决支付全部欠薪' }),
      context: ctx('court', days(90)),
    },
    {
      command: cmd('ApplyForEnforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 3_600_000 }),
      context: ctx('court', days(110)),
    },
    {
      command: cmd('ListEmployerForCredit', { uscc: EMPLOYERS[0]!.uscc, list: 'wage_arrears_blacklist', reason: '拒不支付劳动报酬' }),
      context: ctx('hr_bureau', days(115)),
    },
    { command: cmd('CompleteEnforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 3_600_000 }), context: ctx('court', days(130)) },
    { command: cmd('CloseCase', { resolution: 'enforced', amountRecoveredFen: 3_600_000, summary: '执行到位，销号' }), context: ctx('union', days(131)) },
    { command: cmd('EraseWorkerData', { workerId: w2, reason: 'worker_request' }), context: ctx('union', days(200)) },
  ];
}

/**
 * The acts the two stories leave out, on a case the procuratorate opens: a lead declined and one
 * answered twice, a letter to an agency answered by it, items reported by an agency and by the
 * orderer for an enterprise (one sent back by a follow-up), an extension, a delegated mediation
 * confirmed by a document, an award and a document enforced, a reopening, an erasure on an open case.
 */
function theRest(): Step[] {
  const [w1, w2, lead1, lead2, letterA, letterB, item1, item2] = [
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
    randomUUID(),
  ];
  const [arb1, arb2, med1, med2, enf1, enf2, lit1] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const employer = { kind: 'enterprise' as const, name: EMPLOYERS[1]!.name, uscc: EMPLOYERS[1]!.uscc };
  return [
    {
      command: cmd('OpenCase', {
        caseId: randomUUID(),
        channel: 'inspection',
        category: 'wage_arrears',
        summary: '两家企业拖欠工资',
        employers: [EMPLOYERS[0]!, EMPLOYERS[1]!],
        workerCount: 2,
        workers: [workerRef(w1), workerRef(w2)],
        amountClaimedFen: 5_000_000,
        region: '330106',
      }),
      context: ctx('procuratorate'),
    },
    {
      command: cmd('TransferLead', { leadId: lead1, to: 'court', summary: '移送法院', feedbackDueAt: days(14).toISOString() }),
      context: ctx('procuratorate', hours(1)),
    },
    {
      command: cmd('TransferLead', { leadId: lead2, to: 'hr_bureau', summary: '移送劳动保障监察', feedbackDueAt: days(14).toISOString() }),
      context: ctx('procuratorate', hours(2)),
    },
    { command: cmd('DeclineLead', { leadId: lead1, reason: '尚未起诉' }), context: ctx('court', days(1)) },
    { command: cmd('AcceptLead', { leadId: lead2 }), context: ctx('hr_bureau', days(1)) },
    { command: cmd('GiveLeadFeedback', { leadId: lead2, summary: '已立案调查' }), context: ctx('hr_bureau', days(2)) },
    { command: cmd('GiveLeadFeedback', { leadId: lead2, summary: '调查终结' }), context: ctx('hr_bureau', days(3)) },
    {
      command: cmd('IssueSupervisionLetter', {
        letterId: letterA,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '某区人社局', agencyId: 'hr_bureau' },
        summary: '督促依法查处',
        urgent: true,
      }),
      context: ctx('procuratorate', days(3)),
    },
    { command: cmd('ReplyToSupervisionLetter', { letterId: letterA, summary: '已依法查处' }), context: ctx('hr_bureau', days(5)) },
    {
      command: cmd('IssueSupervisionLetter', {
        letterId: letterB,
        kind: 'rectification_order',
        addressee: employer,
        summary: '责令改正',
        replyDueAt: days(20).toISOString(),
        urgent: false,
      }),
      context: ctx('hr_bureau', days(5)),
    },
    {
      command: cmd('OrderRectification', {
        rectificationId: randomUUID(),
        letterId: letterB,
        items: [
          {
            itemId: item1,
            description: '督促企业建立工资支付台账',
            deadline: days(30).toISOString(),
            responsibleParty: { kind: 'agency', name: '区总工会', agencyId: 'union' },
          },
          { itemId: item2, description: '足额支付拖欠工资', deadline: days(30).toISOString(), responsibleParty: employer },
        ],
      }),
      context: ctx('hr_bureau', days(5)),
    },
    { command: cmd('ReportRectificationItem', { itemId: item1, summary: '已督促建立台账' }), context: ctx('union', days(6)) },
    { command: cmd('ReportRectificationItem', { itemId: item2, summary: '企业称已支付' }), context: ctx('hr_bureau', days(6)) },
    {
      command: cmd('DoFollowUp', {
        followUpId: randomUUID(),
        results: [
          { itemId: item1, verified: true, findings: '属实' },
          { itemId: item2, verified: false, findings: '仅支付一半' },
        ],
      }),
      context: ctx('union', days(7)),
    },
    { command: cmd('ReportRectificationItem', { itemId: item2, summary: '已补足' }), context: ctx('hr_bureau', days(8)) },
    {
      command: cmd('DoFollowUp', { followUpId: randomUUID(), results: [{ itemId: item2, verified: true, findings: '属实' }] }),
      context: ctx('procuratorate', days(9)),
    },
    {
      command: cmd('ApplyForArbitration', { arbitrationId: arb1, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 5_000_000 }),
      context: ctx('hr_bureau', days(9)),
    },
    { command: cmd('AcceptArbitration', { arbitrationId: arb1, caseNumber: '仲案字〔2026〕31号' }), context: ctx('hr_bureau', days(10)) },
    { command: cmd('ExtendArbitration', { arbitrationId: arb1, reason: '案情复杂' }), context: ctx('hr_bureau', days(11)) },
    {
      command: cmd('DelegateMediation', {
        mediationId: med1,
        arbitrationId: arb1,
        mediationRoom: '区总工会调解室',
        workerConsent: true,
        employerConsent: true,
      }),
      context: ctx('hr_bureau', days(11)),
    },
    { command: cmd('StartMediation', { mediationId: med1 }), context: ctx('union', days(12)) },
    {
      command: cmd('SignMediationAgreement', { mediationId: med1, amountAgreedFen: 4_000_000, terms: '分两期支付', fulfilmentDueAt: days(40).toISOString() }),
      context: ctx('union', days(13)),
    },
    {
      command: cmd('IssueArbitrationMediationDocument', { arbitrationId: arb1, mediationId: med1, documentNo: '仲调字〔2026〕31号', amountFen: 4_000_000 }),
      context: ctx('hr_bureau', days(14)),
    },
    {
      command: cmd('ApplyForArbitration', { arbitrationId: arb2, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 1_000_000 }),
      context: ctx('hr_bureau', days(15)),
    },
    { command: cmd('AcceptArbitration', { arbitrationId: arb2, caseNumber: '仲案字〔2026〕32号' }), context: ctx('hr_bureau', days(15)) },
    {
      command: cmd('IssueArbitrationAward', {
        arbitrationId: arb2,
        awardNo: '仲裁字〔2026〕32号',
        amountAwardedFen: 1_000_000,
        final: true,
        summary: '终局裁决',
      }),
      context: ctx('hr_bureau', days(20)),
    },
    { command: cmd('StartMediation', { mediationId: med2, mediationRoom: '法院诉前调解室' }), context: ctx('court', days(21)) },
    { command: cmd('SignMediationAgreement', { mediationId: med2, amountAgreedFen: 500_000, terms: '一次性支付' }), context: ctx('court', days(22)) },
    { command: cmd('FulfilMediationAgreement', { mediationId: med2, amountPaidFen: 500_000 }), context: ctx('court', days(23)) },
    {
      command: cmd('ApplyForEnforcement', { enforcementId: enf1, basis: { kind: 'arbitration_award', ref: arb2 }, amountFen: 1_000_000 }),
      context: ctx('court', days(24)),
    },
    { command: cmd('CompleteEnforcement', { enforcementId: enf1, outcome: 'partial', amountRecoveredFen: 600_000 }), context: ctx('court', days(30)) },
    {
      command: cmd('ApplyForEnforcement', { enforcementId: enf2, basis: { kind: 'arbitration_mediation_document', ref: arb1 }, amountFen: 4_000_000 }),
      context: ctx('court', days(31)),
    },
    {
      command: cmd('HoldJointReview', {
        reviewId: randomUUID(),
        agencies: ['hr_bureau', 'court'],
        otherParticipants: ['区司法局'],
        conclusion: '执行与监察联动',
        routeTo: 'enforcement',
      }),
      context: ctx('hr_bureau', days(31)),
    },
    {
      command: cmd('HoldNegotiation', { negotiationId: randomUUID(), outcome: 'partially_settled', amountAgreedFen: 200_000, summary: '就剩余部分达成协议' }),
      context: ctx('union', days(32)),
    },
    { command: cmd('AssignLegalAid', { legalAidId: randomUUID(), provider: '区法律援助中心', workerIds: [w1] }), context: ctx('union', days(32)) },
    { command: cmd('SupportProsecution', { supportId: randomUUID(), summary: '支持起诉', workerIds: [w2] }), context: ctx('procuratorate', days(33)) },
    {
      command: cmd('FileLitigation', { litigationId: lit1, plaintiff: 'worker', caseNumber: '(2026)浙0106民初400号', amountClaimedFen: 400_000 }),
      context: ctx('court', days(34)),
    },
    {
      command: cmd('IssueJudgment', { litigationId: lit1, judgmentNo: '(2026)浙0106民初400号', amountAwardedFen: 400_000, summary: '判决支付' }),
      context: ctx('court', days(60)),
    },
    { command: cmd('ListEmployerForCredit', { uscc: EMPLOYERS[1]!.uscc, list: 'key_monitoring', reason: '拒不整改' }), context: ctx('hr_bureau', days(60)) },
    { command: cmd('GiveWorkerFeedback', { channel: 'sms', summary: '已告知办理结果' }), context: ctx('procuratorate', days(61)) },
    { command: cmd('CompleteEnforcement', { enforcementId: enf2, outcome: 'full', amountRecoveredFen: 4_000_000 }), context: ctx('court', days(62)) },
    {
      command: cmd('CloseCase', { resolution: 'settled_by_mediation', amountRecoveredFen: 5_100_000, summary: '调解协议经仲裁调解书确认并执行' }),
      context: ctx('procuratorate', days(63)),
    },
    { command: cmd('ReopenCase', { reason: '职工反映尚有欠款' }), context: ctx('court', days(70)) },
    { command: cmd('EraseWorkerData', { workerId: w1, reason: 'worker_request' }), context: ctx('procuratorate', days(71)) },
    { command: cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已告知重新办理' }), context: ctx('union', days(71)) },
    { command: cmd('CloseCase', { resolution: 'judgment', amountRecoveredFen: 5_500_000, summary: '判决履行完毕' }), context: ctx('procuratorate', days(72)) },
  ];
}

describe('availableCommands agrees with the decider on real histories', () => {
  const tally = newTally();
  const finals: Record<'worked' | 'wage' | 'rest', CaseState> = { worked: { status: 'none' }, wage: { status: 'none' }, rest: { status: 'none' } };
  beforeAll(() => {
    finals.worked = walk(workedExample(), tally, 'worked example');
    finals.wage = walk(wageArrears(), tally, 'wage arrears');
    finals.rest = walk(theRest(), tally, 'the rest');
  });

  it('never hides an act the history performed, from the agency that did it or any other the decider would take it from', () => {
    expect(tally.problems.filter((p) => p.includes('accepted but not'))).toEqual([]);
  });

  it('offers a command exactly when some plausible input is accepted, with no choice that no input can use', () => {
    expect(tally.problems).toEqual([]);
  });

  it('walked real histories through every command (so the checks above ran on something)', () => {
    expect(finals.worked.status).toBe('closed');
    expect(finals.wage.status).toBe('closed');
    expect(finals.rest.status).toBe('closed');
    expect(tally.steps).toBe(workedExample().length + wageArrears().length + theRest().length);
    expect(commandNames.filter((name) => !tally.given.has(name))).toEqual([]);
    expect(commandNames.filter((name) => !tally.offeredAndAccepted.has(name))).toEqual([]);
    expect(commandNames.filter((name) => !tally.refusedAndNotOffered.has(name))).toEqual([]);
    expect(tally.othersAccepted).toBeGreaterThan(10);
  });

  it('met every refusal in plain words: no ISO date, rule id or field key in a zh message, and what to do (issue 14.2)', () => {
    expect(new Set(refusals.values()).size).toBeGreaterThan(20);
    expect([...refusals].flatMap(([message, ruleId]) => plainWordsProblems(message).map((p) => `${ruleId}: ${p}`))).toEqual([]);
  });
});
