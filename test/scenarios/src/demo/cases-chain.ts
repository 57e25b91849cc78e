/** Demo cases along 商调裁执: negotiation, mediation, delegated mediation, arbitration → litigation → enforcement. */
import { EMPLOYERS, REGIONS, worker } from './parties.js';
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
    title: '12351 热线欠薪投诉，协商解决（已销号）',
    async run(s) {
      await s.open(-40, 'union', {
        channel: 'hotline_12351', category: 'wage_arrears', region: REGIONS.xihu,
        summary: '3 名装修工人反映西溪某小区精装修项目完工后 2 个月工资未结清，合计 48,600 元',
        employers: [EMPLOYERS.xixiDecor], workerCount: 3, amountClaimedFen: 4_860_000,
        workers: [worker('王建国', '1978-04-12'), worker('李春生', '1983-09-03'), worker('陈志强', '1990-01-27')],
      });
      await s.act(-40 + h(2), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已受理，区总工会将约企业负责人协商' });
      const warningId = await s.raiseWarning(-40 + h(3), 'union', {
        employer: EMPLOYERS.xixiDecor, level: 'yellow', region: REGIONS.xihu, reasons: ['项目完工后 3 名装修工人 2 个月工资未结清'],
      });
      await s.act(-35, 'union', 'hold-negotiation', {
        negotiationId: id(), outcome: 'settled', amountAgreedFen: 4_860_000, summary: '企业同意于 10 日内一次性结清 3 人工资',
      });
      await s.act(-28, 'union', 'close-case', { resolution: 'settled_by_negotiation', amountRecoveredFen: 4_860_000, summary: '工资已全额支付，职工确认' });
      await s.resolveWarning(-28 + h(1), 'union', warningId, '工资已全额支付，职工确认，预警解除');
    },
  },
  {
    key: 'mediation-fulfilled',
    title: '违法解除争议，工会调解成功并履行（已销号）',
    async run(s) {
      await s.open(-35, 'union', {
        channel: 'walk_in', category: 'unlawful_dismissal', region: REGIONS.binjiang,
        summary: '研发工程师在医疗期内被单方解除劳动合同，要求支付违法解除赔偿金 120,000 元',
        employers: [EMPLOYERS.yunqiTech], workerCount: 1, amountClaimedFen: 12_000_000,
        workers: [worker('赵晓雯', '1992-06-18', true)],
      });
      await s.act(-35 + h(3), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '当面告知将由区总工会职工服务中心调解室组织调解' });
      const mediationId = id();
      await s.act(-33, 'union', 'start-mediation', { mediationId, mediationRoom: '滨江区总工会职工服务中心调解室' });
      await s.act(-29, 'union', 'sign-mediation-agreement', {
        mediationId, amountAgreedFen: 8_500_000, terms: '单位支付经济补偿 85,000 元，双方解除劳动关系，互不追究', fulfilmentDueAt: s.endOfDay(-15),
      });
      await s.act(-20, 'union', 'fulfil-mediation-agreement', { mediationId, amountPaidFen: 8_500_000 });
      await s.act(-19, 'union', 'close-case', { resolution: 'settled_by_mediation', amountRecoveredFen: 8_500_000, summary: '调解协议已履行完毕' });
    },
  },
  {
    key: 'delegated-mediation',
    title: '仲裁委委托工会调解室调解（双方同意），出具仲裁调解书（已销号）',
    async run(s) {
      await s.open(-30, 'hr_bureau', {
        channel: 'online_platform', category: 'wage_arrears', region: REGIONS.xihu,
        summary: '5 名厨房员工网上申请劳动仲裁，主张门店停业前 3 个月工资 62,500 元',
        employers: [EMPLOYERS.zhijiangCatering], workerCount: 5, amountClaimedFen: 6_250_000,
        workers: [worker('刘海燕', '1985-03-09', true), worker('孙立平', '1979-11-30')],
      });
      await s.act(-30 + h(4), 'hr_bureau', 'give-worker-feedback', { channel: 'sms', summary: '仲裁申请已收到，5 日内决定是否受理' });
      const arbitrationId = id();
      const mediationId = id();
      await s.act(-30 + h(5), 'hr_bureau', 'apply-for-arbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 6_250_000 });
      await s.act(-27, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕118号' });
      await s.act(-26, 'hr_bureau', 'delegate-mediation', {
        mediationId, arbitrationId, mediationRoom: '西湖区总工会劳动争议调解室', workerConsent: true, employerConsent: true,
      });
      await s.act(-24, 'union', 'start-mediation', { mediationId });
      await s.act(-20, 'union', 'sign-mediation-agreement', { mediationId, amountAgreedFen: 5_600_000, terms: '单位分两期支付工资 56,000 元' });
      await s.act(-18, 'hr_bureau', 'issue-arbitration-mediation-document', {
        arbitrationId, mediationId, documentNo: '西劳人仲调字〔2026〕118号', amountFen: 5_600_000,
      });
      await s.act(-17, 'hr_bureau', 'close-case', { resolution: 'settled_by_mediation', amountRecoveredFen: 5_600_000, summary: '仲裁调解书已送达，裁调对接结案' });
    },
  },
  {
    key: 'award-judgment-enforcement',
    title: '欠薪经仲裁裁决、诉讼判决、强制执行，列入失信名单（已销号）',
    async run(s) {
      await s.open(-150, 'union', {
        channel: 'hotline_12351', category: 'wage_arrears', region: REGIONS.yuhang,
        summary: '2 名钢筋工反映良渚某安置房项目劳务分包单位拖欠工资 96,000 元',
        employers: [EMPLOYERS.liangzhuLabour], workerCount: 2, amountClaimedFen: 9_600_000,
        workers: [worker('张大勇', '1975-08-21'), worker('黄德福', '1981-02-14')],
      });
      await s.act(-150 + h(2), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已受理，先行协商' });
      await s.act(-147, 'union', 'hold-negotiation', { negotiationId: id(), outcome: 'not_settled', amountAgreedFen: 0, summary: '分包单位称总包未拨款，拒绝支付' });
      const arbitrationId = id();
      await s.act(-144, 'hr_bureau', 'apply-for-arbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 9_600_000 });
      await s.act(-141, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '余劳人仲案字〔2026〕36号' });
      await s.act(-100, 'hr_bureau', 'issue-arbitration-award', {
        arbitrationId, awardNo: '余劳人仲裁字〔2026〕36号', amountAwardedFen: 9_600_000, final: false, summary: '裁决支付 2 人工资 96,000 元',
      });
      const litigationId = id();
      await s.act(-90, 'court', 'file-litigation', {
        litigationId, plaintiff: 'employer', caseNumber: '(2026)浙0110民初1024号', amountClaimedFen: 9_600_000, arbitrationId,
      });
      await s.act(-45, 'court', 'issue-judgment', { litigationId, judgmentNo: '(2026)浙0110民初1024号', amountAwardedFen: 9_600_000, summary: '驳回用人单位诉请，支付工资 96,000 元' });
      const enforcementId = id();
      await s.act(-30, 'court', 'apply-for-enforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 9_600_000 });
      await s.act(-20, 'hr_bureau', 'list-employer-for-credit', {
        uscc: EMPLOYERS.liangzhuLabour.uscc, list: 'wage_arrears_blacklist', reason: '生效判决确定后仍拒不支付劳动报酬',
      });
      await s.act(-10, 'court', 'complete-enforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 9_600_000 });
      await s.act(-9, 'union', 'close-case', { resolution: 'enforced', amountRecoveredFen: 9_600_000, summary: '强制执行到位，工资已发放' });
    },
  },
  {
    key: 'labor-relationship',
    title: '外卖骑手确认劳动关系仲裁（不可委托调解），审理中',
    async run(s) {
      await s.open(-20, 'union', {
        channel: 'online_platform', category: 'labor_relationship_confirmation', region: REGIONS.gongshu,
        summary: '骑手送餐途中受伤，配送站否认劳动关系，申请确认劳动关系',
        employers: [EMPLOYERS.sudaDelivery], workerCount: 1, amountClaimedFen: 0,
        workers: [worker('周小龙', '1998-12-05')],
      });
      await s.act(-20 + h(5), 'union', 'give-worker-feedback', { channel: 'online', summary: '已受理，引导申请劳动仲裁确认劳动关系' });
      const arbitrationId = id();
      await s.act(-15, 'hr_bureau', 'apply-for-arbitration', {
        arbitrationId, applicant: 'worker', claimCategories: ['labor_relationship_confirmation'], amountClaimedFen: 0,
      });
      await s.act(-12, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '拱劳人仲案字〔2026〕57号' });
    },
  },
  {
    key: 'arbitration-extended',
    title: '欠薪调解不成转仲裁，仲裁期限延长一次，审理中',
    async run(s) {
      await s.open(-45, 'union', {
        channel: 'walk_in', category: 'wage_arrears', region: REGIONS.xiaoshan,
        summary: '机加工车间 4 名员工反映企业以订单减少为由停发 2 个月工资 52,800 元',
        employers: [EMPLOYERS.xiaoshanMachinery], workerCount: 4, amountClaimedFen: 5_280_000,
        workers: [worker('吴国平', '1980-05-16'), worker('郑秀兰', '1984-10-02', true)],
      });
      await s.act(-45 + h(1), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '已受理，安排调解' });
      const mediationId = id();
      await s.act(-43, 'union', 'start-mediation', { mediationId, mediationRoom: '萧山区总工会职工服务中心调解室' });
      await s.act(-40, 'union', 'fail-mediation', { mediationId, reason: '企业对停工期间工资标准有异议' });
      const arbitrationId = id();
      await s.act(-39, 'hr_bureau', 'apply-for-arbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 5_280_000 });
      await s.act(-37, 'hr_bureau', 'accept-arbitration', { arbitrationId, caseNumber: '萧劳人仲案字〔2026〕203号' });
      await s.act(-3, 'hr_bureau', 'extend-arbitration', { arbitrationId, reason: '需调取停工期间考勤及订单记录，案情复杂' });
    },
  },
];
