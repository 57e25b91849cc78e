/**
 * Demo cases along 商调裁执: negotiation, mediation, delegated mediation, arbitration → litigation →
 * enforcement, with 督 where it joins them. Days count from the anchor (09:00 today, see script.ts),
 * over the last four months; deadlines are written in days from today, so the ones still open
 * stand overdue, due today or due soon on whatever day the demo is loaded.
 */
import { demoPdf, demoPng } from './documents.js';
import { EMPLOYERS, REGIONS, enterprise, worker } from './parties.js';
import { h, id, type Scene } from './script.js';

export interface DemoCase {
  /** Stable key: names the case in the marker and in progress lines. */
  key: string;
  title: string;
  run(s: Scene): Promise<void>;
}

export const chainCases: DemoCase[] = [
  {
    key: 'hotline-negotiated',
    title: '12351 热线欠薪并扣押工具押金投诉，涉及装饰公司和个人包工头，协商解决（已销号）',
    async run(s) {
      // Issue 13.6: two employers (the foreman is a person, with no USCC), two categories, money itemized by kind.
      await s.open(-96, 'union', {
        channel: 'hotline_12351',
        categories: ['wage_arrears', 'withheld_deposit'],
        region: REGIONS.xihu,
        summary: '3 名装修工人反映西溪某小区精装修项目完工后 2 个月工资未结清，合计 48,600 元；包工头另扣押每人 1,000 元工具押金未退',
        employers: [EMPLOYERS.xixiDecor, { name: '西溪某小区精装修项目包工头陈某（个人承包）' }],
        workerCount: 3,
        claimedItems: [
          { kind: 'wages', amountFen: 4_860_000 },
          { kind: 'deposits', amountFen: 300_000 },
        ],
        workers: [worker('王建国', '1978-04-12'), worker('李春生', '1983-09-03'), worker('陈志强', '1990-01-27')],
      });
      // The call back to the worker took place an hour in; the liaison typed it in 90 minutes later (补录).
      await s.actLate(-96 + h(1), -96 + h(2.5), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已受理，区总工会将约企业负责人协商' });
      const warningId = await s.raiseWarning(-96 + h(3), 'union', {
        employer: EMPLOYERS.xixiDecor,
        level: 'yellow',
        region: REGIONS.xihu,
        reasons: ['项目完工后 3 名装修工人 2 个月工资未结清'],
      });
      await s.act(-92, 'union', 'hold-negotiation', {
        negotiationId: id(),
        outcome: 'settled',
        amountAgreedFen: 5_160_000,
        summary: '企业同意于 10 日内一次性结清 3 人工资，包工头同意退还工具押金',
      });
      await s.attach(
        -92 + h(1),
        'union',
        demoPdf(['Wage settlement agreement', 'Xixi decoration project, 3 workers', 'Total: CNY 48,600, paid within 10 days']),
        {
          fileName: '协商工资结算协议.pdf',
          kind: 'agreement',
        },
      );
      await s.attach(-86, 'union', demoPng(16, [46, 125, 50]), { fileName: '工资转账凭证截图.png', kind: 'evidence' });
      await s.act(-85, 'union', 'close-case', {
        resolution: 'settled_by_negotiation',
        recoveredItems: [
          { kind: 'wages', amountFen: 4_860_000 },
          { kind: 'deposits', amountFen: 300_000 },
        ],
        summary: '工资已全额支付，工具押金已退还，职工确认',
      });
      await s.resolveWarning(-85 + h(1), 'union', warningId, '工资已全额支付，职工确认，预警解除');
    },
  },
  {
    key: 'mediation-fulfilled',
    title: '违法解除争议，工会调解成功并履行（已销号）',
    async run(s) {
      await s.open(-66, 'union', {
        channel: 'walk_in',
        category: 'unlawful_dismissal',
        region: REGIONS.binjiang,
        summary: '研发工程师在医疗期内被单方解除劳动合同，要求支付违法解除赔偿金 120,000 元',
        employers: [EMPLOYERS.yunqiTech],
        workerCount: 1,
        amountClaimedFen: 12_000_000,
        workers: [worker('赵晓雯', '1992-06-18', true)],
      });
      await s.act(-66 + h(3), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '当面告知将由区总工会职工服务中心调解室组织调解' });
      const mediationId = id();
      await s.act(-64, 'union', 'start-mediation', { mediationId, mediationRoom: '滨江区总工会职工服务中心调解室' });
      await s.act(-62, 'union', 'sign-mediation-agreement', {
        mediationId,
        amountAgreedFen: 8_500_000,
        terms: '单位支付经济补偿 85,000 元，双方解除劳动关系，互不追究',
        fulfilmentDueAt: s.endOfDay(-52),
      });
      await s.act(-58, 'union', 'fulfil-mediation-agreement', { mediationId, amountPaidFen: 8_500_000 });
      await s.act(-57, 'union', 'close-case', { resolution: 'settled_by_mediation', amountRecoveredFen: 8_500_000, summary: '调解协议已履行完毕' });
    },
  },
  {
    key: 'delegated-mediation',
    title: '仲裁委委托工会调解室调解（双方同意），出具仲裁调解书（已销号）',
    async run(s) {
      await s.open(-50, 'hr_bureau', {
        channel: 'online_platform',
        category: 'wage_arrears',
        region: REGIONS.xihu,
        summary: '5 名厨房员工网上申请劳动仲裁，主张门店停业前 3 个月工资 62,500 元',
        employers: [EMPLOYERS.zhijiangCatering],
        workerCount: 5,
        amountClaimedFen: 6_250_000,
        workers: [worker('刘海燕', '1985-03-09', true), worker('孙立平', '1979-11-30')],
      });
      await s.act(-50 + h(4), 'hr_bureau', 'give-worker-feedback', { channel: 'sms', summary: '仲裁申请已收到，5 日内决定是否受理' });
      const arbitrationId = id();
      const mediationId = id();
      await s.act(-50 + h(5), 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId,
        applicant: 'worker',
        claimCategories: ['wage_arrears'],
        amountClaimedFen: 6_250_000,
      });
      await s.act(-47, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕118号' });
      await s.act(-46, 'hr_bureau', 'delegate-mediation', {
        mediationId,
        arbitrationId,
        mediationRoom: '西湖区总工会劳动争议调解室',
        workerConsent: true,
        employerConsent: true,
      });
      await s.act(-44, 'union', 'start-mediation', { mediationId });
      await s.act(-40, 'union', 'sign-mediation-agreement', { mediationId, amountAgreedFen: 5_600_000, terms: '单位分两期支付工资 56,000 元' });
      await s.act(-38, 'hr_bureau', 'issue-arbitration-mediation-document', {
        arbitrationId,
        mediationId,
        documentNo: '西劳人仲调字〔2026〕118号',
        amountFen: 5_600_000,
      });
      await s.act(-37, 'hr_bureau', 'close-case', {
        resolution: 'settled_by_mediation',
        amountRecoveredFen: 5_600_000,
        summary: '仲裁调解书已送达，裁调对接结案',
      });
    },
  },
  {
    key: 'award-judgment-enforcement',
    title: '欠薪协商、调解不成，经仲裁裁决、诉讼判决、强制执行，检察监督并列入失信名单（已销号）',
    async run(s) {
      await s.open(-118, 'union', {
        channel: 'hotline_12351',
        category: 'wage_arrears',
        region: REGIONS.yuhang,
        summary: '2 名钢筋工反映良渚某安置房项目劳务分包单位拖欠工资 96,000 元',
        employers: [EMPLOYERS.liangzhuLabour],
        workerCount: 2,
        amountClaimedFen: 9_600_000,
        workers: [worker('张大勇', '1975-08-21'), worker('黄德福', '1981-02-14')],
      });
      await s.act(-118 + h(2), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已受理，先行协商' });
      await s.act(-116, 'union', 'hold-negotiation', {
        negotiationId: id(),
        outcome: 'not_settled',
        amountAgreedFen: 0,
        summary: '分包单位称总包未拨款，拒绝支付',
      });
      const mediationId = id();
      await s.act(-115, 'union', 'start-mediation', { mediationId, mediationRoom: '余杭区总工会职工服务中心调解室' });
      await s.act(-112, 'union', 'fail-mediation', { mediationId, reason: '分包单位负责人两次未到场，调解终结' });
      const arbitrationId = id();
      await s.act(-111, 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId,
        applicant: 'worker',
        claimCategories: ['wage_arrears'],
        amountClaimedFen: 9_600_000,
      });
      await s.act(-109, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '余劳人仲案字〔2026〕36号' });
      await s.act(-108, 'union', 'assign-legal-aid', { legalAidId: id(), provider: '余杭区法律援助中心', workerIds: await s.workerIds('union') });
      await s.act(-80, 'hr_bureau', 'issue-arbitration-award', {
        arbitrationId,
        awardNo: '余劳人仲裁字〔2026〕36号',
        amountAwardedFen: 9_600_000,
        final: false,
        summary: '裁决支付 2 人工资 96,000 元',
      });
      const litigationId = id();
      await s.act(-72, 'court', 'file-litigation', {
        litigationId,
        plaintiff: 'employer',
        caseNumber: '(2026)浙0110民初1024号',
        amountClaimedFen: 9_600_000,
        arbitrationId,
      });
      await s.act(-45, 'court', 'issue-judgment', {
        litigationId,
        judgmentNo: '(2026)浙0110民初1024号',
        amountAwardedFen: 9_600_000,
        summary: '驳回用人单位诉请，支付工资 96,000 元',
      });
      const enforcementId = id();
      await s.act(-38, 'court', 'apply-for-enforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 9_600_000 });
      const leadId = id();
      await s.act(-37, 'union', 'transfer-lead', {
        leadId,
        to: 'procuratorate',
        summary: '分包单位涉嫌转移工程款、逃避执行，请检察机关开展民事执行监督',
        feedbackDueAt: s.endOfDay(-17),
      });
      await s.act(-36, 'procuratorate', 'accept-lead', { leadId, note: '民事执行监督立案审查' });
      await s.act(-30, 'hr_bureau', 'list-employer-for-credit', {
        uscc: EMPLOYERS.liangzhuLabour.uscc,
        list: 'wage_arrears_blacklist',
        reason: '生效判决确定后仍拒不支付劳动报酬',
      });
      await s.act(-14, 'court', 'complete-enforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 9_600_000 });
      await s.act(-13, 'procuratorate', 'give-lead-feedback', { leadId, summary: '经督促，法院已冻结并划扣总包单位应付工程款，执行到位' });
      await s.act(-10, 'union', 'close-case', { resolution: 'enforced', amountRecoveredFen: 9_600_000, summary: '强制执行到位，工资已发放' });
    },
  },
  {
    key: 'enforcement-supervised',
    title: '农民工欠薪终局裁决执行难：检察院向法院发出检察建议（逾期未回复），工会移送财产线索',
    async run(s) {
      await s.open(-100, 'union', {
        channel: 'hotline_12351',
        category: 'wage_arrears',
        region: REGIONS.binjiang,
        summary: '12 名农民工反映滨江某产业园项目劳务公司拖欠 3 个月工资共 186,000 元',
        employers: [EMPLOYERS.binshengLabour],
        workerCount: 12,
        amountClaimedFen: 18_600_000,
        workers: [worker('杨树林', '1972-10-08'), worker('马永福', '1979-06-25'), worker('丁桂英', '1981-01-19', true)],
      });
      // 27 hours after the opening: the 24-hour feedback came late.
      await s.act(-99 + h(3), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已受理，区总工会约谈劳务公司' });
      await s.raiseWarning(-99 + h(4), 'union', {
        employer: EMPLOYERS.binshengLabour,
        level: 'red',
        region: REGIONS.binjiang,
        reasons: ['拖欠 12 名农民工 3 个月工资共 18.6 万元', '项目完工后负责人失联'],
      });
      const mediationId = id();
      await s.act(-98, 'union', 'start-mediation', { mediationId, mediationRoom: '滨江区总工会职工服务中心调解室' });
      await s.act(-96, 'union', 'fail-mediation', { mediationId, reason: '劳务公司负责人失联，无法调解' });
      const arbitrationId = id();
      await s.act(-95, 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId,
        applicant: 'worker',
        claimCategories: ['wage_arrears'],
        amountClaimedFen: 18_600_000,
      });
      await s.act(-93, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '滨劳人仲案字〔2026〕77号' });
      await s.act(-70, 'hr_bureau', 'issue-arbitration-award', {
        arbitrationId,
        awardNo: '滨劳人仲裁字〔2026〕77号',
        amountAwardedFen: 18_600_000,
        final: true,
        summary: '终局裁决支付 12 人工资 186,000 元',
      });
      const enforcementId = id();
      await s.act(-62, 'court', 'apply-for-enforcement', { enforcementId, basis: { kind: 'arbitration_award', ref: arbitrationId }, amountFen: 18_600_000 });
      const leadId = id();
      await s.act(-40, 'union', 'transfer-lead', {
        leadId,
        to: 'procuratorate',
        summary: '执行立案 20 余日未采取强制措施，农民工多次来访，请求检察监督',
        feedbackDueAt: s.endOfDay(0),
      });
      await s.act(-39, 'procuratorate', 'accept-lead', { leadId, note: '民事执行监督' });
      await s.act(-25, 'procuratorate', 'issue-supervision-letter', {
        letterId: id(),
        kind: 'procuratorial_recommendation',
        urgent: true,
        addressee: { kind: 'agency', name: '杭州市滨江区人民法院', agencyId: 'court' },
        documentNo: '杭滨检民执建〔2026〕12号',
        summary: '督促依法及时查控被执行人财产、采取强制执行措施',
      });
      await s.act(-2, 'union', 'transfer-lead', {
        leadId: id(),
        to: 'court',
        summary: '职工提供被执行人名下 2 辆工程车及应收工程款线索',
        feedbackDueAt: s.endOfDay(2),
      });
    },
  },
  {
    key: 'court-mediation',
    title: '工伤待遇争议：仲裁后职工起诉，检察院支持起诉，法院诉讼调解，履行期限今日届满',
    async run(s) {
      await s.open(-64, 'union', {
        channel: 'walk_in',
        category: 'work_injury',
        region: REGIONS.yuhang,
        summary: '冲压工右手三指截断，企业未参加工伤保险，拒绝支付一次性伤残补助金等工伤待遇 136,000 元',
        employers: [EMPLOYERS.hongdaHardware],
        workerCount: 1,
        amountClaimedFen: 13_600_000,
        workers: [worker('罗德明', '1984-07-30')],
      });
      await s.act(-64 + h(2), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '已受理，指派法律援助并申请劳动仲裁' });
      const letterId = id();
      await s.act(-63, 'union', 'issue-supervision-letter', {
        letterId,
        kind: 'recommendation_letter',
        addressee: enterprise(EMPLOYERS.hongdaHardware),
        summary: '建议企业依法为职工参加工伤保险，先行垫付医疗费用',
        replyDueAt: s.endOfDay(-49),
      });
      await s.act(-62, 'union', 'assign-legal-aid', { legalAidId: id(), provider: '余杭区法律援助中心', workerIds: await s.workerIds('union') });
      const arbitrationId = id();
      await s.act(-61, 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId,
        applicant: 'worker',
        claimCategories: ['work_injury'],
        amountClaimedFen: 13_600_000,
      });
      await s.act(-59, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '余劳人仲案字〔2026〕152号' });
      await s.act(-55, 'union', 'reply-to-supervision-letter', { letterId, summary: '企业书面回复：已垫付医疗费 2.3 万元，正在补办工伤保险' });
      await s.act(-30, 'hr_bureau', 'issue-arbitration-award', {
        arbitrationId,
        awardNo: '余劳人仲裁字〔2026〕152号',
        amountAwardedFen: 11_800_000,
        final: false,
        summary: '裁决支付工伤待遇 118,000 元',
      });
      await s.act(-24, 'procuratorate', 'support-prosecution', {
        supportId: id(),
        documentNo: '杭余检民支〔2026〕5号',
        summary: '职工系工伤致残的困难群体，依法支持其提起诉讼',
        workerIds: await s.workerIds('union'),
      });
      const litigationId = id();
      await s.act(-22, 'court', 'file-litigation', {
        litigationId,
        plaintiff: 'worker',
        caseNumber: '(2026)浙0110民初3157号',
        amountClaimedFen: 13_600_000,
        arbitrationId,
      });
      const mediationId = id();
      await s.act(-6, 'court', 'start-mediation', { mediationId, mediationRoom: '余杭区人民法院诉讼服务中心调解室' });
      await s.act(-4, 'court', 'sign-mediation-agreement', {
        mediationId,
        amountAgreedFen: 12_000_000,
        terms: '企业一次性支付工伤待遇 120,000 元，职工撤回其他诉请',
        fulfilmentDueAt: s.endOfDay(0),
      });
    },
  },
  {
    key: 'overtime-mediation',
    title: '电商企业加班费争议，工会调解成功并履行（已销号）',
    async run(s) {
      await s.open(-16, 'union', {
        channel: 'walk_in',
        category: 'wage_arrears',
        region: REGIONS.gongshu,
        summary: '3 名客服反映“双十一”期间连续加班，企业未支付加班费共 32,000 元',
        employers: [EMPLOYERS.youpinCommerce],
        workerCount: 3,
        amountClaimedFen: 3_200_000,
        workers: [worker('韩雪', '1999-03-14', true), worker('蒋浩', '1997-08-02')],
      });
      await s.act(-16 + h(2), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '已受理，安排拱墅区总工会调解室调解' });
      const mediationId = id();
      await s.act(-15, 'union', 'start-mediation', { mediationId, mediationRoom: '拱墅区总工会职工服务中心调解室' });
      await s.act(-12, 'union', 'sign-mediation-agreement', {
        mediationId,
        amountAgreedFen: 3_200_000,
        terms: '企业按加班记录补发加班费 32,000 元',
        fulfilmentDueAt: s.endOfDay(-5),
      });
      await s.act(-7, 'union', 'fulfil-mediation-agreement', { mediationId, amountPaidFen: 3_200_000 });
      await s.act(-6, 'union', 'close-case', { resolution: 'settled_by_mediation', amountRecoveredFen: 3_200_000, summary: '加班费已全额补发' });
    },
  },
  {
    key: 'labor-relationship',
    title: '外卖骑手确认劳动关系仲裁（不可委托调解），审理中',
    async run(s) {
      await s.open(-20, 'union', {
        channel: 'online_platform',
        category: 'labor_relationship_confirmation',
        region: REGIONS.gongshu,
        summary: '骑手送餐途中受伤，配送站否认劳动关系，申请确认劳动关系',
        employers: [EMPLOYERS.sudaDelivery],
        workerCount: 1,
        amountClaimedFen: 0,
        workers: [worker('周小龙', '1998-12-05')],
      });
      await s.act(-20 + h(5), 'union', 'give-worker-feedback', { channel: 'online', summary: '已受理，引导申请劳动仲裁确认劳动关系' });
      await s.act(-19, 'union', 'assign-legal-aid', { legalAidId: id(), provider: '拱墅区法律援助中心', workerIds: await s.workerIds('union') });
      const arbitrationId = id();
      await s.act(-15, 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId,
        applicant: 'worker',
        claimCategories: ['labor_relationship_confirmation'],
        amountClaimedFen: 0,
      });
      await s.act(-12, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '拱劳人仲案字〔2026〕57号' });
    },
  },
  {
    key: 'arbitration-extended',
    title: '欠薪调解不成转仲裁，仲裁期限延长一次，审理中',
    async run(s) {
      await s.open(-58, 'union', {
        channel: 'walk_in',
        category: 'wage_arrears',
        region: REGIONS.xiaoshan,
        summary: '机加工车间 4 名员工反映企业以订单减少为由停发 2 个月工资 52,800 元',
        employers: [EMPLOYERS.xiaoshanMachinery],
        workerCount: 4,
        amountClaimedFen: 5_280_000,
        workers: [worker('吴国平', '1980-05-16'), worker('郑秀兰', '1984-10-02', true)],
      });
      await s.act(-58 + h(1), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '已受理，安排调解' });
      const letterId = id();
      await s.act(-57, 'union', 'issue-supervision-letter', {
        letterId,
        kind: 'reminder_letter',
        addressee: enterprise(EMPLOYERS.xiaoshanMachinery),
        summary: '提示企业停工停产期间依法支付职工工资或生活费',
        replyDueAt: s.endOfDay(-47),
      });
      const mediationId = id();
      await s.act(-56, 'union', 'start-mediation', { mediationId, mediationRoom: '萧山区总工会职工服务中心调解室' });
      await s.act(-53, 'union', 'fail-mediation', { mediationId, reason: '企业对停工期间工资标准有异议' });
      const arbitrationId = id();
      await s.act(-52, 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId,
        applicant: 'worker',
        claimCategories: ['wage_arrears'],
        amountClaimedFen: 5_280_000,
      });
      await s.act(-50, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '萧劳人仲案字〔2026〕203号' });
      // Two days past the reply deadline.
      await s.act(-45, 'union', 'reply-to-supervision-letter', { letterId, summary: '企业书面回复：已按最低工资标准的 80% 发放停工期间生活费' });
      await s.act(-8, 'hr_bureau', 'extend-arbitration', { arbitrationId, reason: '需调取停工期间考勤及订单记录，案情复杂' });
    },
  },
];
