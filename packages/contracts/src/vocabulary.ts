import { vocabulary } from './values/common.js';

export const channels = vocabulary(
  {
    hotline_12351: { zh: '12351 热线', en: '12351 hotline' },
    walk_in: { zh: '来访', en: 'Walk-in' },
    monitoring_point: { zh: '企业监测点', en: 'Monitoring point in an enterprise' },
    online_platform: { zh: '网络平台', en: 'Online platform' },
    public_opinion: { zh: '舆情线索', en: 'Public-opinion lead' },
    inspection: { zh: '监督检查发现', en: 'Found by inspection' },
    referral: { zh: '其他机构移送', en: 'Referred by another body' },
  },
  { zh: '来源渠道', en: 'channel' },
);
export type Channel = (typeof channels.values)[number];

export const categories = vocabulary(
  {
    wage_arrears: { zh: '欠薪', en: 'Wage arrears' },
    social_insurance: { zh: '社保', en: 'Social insurance' },
    female_worker_protection: { zh: '女职工特殊保护', en: 'Female-worker protection' },
    employment_discrimination: { zh: '就业歧视', en: 'Employment discrimination' },
    work_injury: { zh: '工伤', en: 'Work injury' },
    unlawful_dismissal: { zh: '违法解除', en: 'Unlawful dismissal' },
    withheld_deposit: { zh: '押金/保证金', en: 'Withheld deposit' },
    labor_relationship_confirmation: { zh: '确认劳动关系', en: 'Labor-relationship confirmation' },
    other: { zh: '其他', en: 'Other' },
  },
  { zh: '案件类别', en: 'category' },
);
export type Category = (typeof categories.values)[number];

/** Where a joint review routes the case next. */
export const stages = vocabulary(
  {
    negotiation: { zh: '协商', en: 'Negotiation' },
    mediation: { zh: '调解', en: 'Mediation' },
    arbitration: { zh: '仲裁', en: 'Arbitration' },
    litigation: { zh: '诉讼', en: 'Litigation' },
    enforcement: { zh: '执行', en: 'Enforcement' },
    inspection: { zh: '劳动保障监察', en: 'Labor inspection' },
    supervision: { zh: '监督', en: 'Supervision' },
    closure: { zh: '销号', en: 'Closure' },
  },
  { zh: '流转环节', en: 'stage' },
);
export type Stage = (typeof stages.values)[number];

export const letterKinds = vocabulary(
  {
    reminder_letter: { zh: '提示函', en: 'Reminder letter' },
    opinion_letter: { zh: '意见书', en: 'Opinion letter' },
    recommendation_letter: { zh: '建议书', en: 'Recommendation letter' },
    procuratorial_recommendation: { zh: '检察建议', en: 'Procuratorial recommendation' },
    rectification_order: { zh: '责令改正决定书', en: 'Rectification order' },
  },
  { zh: '文书种类', en: 'letter kind' },
);
export type LetterKind = (typeof letterKinds.values)[number];

export const negotiationOutcomes = vocabulary(
  {
    settled: { zh: '达成和解', en: 'Settled' },
    partially_settled: { zh: '部分和解', en: 'Partially settled' },
    not_settled: { zh: '未达成和解', en: 'Not settled' },
  },
  { zh: '协商结果', en: 'negotiation outcome' },
);

export const resolutions = vocabulary(
  {
    settled_by_negotiation: { zh: '协商解决', en: 'Settled by negotiation' },
    settled_by_mediation: { zh: '调解解决', en: 'Settled by mediation' },
    arbitration_concluded: { zh: '仲裁结案', en: 'Concluded by arbitration' },
    judgment: { zh: '判决结案', en: 'Concluded by judgment' },
    enforced: { zh: '执行完毕', en: 'Enforced' },
    rectified: { zh: '整改完成', en: 'Rectified' },
    withdrawn: { zh: '撤回', en: 'Withdrawn' },
    unfounded: { zh: '查无实据', en: 'Unfounded' },
  },
  { zh: '办结方式', en: 'resolution' },
);
export type Resolution = (typeof resolutions.values)[number];

/** How an enforcement ended: recovered in full, in part, or terminated (终结本次执行: nothing more to recover now). */
export const enforcementOutcomes = vocabulary(
  {
    full: { zh: '全部执行到位', en: 'Fully enforced' },
    partial: { zh: '部分执行', en: 'Partly enforced' },
    terminated: { zh: '终结执行', en: 'Terminated' },
  },
  { zh: '执行结果', en: 'outcome' },
);

export const feedbackChannels = vocabulary(
  {
    phone: { zh: '电话', en: 'Phone' },
    sms: { zh: '短信', en: 'SMS' },
    in_person: { zh: '当面', en: 'In person' },
    online: { zh: '网上', en: 'Online' },
    letter: { zh: '书面', en: 'Letter' },
  },
  { zh: '反馈方式', en: 'feedback channel' },
);

export const creditLists = vocabulary(
  {
    key_monitoring: { zh: '守法诚信重点监控名单', en: 'Key monitoring list' },
    wage_arrears_blacklist: { zh: '拖欠农民工工资失信联合惩戒对象名单', en: 'Wage-arrears joint-discipline list' },
  },
  { zh: '名单', en: 'list' },
);

/** 分级预警, lowest to highest. */
export const warningLevels = vocabulary(
  {
    blue: { zh: '蓝色预警', en: 'Blue' },
    yellow: { zh: '黄色预警', en: 'Yellow' },
    orange: { zh: '橙色预警', en: 'Orange' },
    red: { zh: '红色预警', en: 'Red' },
  },
  { zh: '预警等级', en: 'warning level' },
);

/** The kinds money is itemized by in claims, agreements, awards, judgments and recoveries (issue 13.6). */
export const moneyKinds = vocabulary(
  {
    wages: { zh: '工资', en: 'Wages' },
    overtime: { zh: '加班费', en: 'Overtime pay' },
    economic_compensation: { zh: '经济补偿', en: 'Economic compensation' },
    damages: { zh: '赔偿金', en: 'Damages' },
    social_insurance: { zh: '社会保险', en: 'Social insurance' },
    deposits: { zh: '押金', en: 'Deposits' },
    other: { zh: '其他', en: 'Other' },
  },
  { zh: '款项种类', en: 'money kind' },
);
export type MoneyKind = (typeof moneyKinds.values)[number];
