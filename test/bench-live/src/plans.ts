/**
 * Case histories for the load: the demo's scripts (test/scenarios/src/demo) made repeatable with
 * fresh ids, varied parties and deadlines relative to the moment each act happens. The live part
 * POSTs them to the services; the rebuild part feeds the same commands to the case domain's
 * `decide`. Every step is valid after the ones before it, so a refusal is a bug in a plan.
 */
import { randomUUID } from 'node:crypto';
import type { AgencyId, RegisteredEmployer as Employer, WorkerIdentityInput } from '@hub/contracts';
import { makeMobile, makeResidentId, makeUscc, type BodyFor, type CommandPathName } from '@hub/scenarios';

export interface Step<P extends CommandPathName = CommandPathName> {
  agency: AgencyId;
  path: P;
  /** The body, given the moment the act happens (deadlines are written from it). */
  body: (now: Date) => BodyFor<P>;
}

export type AnyStep = { [P in CommandPathName]: Step<P> }[CommandPathName];

export interface CasePlan {
  /** Which script, for reports. */
  kind: string;
  opener: AgencyId;
  open: (now: Date) => BodyFor<'open-case'>;
  steps: AnyStep[];
}

const DAY = 86_400_000;
/** `step(agency, path)(body)`: curried so that the path fixes the body's type before the body is read. */
const step =
  <P extends CommandPathName>(agency: AgencyId, path: P) =>
  (body: (now: Date) => BodyFor<P>): AnyStep =>
    ({ agency, path, body }) as AnyStep;
const id = (): string => randomUUID();
/** A deadline `days` after the act, as the demo writes them (any instant after now passes). */
const due = (now: Date, days: number): string => new Date(now.getTime() + days * DAY).toISOString();

/** Real district codes of Hangzhou (GB/T 2260), as the demo uses. */
const REGIONS = ['330102', '330105', '330106', '330108', '330109', '330110'] as const;
const HOMES = ['341222', '512021', '411681', '361128', '330127', '520502'] as const;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = ['建国', '春生', '志强', '晓雯', '海燕', '立平', '大勇', '德福', '小龙', '国平', '秀兰', '丽娟', '卫东', '小芳', '美玲', '国强', '静'];
const FIRMS = [
  '筑业装饰工程',
  '智造科技',
  '餐饮管理',
  '建设劳务',
  '同城配送',
  '纺织印染',
  '人力资源服务',
  '劳务派遣',
  '保安服务',
  '精工机械',
  '网络科技',
  '惠民超市',
  '包装印务',
  '危险品物流',
];
const DISTRICTS = ['上城', '拱墅', '西湖', '滨江', '萧山', '余杭'];

const pick = <T>(list: readonly T[], n: number): T => list[Math.abs(n) % list.length]!;

function employer(n: number): Employer {
  const region = pick(REGIONS, n);
  return { name: `杭州${pick(DISTRICTS, n)}${pick(FIRMS, Math.floor(n / 7))}有限公司${n % 1000}号`, uscc: makeUscc(region, 1000 + n) };
}

function workers(n: number, count: number): WorkerIdentityInput[] {
  return Array.from({ length: count }, (_, i) => {
    const k = n * 3 + i;
    const year = 1970 + (k % 35);
    const month = String(1 + (k % 12)).padStart(2, '0');
    const day = String(1 + (k % 28)).padStart(2, '0');
    return {
      name: `${pick([...SURNAMES], k)}${pick(GIVEN, k >> 2)}`,
      idNumber: makeResidentId(pick(HOMES, k), `${year}-${month}-${day}`, 100 + (k % 800)),
      phone: makeMobile(3000 + (k % 90_000)),
    };
  });
}

type Opening = BodyFor<'open-case'>;

function opening(
  n: number,
  fields: Pick<Opening, 'channel' | 'category' | 'summary'> & { workers?: number; employers?: number; amountFen?: number },
): (now: Date) => Opening {
  const employers = Array.from({ length: fields.employers ?? 1 }, (_, i) => employer(n * 5 + i));
  const listed = workers(n, fields.workers ?? 1);
  const amount = fields.amountFen ?? (1 + (n % 50)) * 480_000;
  return () => ({
    channel: fields.channel,
    category: fields.category,
    summary: fields.summary,
    region: pick(REGIONS, n),
    employers,
    workerCount: listed.length + (n % 5),
    workers: listed,
    amountClaimedFen: amount,
  });
}

const enterprise = (e: Employer) => ({ kind: 'enterprise' as const, name: e.name, uscc: e.uscc });

/** 协商: a hotline complaint settled by negotiation. 4 commands. */
function negotiated(n: number): CasePlan {
  const amount = (2 + (n % 40)) * 120_000;
  return {
    kind: 'negotiation',
    opener: 'union',
    open: opening(n, {
      channel: 'hotline_12351',
      category: 'wage_arrears',
      summary: `${2 + (n % 6)} 名工人反映工程完工后工资未结清`,
      workers: 2,
      amountFen: amount,
    }),
    steps: [
      step('union', 'give-worker-feedback')(() => ({ channel: 'phone', summary: '已受理，将约企业负责人协商' })),
      step(
        'union',
        'hold-negotiation',
      )(() => ({ negotiationId: id(), outcome: 'settled', amountAgreedFen: amount, summary: '企业同意于 10 日内一次性结清工资' })),
      step('union', 'close-case')(() => ({ resolution: 'settled_by_negotiation', amountRecoveredFen: amount, summary: '工资已全额支付，职工确认' })),
    ],
  };
}

/** 调解: the union's mediation room, agreement signed and fulfilled. 6 commands. */
function mediated(n: number): CasePlan {
  const mediationId = id();
  const amount = (10 + (n % 90)) * 100_000;
  return {
    kind: 'mediation',
    opener: 'union',
    open: opening(n, { channel: 'walk_in', category: 'unlawful_dismissal', summary: '职工在医疗期内被单方解除劳动合同，要求支付赔偿金' }),
    steps: [
      step('union', 'give-worker-feedback')(() => ({ channel: 'in_person', summary: '当面告知将由职工服务中心调解室组织调解' })),
      step('union', 'start-mediation')(() => ({ mediationId, mediationRoom: `${pick(DISTRICTS, n)}区总工会职工服务中心调解室` })),
      step(
        'union',
        'sign-mediation-agreement',
      )((now) => ({ mediationId, amountAgreedFen: amount, terms: '单位支付经济补偿，双方解除劳动关系', fulfilmentDueAt: due(now, 14) })),
      step('union', 'fulfil-mediation-agreement')(() => ({ mediationId, amountPaidFen: amount })),
      step('union', 'close-case')(() => ({ resolution: 'settled_by_mediation', amountRecoveredFen: amount, summary: '调解协议已履行完毕' })),
    ],
  };
}

/** 裁调对接: the commission delegates mediation to a union room, then issues a mediation document. 9 commands. */
function delegated(n: number): CasePlan {
  const arbitrationId = id();
  const mediationId = id();
  const amount = (20 + (n % 60)) * 100_000;
  return {
    kind: 'delegated-mediation',
    opener: 'hr_bureau',
    open: opening(n, { channel: 'online_platform', category: 'wage_arrears', summary: '门店停业前 3 个月工资未发，员工网上申请劳动仲裁', workers: 2 }),
    steps: [
      step('hr_bureau', 'give-worker-feedback')(() => ({ channel: 'sms', summary: '仲裁申请已收到，5 日内决定是否受理' })),
      step('hr_bureau', 'apply-for-arbitration')(() => ({ arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: amount })),
      step('hr_bureau', 'accept-arbitration')(() => ({ arbitrationId, caseNumber: `劳人仲案字〔2026〕${n}号` })),
      step(
        'hr_bureau',
        'delegate-mediation',
      )(() => ({ mediationId, arbitrationId, mediationRoom: '区总工会劳动争议调解室', workerConsent: true, employerConsent: true })),
      step('union', 'start-mediation')(() => ({ mediationId })),
      step('union', 'sign-mediation-agreement')(() => ({ mediationId, amountAgreedFen: amount, terms: '单位分两期支付工资' })),
      step(
        'hr_bureau',
        'issue-arbitration-mediation-document',
      )(() => ({ arbitrationId, mediationId, documentNo: `劳人仲调字〔2026〕${n}号`, amountFen: amount })),
      step('hr_bureau', 'close-case')(() => ({ resolution: 'settled_by_mediation', amountRecoveredFen: amount, summary: '仲裁调解书已送达，裁调对接结案' })),
    ],
  };
}

/** 商→裁→诉→执: negotiation fails, award, judgment, enforcement, credit listing. 12 commands. */
function enforced(n: number): CasePlan {
  const arbitrationId = id();
  const litigationId = id();
  const enforcementId = id();
  const amount = (30 + (n % 70)) * 100_000;
  const firm = employer(n * 5);
  return {
    kind: 'award-judgment-enforcement',
    opener: 'union',
    open: opening(n, { channel: 'hotline_12351', category: 'wage_arrears', summary: '钢筋工反映劳务分包单位拖欠工资', workers: 2, amountFen: amount }),
    steps: [
      step('union', 'give-worker-feedback')(() => ({ channel: 'phone', summary: '已受理，先行协商' })),
      step('union', 'hold-negotiation')(() => ({ negotiationId: id(), outcome: 'not_settled', amountAgreedFen: 0, summary: '分包单位称总包未拨款，拒绝支付' })),
      step('hr_bureau', 'apply-for-arbitration')(() => ({ arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: amount })),
      step('hr_bureau', 'accept-arbitration')(() => ({ arbitrationId, caseNumber: `劳人仲案字〔2026〕${n}号` })),
      step(
        'hr_bureau',
        'issue-arbitration-award',
      )(() => ({ arbitrationId, awardNo: `劳人仲裁字〔2026〕${n}号`, amountAwardedFen: amount, final: false, summary: '裁决支付工资' })),
      step(
        'court',
        'file-litigation',
      )(() => ({ litigationId, plaintiff: 'employer', caseNumber: `(2026)浙0110民初${n}号`, amountClaimedFen: amount, arbitrationId })),
      step(
        'court',
        'issue-judgment',
      )(() => ({ litigationId, judgmentNo: `(2026)浙0110民初${n}号`, amountAwardedFen: amount, summary: '驳回用人单位诉请，支付工资' })),
      step('court', 'apply-for-enforcement')(() => ({ enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: amount })),
      step('hr_bureau', 'list-employer-for-credit')(() => ({ uscc: firm.uscc, list: 'wage_arrears_blacklist', reason: '生效判决确定后仍拒不支付劳动报酬' })),
      step('court', 'complete-enforcement')(() => ({ enforcementId, outcome: 'full', amountRecoveredFen: amount })),
      step('union', 'close-case')(() => ({ resolution: 'enforced', amountRecoveredFen: amount, summary: '强制执行到位，工资已发放' })),
    ],
  };
}

/** 督: a lead to the procuratorate, 检察建议 to the HR bureau, a rectification list, follow-up. 14 commands. */
function procuratorial(n: number): CasePlan {
  const leadId = id();
  const letterId = id();
  const firms = [employer(n * 5), employer(n * 5 + 1), employer(n * 5 + 2)];
  const items = firms.map((f) => ({ itemId: id(), firm: f }));
  return {
    kind: 'procuratorial-rectification',
    opener: 'union',
    open: opening(n, { channel: 'monitoring_point', category: 'withheld_deposit', summary: '企业监测点反映入职时向职工收取押金', employers: 3 }),
    steps: [
      step('union', 'give-worker-feedback')(() => ({ channel: 'phone', summary: '已受理，线索将移送区检察院' })),
      step('union', 'transfer-lead')((now) => ({ leadId, to: 'procuratorate', summary: '违法收取入职押金问题线索', feedbackDueAt: due(now, 20) })),
      step('procuratorate', 'accept-lead')(() => ({ leadId, note: '行政检察监督立案审查' })),
      step(
        'procuratorate',
        'issue-supervision-letter',
      )(() => ({
        letterId,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '区人力资源和社会保障局', agencyId: 'hr_bureau' },
        documentNo: `检行建〔2026〕${n}号`,
        summary: '督促依法查处违法收取押金行为并责令退还',
      })),
      step(
        'procuratorate',
        'order-rectification',
      )((now) => ({
        rectificationId: id(),
        letterId,
        items: items.map((i) => ({ itemId: i.itemId, description: '退还已收取的入职押金', deadline: due(now, 30), responsibleParty: enterprise(i.firm) })),
      })),
      ...items.map((i) => step('procuratorate', 'report-rectification-item')(() => ({ itemId: i.itemId, summary: '企业报告已退还押金' }))),
      step('hr_bureau', 'reply-to-supervision-letter')(() => ({ letterId, summary: '已立案查处，企业已退还押金' })),
      step(
        'procuratorate',
        'do-follow-up',
      )(() => ({ followUpId: id(), results: items.map((i) => ({ itemId: i.itemId, verified: true, findings: '回访职工，押金已退还' })) })),
      step('procuratorate', 'give-lead-feedback')(() => ({ leadId, summary: '检察建议已获回复，整改经回头看全部核实' })),
      step('union', 'close-case')(() => ({ resolution: 'rectified', amountRecoveredFen: 0, summary: '整改全部完成，销号' })),
    ],
  };
}

/** The DOMAIN.md worked example: lead, joint review, 提示函 and 检察建议, a list of 7 items, follow-ups. ~22 commands. */
function workedExample(n: number): CasePlan {
  const leadId = id();
  const reminderId = id();
  const recommendationId = id();
  const firms = [0, 1, 2, 3].map((i) => employer(n * 5 + i));
  const checkUps = firms.map((f) => ({ itemId: id(), firm: f }));
  const clauses = firms.slice(0, 3).map((f) => ({ itemId: id(), firm: f }));
  return {
    kind: 'worked-example',
    opener: 'union',
    open: opening(n, {
      channel: 'inspection',
      category: 'female_worker_protection',
      summary: '危化品物流企业未组织女职工妇科检查',
      employers: 4,
      workers: 0,
      amountFen: 0,
    }),
    steps: [
      step('union', 'transfer-lead')((now) => ({ leadId, to: 'procuratorate', summary: '女职工特殊保护问题线索', feedbackDueAt: due(now, 60) })),
      step('union', 'give-worker-feedback')(() => ({ channel: 'in_person', summary: '已向企业工会及女职工代表告知线索已移送' })),
      step('procuratorate', 'accept-lead')(() => ({ leadId, note: '立案审查' })),
      step(
        'procuratorate',
        'hold-joint-review',
      )(() => ({
        reviewId: id(),
        agencies: ['procuratorate', 'union'],
        otherParticipants: ['区妇联'],
        conclusion: '工会发提示函，检察院制发检察建议',
        routeTo: 'supervision',
      })),
      step(
        'union',
        'issue-supervision-letter',
      )((now) => ({
        letterId: reminderId,
        kind: 'reminder_letter',
        addressee: enterprise(firms[0]!),
        summary: '提示依法组织女职工妇科检查',
        replyDueAt: due(now, 21),
      })),
      step(
        'procuratorate',
        'issue-supervision-letter',
      )(() => ({
        letterId: recommendationId,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '区交通运输局' },
        documentNo: `检行建〔2026〕${n}号`,
        summary: '督促对辖区危化品物流企业落实女职工劳动保护',
      })),
      step(
        'procuratorate',
        'order-rectification',
      )((now) => ({
        rectificationId: id(),
        letterId: recommendationId,
        items: [
          ...checkUps.map((i) => ({ itemId: i.itemId, description: '组织女职工妇科检查', deadline: due(now, 45), responsibleParty: enterprise(i.firm) })),
          ...clauses.map((i) => ({
            itemId: i.itemId,
            description: '在劳动合同中订立女职工特殊保护条款',
            deadline: due(now, 30),
            responsibleParty: enterprise(i.firm),
          })),
        ],
      })),
      step('union', 'reply-to-supervision-letter')(() => ({ letterId: reminderId, summary: '企业书面回复：已安排体检' })),
      ...clauses.map((i) => step('procuratorate', 'report-rectification-item')(() => ({ itemId: i.itemId, summary: '企业报告已修订劳动合同' }))),
      step('procuratorate', 'reply-to-supervision-letter')(() => ({ letterId: recommendationId, summary: '交通运输局书面回复：已开展专项检查' })),
      ...checkUps.map((i) => step('procuratorate', 'report-rectification-item')(() => ({ itemId: i.itemId, summary: '企业报告已组织体检' }))),
      step(
        'procuratorate',
        'do-follow-up',
      )(() => ({
        followUpId: id(),
        results: [...checkUps, ...clauses].map((i) => ({ itemId: i.itemId, verified: true, findings: '现场核查属实' })),
      })),
      step('procuratorate', 'give-lead-feedback')(() => ({ leadId, summary: '检察建议已获回复，整改经回头看全部核实' })),
      step('union', 'close-case')(() => ({ resolution: 'rectified', amountRecoveredFen: 0, summary: '整改全部完成，销号' })),
    ],
  };
}

/** 责令改正决定书: the HR bureau's own inspection, a rectification order and list. 9 commands. */
function inspection(n: number): CasePlan {
  const letterId = id();
  const firm = employer(n * 5);
  const items = [id(), id()];
  return {
    kind: 'rectification-order',
    opener: 'hr_bureau',
    open: opening(n, {
      channel: 'inspection',
      category: 'social_insurance',
      summary: '劳动保障监察发现企业未为职工足额缴纳社会保险费',
      workers: 2,
      amountFen: (5 + (n % 30)) * 1_000_000,
    }),
    steps: [
      step('hr_bureau', 'give-worker-feedback')(() => ({ channel: 'sms', summary: '已立案调查，将责令企业限期补缴' })),
      step(
        'hr_bureau',
        'issue-supervision-letter',
      )((now) => ({
        letterId,
        kind: 'rectification_order',
        addressee: enterprise(firm),
        documentNo: `人社监令〔2026〕${n}号`,
        summary: '责令限期为职工补缴社会保险费、补签劳动合同',
        replyDueAt: due(now, 15),
      })),
      step(
        'hr_bureau',
        'order-rectification',
      )((now) => ({
        rectificationId: id(),
        letterId,
        items: [
          { itemId: items[0]!, description: '为职工补缴社会保险费', deadline: due(now, 30), responsibleParty: enterprise(firm) },
          { itemId: items[1]!, description: '与职工补签书面劳动合同', deadline: due(now, 15), responsibleParty: enterprise(firm) },
        ],
      })),
      step('hr_bureau', 'reply-to-supervision-letter')(() => ({ letterId, summary: '企业书面回复：已补签合同，社保分期补缴中' })),
      ...items.map((itemId) => step('hr_bureau', 'report-rectification-item')(() => ({ itemId, summary: '企业提交整改材料' }))),
      step('hr_bureau', 'do-follow-up')(() => ({ followUpId: id(), results: items.map((itemId) => ({ itemId, verified: true, findings: '抽查属实' })) })),
      step('hr_bureau', 'close-case')(() => ({ resolution: 'rectified', amountRecoveredFen: 0, summary: '整改完成，销号' })),
    ],
  };
}

/** A public-opinion lead to the HR bureau, a 建议书, a joint review, feedback. 9 commands. */
function injuryLead(n: number): CasePlan {
  const leadId = id();
  const letterId = id();
  const firm = employer(n * 5);
  return {
    kind: 'lead-to-hr',
    opener: 'union',
    open: opening(n, { channel: 'public_opinion', category: 'work_injury', summary: '网络反映工人受伤后企业未申报工伤' }),
    steps: [
      step('union', 'give-worker-feedback')(() => ({ channel: 'phone', summary: '已联系本人，线索将移送人社局' })),
      step('union', 'transfer-lead')((now) => ({ leadId, to: 'hr_bureau', summary: '企业未依法申报工伤线索', feedbackDueAt: due(now, 15) })),
      step('hr_bureau', 'accept-lead')(() => ({ leadId, note: '列入劳动保障监察' })),
      step(
        'union',
        'issue-supervision-letter',
      )((now) => ({
        letterId,
        kind: 'recommendation_letter',
        addressee: enterprise(firm),
        summary: '建议企业依法申报工伤并开展安全培训',
        replyDueAt: due(now, 30),
      })),
      step(
        'hr_bureau',
        'hold-joint-review',
      )(() => ({ reviewId: id(), agencies: ['hr_bureau', 'union'], otherParticipants: [], conclusion: '由人社局督促申报工伤', routeTo: 'inspection' })),
      step('union', 'reply-to-supervision-letter')(() => ({ letterId, summary: '企业书面回复：已申报工伤' })),
      step('hr_bureau', 'give-lead-feedback')(() => ({ leadId, summary: '企业已申报工伤，监察结案' })),
      step('union', 'close-case')(() => ({ resolution: 'withdrawn', amountRecoveredFen: 0, summary: '工伤已申报，职工撤回投诉' })),
    ],
  };
}

/** The scripts in the proportions they are drawn: everyday complaints most, supervision cases fewer. */
const MIX: ReadonlyArray<readonly [(n: number) => CasePlan, number]> = [
  [negotiated, 25],
  [mediated, 20],
  [delegated, 10],
  [enforced, 10],
  [procuratorial, 10],
  [workedExample, 5],
  [inspection, 10],
  [injuryLead, 10],
];
const WEIGHT = MIX.reduce((s, [, w]) => s + w, 0);

/** The n-th case of a run: its script drawn by `roll` (0 ≤ roll < 1). */
export function planFor(n: number, roll: number = Math.random()): CasePlan {
  let r = roll * WEIGHT;
  for (const [make, weight] of MIX) {
    if (r < weight) return make(n);
    r -= weight;
  }
  return MIX[0]![0](n);
}

/** Every script once (the smoke test runs each end to end). */
export const allPlanKinds = (n: number): CasePlan[] => MIX.map(([make], i) => make(n + i));
