/**
 * Demo cases where 督 leads: 一函两书, 检察建议, 责令改正决定书, rectification lists, joint meetings,
 * and deadlines missed. Days count from the anchor; deadlines in days from today (see script.ts).
 */
import type { DemoCase } from './cases-chain.js';
import { EMPLOYERS, enterprise, REGIONS, worker } from './parties.js';
import { h, id } from './script.js';

export const supervisionCases: DemoCase[] = [
  {
    key: 'worked-example',
    title: '女职工特殊保护：4 家危化品物流企业（DOMAIN.md 示例，联席会议延期一项，已销号）',
    async run(s) {
      const firms = EMPLOYERS.hazmat;
      await s.open(-105, 'union', {
        channel: 'inspection',
        category: 'female_worker_protection',
        region: REGIONS.xihu,
        summary: '4 家危化品物流企业未组织女职工妇科检查，其中 3 家未订立女职工特殊保护条款',
        employers: [...firms],
        workerCount: 126,
        amountClaimedFen: 0,
      });
      const leadId = id();
      await s.act(-105 + h(1), 'union', 'transfer-lead', { leadId, to: 'procuratorate', summary: '女职工特殊保护问题线索', feedbackDueAt: s.endOfDay(-45) });
      await s.act(-105 + h(6), 'union', 'give-worker-feedback', { channel: 'in_person', summary: '已向企业工会及女职工代表告知线索已移送' });
      await s.act(-104, 'procuratorate', 'accept-lead', { leadId, note: '立案审查' });
      await s.act(-102, 'procuratorate', 'hold-joint-review', {
        reviewId: id(),
        agencies: ['procuratorate', 'union'],
        otherParticipants: ['西湖区妇联'],
        conclusion: '工会发提示函，检察院制发检察建议',
        routeTo: 'supervision',
      });
      const reminderId = id();
      await s.act(-101, 'union', 'issue-supervision-letter', {
        letterId: reminderId,
        kind: 'reminder_letter',
        addressee: enterprise(firms[0]),
        summary: '提示依法组织女职工妇科检查',
        replyDueAt: s.endOfDay(-80),
      });
      const recommendationId = id();
      await s.act(-98, 'procuratorate', 'issue-supervision-letter', {
        letterId: recommendationId,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '杭州市西湖区交通运输局' },
        summary: '督促对辖区危化品物流企业落实女职工劳动保护',
      });
      const checkUps = firms.map((f) => ({ itemId: id(), description: '组织女职工妇科检查', deadline: s.endOfDay(-55), responsibleParty: enterprise(f) }));
      const clauses = firms
        .slice(0, 3)
        .map((f) => ({ itemId: id(), description: '在劳动合同中订立女职工特殊保护条款', deadline: s.endOfDay(-70), responsibleParty: enterprise(f) }));
      await s.act(-97, 'procuratorate', 'order-rectification', { rectificationId: id(), letterId: recommendationId, items: [...checkUps, ...clauses] });
      await s.act(-87, 'union', 'reply-to-supervision-letter', { letterId: reminderId, summary: '企业书面回复：已安排体检' });
      for (const item of clauses) await s.act(-75, 'procuratorate', 'report-rectification-item', { itemId: item.itemId, summary: '企业报告已修订劳动合同' });
      await s.act(-65, 'procuratorate', 'reply-to-supervision-letter', { letterId: recommendationId, summary: '交通运输局书面回复：已开展专项检查' });
      for (const item of checkUps.slice(0, 3))
        await s.act(-57, 'procuratorate', 'report-rectification-item', { itemId: item.itemId, summary: '企业报告已组织体检' });
      await s.act(-54, 'procuratorate', 'do-follow-up', {
        followUpId: id(),
        results: [...checkUps.slice(0, 3), ...clauses]
          .map((i) => ({ itemId: i.itemId, verified: true, findings: '现场核查属实' }))
          .concat([{ itemId: checkUps[3]!.itemId, verified: false, findings: '尚未组织体检：企业称费用过高' }]),
      });
      // 联席会议: the health commission and the industry association set up discounted check-ups; the last firm gets ten more days.
      const meetingId = await s.scheduleMeeting(-53, 'union', {
        title: '女职工特殊保护专题联席会议',
        scheduledFor: s.at(-52 + h(5)).toISOString(),
        agenda: '审议危化品物流企业整改清单：逾期未组织体检的 1 家企业',
        caseIds: [s.caseId],
      });
      await s.holdMeeting(-52 + h(7), 'union', meetingId, {
        attendees: {
          agencies: ['union', 'procuratorate'],
          otherBodies: ['西湖区妇联', '西湖区卫生健康局', '杭州市危险货物运输行业协会'],
          persons: [
            { unit: '工会', name: '周丽华', post: '女职工委员会主任' },
            { unit: '工会', name: '陈思远', post: '联席会议秘书' },
            { unit: '人民检察院', name: '李明哲', post: '检察官' },
            { unit: '西湖区妇联', name: '吴晓燕', post: '权益部部长' },
            { unit: '西湖区卫生健康局', name: '孙建国', post: '职业健康科科长' },
            { unit: '杭州市危险货物运输行业协会', name: '郑志强', post: '秘书长' },
          ],
        },
        location: '西湖区总工会三楼会议室',
        chair: { unit: '工会', name: '周丽华', post: '女职工委员会主任' },
        recorder: { unit: '工会', name: '陈思远', post: '联席会议秘书' },
        resolutions: [
          '由杭州市危险货物运输行业协会牵头、西湖区卫生健康局支持，为辖区 34 家企业女职工提供优惠体检，一个月内完成。',
          '逾期未组织体检的企业整改期限延长，由工会跟进，检察院核查整改结果。',
          '西湖区妇联将女职工特殊保护纳入年度宣传计划，在辖区企业开展专项普法。',
        ],
        casesReviewed: [s.caseId],
        decisions: [
          {
            caseId: s.caseId,
            itemId: checkUps[3]!.itemId,
            decision: 'extend',
            newDeadline: s.endOfDay(-42),
            note: '纳入行业协会牵头、卫健委支持的 34 家企业优惠体检，整改期限延长',
          },
        ],
        minutes: '行业协会牵头、卫健委支持，为辖区 34 家企业女职工提供优惠体检；逾期企业延期整改',
      });
      await s.act(-49, 'procuratorate', 'report-rectification-item', { itemId: checkUps[3]!.itemId, summary: '纳入 34 家企业优惠体检，已完成' });
      await s.act(-48, 'procuratorate', 'do-follow-up', {
        followUpId: id(),
        results: [{ itemId: checkUps[3]!.itemId, verified: true, findings: '体检记录核查属实' }],
      });
      await s.act(-47, 'procuratorate', 'give-lead-feedback', { leadId, summary: '检察建议已获回复，7 项整改经回头看全部核实' });
      await s.act(-46, 'union', 'close-case', { resolution: 'rectified', amountRecoveredFen: 0, summary: '7 项整改全部完成，销号' });
    },
  },
  {
    key: 'procuratorial-rectification',
    title: '押金问题线索移送检察院，检察建议及整改清单，一项逾期未整改（已升级督办）',
    async run(s) {
      await s.open(-88, 'union', {
        channel: 'monitoring_point',
        category: 'withheld_deposit',
        region: REGIONS.gongshu,
        summary: '企业监测点反映 3 家人力资源、劳务派遣及保安服务企业入职时向 37 名职工收取押金，每人 1,000 元',
        employers: [EMPLOYERS.gongchenHr, EMPLOYERS.yunheStaffing, EMPLOYERS.daguanSecurity],
        workerCount: 37,
        amountClaimedFen: 3_700_000,
        workers: [worker('冯小芳', '1996-02-08', true)],
      });
      await s.act(-88 + h(2), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已受理，线索将移送区检察院' });
      const leadId = id();
      await s.act(-87, 'union', 'transfer-lead', { leadId, to: 'procuratorate', summary: '违法收取入职押金问题线索', feedbackDueAt: s.endOfDay(-58) });
      await s.act(-86, 'procuratorate', 'accept-lead', { leadId, note: '行政检察监督立案审查' });
      const letterId = id();
      await s.act(-83, 'procuratorate', 'issue-supervision-letter', {
        letterId,
        kind: 'procuratorial_recommendation',
        addressee: { kind: 'agency', name: '杭州市拱墅区人力资源和社会保障局', agencyId: 'hr_bureau' },
        documentNo: '杭拱检行建〔2026〕7号',
        summary: '督促依法查处违法收取押金行为并责令退还',
      });
      const items = [EMPLOYERS.gongchenHr, EMPLOYERS.yunheStaffing, EMPLOYERS.daguanSecurity].map((e, i) => ({
        itemId: id(),
        description: i === 2 ? '退还押金并整改招聘入职流程' : '退还已收取的入职押金',
        deadline: s.endOfDay(i === 2 ? -30 : -55),
        responsibleParty: enterprise(e),
      }));
      await s.act(-82, 'procuratorate', 'order-rectification', { rectificationId: id(), letterId, items });
      await s.act(-59, 'procuratorate', 'give-lead-feedback', { leadId, summary: '已制发检察建议并下达整改清单，整改情况将持续反馈' });
      await s.act(-58, 'procuratorate', 'report-rectification-item', { itemId: items[0]!.itemId, summary: '已退还 15 人押金' });
      // A day past its deadline: met late.
      await s.act(-54, 'procuratorate', 'report-rectification-item', { itemId: items[1]!.itemId, summary: '已退还 14 人押金' });
      await s.act(-50, 'hr_bureau', 'reply-to-supervision-letter', { letterId, summary: '已立案查处，2 家企业已退还押金，1 家正在督促' });
      await s.act(-48, 'procuratorate', 'do-follow-up', {
        followUpId: id(),
        results: items.slice(0, 2).map((i) => ({ itemId: i.itemId, verified: true, findings: '回访职工，押金已退还' })),
      });
      // 联席会议 across cases, overdue first: this list's overdue item, and the social-insurance contributions now overdue too.
      await s.until(-6);
      const insuranceCase = s.caseOf('social-insurance-order');
      const casesReviewed = [s.caseId, insuranceCase];
      const meetingId = await s.scheduleMeeting(-6, 'procuratorate', {
        title: '劳动用工领域联席会议（押金及社保整改专题）',
        scheduledFor: s.at(-3 + h(5)).toISOString(),
        agenda: '审议整改清单，逾期事项优先：大关保安押金退还；钱塘纺织社保补缴',
        caseIds: casesReviewed,
      });
      const insurance = await s.getCase<{ items: Record<string, { itemId: string; description: string; status: string }> }>('hr_bureau', insuranceCase);
      const contributions = Object.values(insurance.items).find((i) => i.status === 'open' && i.description.includes('补缴'));
      if (!contributions) throw new Error('demo: the social-insurance case has no open contributions item');
      await s.holdMeeting(-3 + h(7), 'procuratorate', meetingId, {
        attendees: {
          agencies: ['procuratorate', 'union', 'hr_bureau'],
          otherBodies: ['杭州市拱墅区司法局', '杭州市人力资源服务行业协会'],
          persons: [
            { unit: '人民检察院', name: '李明哲', post: '第七检察部主任' },
            { unit: '人民检察院', name: '赵雨桐', post: '联席会议秘书' },
            { unit: '工会', name: '周丽华', post: '法律工作部部长' },
            { unit: '人力资源和社会保障局', name: '钱卫东', post: '劳动保障监察支队副支队长' },
            { unit: '杭州市拱墅区司法局', name: '冯家豪', post: '公共法律服务科科长' },
            { unit: '杭州市人力资源服务行业协会', name: '何静', post: '副秘书长' },
          ],
        },
        location: '拱墅区人民检察院第二会议室',
        chair: { unit: '人民检察院', name: '李明哲', post: '第七检察部主任' },
        recorder: { unit: '人民检察院', name: '赵雨桐', post: '联席会议秘书' },
        resolutions: [
          '大关保安服务公司逾期未退还押金，升级督办：人社局立案查处，检察院跟进监督，一个月内通报结果。',
          '钱塘纺织公司资金周转困难，同意分期补缴社会保险费，整改期限延长 30 天，人社局按月核查补缴进度。',
          '拱墅区司法局为涉事职工提供法律援助，行业协会向会员企业通报押金问题，督促自查自纠。',
        ],
        casesReviewed,
        decisions: [
          { caseId: s.caseId, itemId: items[2]!.itemId, decision: 'escalate', note: '逾期未退还押金，升级督办：人社局立案查处，检察院跟进监督' },
          {
            caseId: insuranceCase,
            itemId: contributions.itemId,
            decision: 'extend',
            newDeadline: s.endOfDay(27),
            note: '企业资金周转困难，同意分期补缴，整改期限延长 30 天',
          },
        ],
        minutes: '会议通报押金问题整改进展，对逾期未整改企业升级督办；同意纺织企业分期补缴社保并延长整改期限',
      });
    },
  },
  {
    key: 'social-insurance-order',
    title: '社保欠缴，人社局下达责令改正决定书及整改清单（联席会议延期一项），线索移送检察院、工会',
    async run(s) {
      await s.open(-35, 'hr_bureau', {
        channel: 'inspection',
        category: 'social_insurance',
        region: REGIONS.shangcheng,
        summary: '劳动保障监察发现企业自 2025 年 7 月起未为 48 名职工足额缴纳社会保险费，且 12 人未签劳动合同',
        employers: [EMPLOYERS.qiantangTextile],
        workerCount: 48,
        amountClaimedFen: 31_200_000,
        workers: [worker('何丽娟', '1987-07-23', true), worker('徐卫东', '1976-03-11')],
      });
      await s.act(-35 + h(3), 'hr_bureau', 'give-worker-feedback', { channel: 'sms', summary: '已立案调查，将责令企业限期补缴' });
      await s.raiseWarning(-35 + h(5), 'hr_bureau', {
        employer: EMPLOYERS.qiantangTextile,
        level: 'orange',
        region: REGIONS.shangcheng,
        reasons: ['自 2025 年 7 月起未为 48 名职工足额缴纳社会保险费', '12 名职工未签订书面劳动合同'],
      });
      const letterId = id();
      await s.act(-34, 'hr_bureau', 'issue-supervision-letter', {
        letterId,
        kind: 'rectification_order',
        addressee: enterprise(EMPLOYERS.qiantangTextile),
        summary: '责令限期为职工补缴社会保险费、补签劳动合同',
        replyDueAt: s.endOfDay(-20),
      });
      const [contracts, contributions, ledger, notice] = [id(), id(), id(), id()];
      const firm = enterprise(EMPLOYERS.qiantangTextile);
      await s.act(-34 + h(1), 'hr_bureau', 'order-rectification', {
        rectificationId: id(),
        letterId,
        items: [
          { itemId: contracts, description: '与 12 名职工补签书面劳动合同', deadline: s.endOfDay(-18), responsibleParty: firm },
          { itemId: contributions, description: '为 48 名职工补缴 2025 年 7 月以来的社会保险费', deadline: s.endOfDay(-4), responsibleParty: firm },
          { itemId: ledger, description: '建立职工花名册及工资支付台账，报送监察机构备查', deadline: s.endOfDay(0), responsibleParty: firm },
          { itemId: notice, description: '在厂区公示社保补缴方案，接受职工监督', deadline: s.endOfDay(2), responsibleParty: firm },
        ],
      });
      await s.act(-22, 'hr_bureau', 'reply-to-supervision-letter', { letterId, summary: '企业书面回复：已补签合同，社保分期补缴中' });
      await s.act(-19, 'hr_bureau', 'report-rectification-item', { itemId: contracts, summary: '企业提交 12 份补签劳动合同' });
      await s.act(-16, 'hr_bureau', 'do-follow-up', { followUpId: id(), results: [{ itemId: contracts, verified: true, findings: '抽查 12 份合同，属实' }] });
      await s.act(-2, 'hr_bureau', 'transfer-lead', {
        leadId: id(),
        to: 'union',
        summary: '企业尚未建立工会，请工会指导建会并开展社保补缴集体协商',
        feedbackDueAt: s.endOfDay(12),
      });
      await s.act(-1, 'hr_bureau', 'transfer-lead', {
        leadId: id(),
        to: 'procuratorate',
        summary: '企业涉嫌以虚假停工材料少报缴费基数，线索移送检察院',
        feedbackDueAt: s.endOfDay(2),
      });
    },
  },
  {
    key: 'lead-feedback-overdue',
    title: '舆情线索：工伤未申报，移送人社局后逾期未反馈',
    async run(s) {
      await s.open(-30, 'union', {
        channel: 'public_opinion',
        category: 'work_injury',
        region: REGIONS.xiaoshan,
        summary: '网络反映印务企业工人手部被压伤后企业未申报工伤，仅支付部分医疗费',
        employers: [EMPLOYERS.hengfengPrint],
        workerCount: 1,
        amountClaimedFen: 4_500_000,
        workers: [worker('邓国强', '1986-12-28')],
      });
      await s.act(-30 + h(4), 'union', 'give-worker-feedback', { channel: 'phone', summary: '已联系本人，线索将移送人社局' });
      const leadId = id();
      await s.act(-29, 'union', 'transfer-lead', { leadId, to: 'hr_bureau', summary: '企业未依法申报工伤线索', feedbackDueAt: s.endOfDay(-15) });
      await s.act(-28, 'hr_bureau', 'accept-lead', { leadId, note: '列入劳动保障监察' });
      await s.act(-27, 'union', 'issue-supervision-letter', {
        letterId: id(),
        kind: 'recommendation_letter',
        addressee: enterprise(EMPLOYERS.hengfengPrint),
        summary: '建议企业依法申报工伤并开展冲压设备安全培训',
        replyDueAt: s.endOfDay(2),
      });
      // The next joint meeting, still ahead: overdue feedback to workers and on leads, and the overdue items.
      await s.until(-1);
      await s.scheduleMeeting(-1, 'union', {
        title: '第四季度劳动维权联席会议',
        scheduledFor: s.at(4 + h(5)).toISOString(),
        agenda: '逾期未反馈的线索和职工诉求逐件过堂；逾期整改事项（大关保安押金退还、招聘歧视启事）拟作决定',
        caseIds: [s.caseId, s.caseOf('feedback-overdue-hotline'), s.caseOf('procuratorial-rectification'), s.caseOf('discrimination-opinion')],
      });
    },
  },
  {
    key: 'discrimination-opinion',
    title: '招聘性别、年龄歧视，工会发意见书（今日答复期满），整改逾期',
    async run(s) {
      await s.open(-6, 'union', {
        channel: 'online_platform',
        category: 'employment_discrimination',
        region: REGIONS.binjiang,
        summary: '招聘启事限“男性、35 岁以下”，求职者在线投诉',
        employers: [EMPLOYERS.binjiangRecruit],
        workerCount: 1,
        amountClaimedFen: 0,
        workers: [worker('许静', '1989-04-30', true)],
      });
      await s.act(-6 + h(5), 'union', 'give-worker-feedback', { channel: 'online', summary: '已受理，将向企业发出意见书' });
      const letterId = id();
      await s.act(-5, 'union', 'issue-supervision-letter', {
        letterId,
        kind: 'opinion_letter',
        addressee: enterprise(EMPLOYERS.binjiangRecruit),
        summary: '要求撤下含性别、年龄限制的招聘启事并书面说明',
        replyDueAt: s.endOfDay(0),
      });
      await s.act(-5 + h(1), 'union', 'order-rectification', {
        rectificationId: id(),
        letterId,
        items: [
          { itemId: id(), description: '撤下含性别、年龄限制的招聘启事', deadline: s.endOfDay(-2), responsibleParty: enterprise(EMPLOYERS.binjiangRecruit) },
        ],
      });
    },
  },
  {
    key: 'feedback-overdue-hotline',
    title: '12351 热线欠薪投诉，24 小时内未反馈职工（逾期），线索已移送人社局',
    async run(s) {
      await s.open(-3, 'union', {
        channel: 'hotline_12351',
        category: 'wage_arrears',
        region: REGIONS.xihu,
        summary: '超市 6 名理货员反映 2 个月工资共 23,400 元未发放',
        employers: [EMPLOYERS.xihuSupermarket],
        workerCount: 6,
        amountClaimedFen: 2_340_000,
        workers: [worker('林美玲', '1988-09-19', true)],
      });
      await s.act(-2 + h(6), 'union', 'transfer-lead', {
        leadId: id(),
        to: 'hr_bureau',
        summary: '超市拖欠理货员工资线索，请劳动保障监察立案',
        feedbackDueAt: s.endOfDay(7),
      });
    },
  },
  {
    key: 'opened-today',
    title: '今日 12351 热线：生鲜配送站拖欠骑手工资，已发黄色预警',
    async run(s) {
      await s.open(
        s.today(0.3),
        'union',
        {
          channel: 'hotline_12351',
          category: 'wage_arrears',
          region: REGIONS.shangcheng,
          summary: '8 名配送骑手反映配送站本月停发工资，站点负责人不接电话，合计 41,600 元',
          employers: [EMPLOYERS.xiandaFresh],
          workerCount: 8,
          amountClaimedFen: 4_160_000,
          workers: [worker('沈家豪', '2000-05-21'), worker('卢志伟', '1994-11-07')],
        },
        // Pushed by the 12351 platform itself, through its API key: a machine act (系统接口·12351平台).
        { via: 'hotline' },
      );
      await s.raiseWarning(s.today(0.6), 'union', {
        employer: EMPLOYERS.xiandaFresh,
        level: 'yellow',
        region: REGIONS.shangcheng,
        reasons: ['8 名配送骑手本月工资停发', '站点负责人失联'],
      });
    },
  },
];
