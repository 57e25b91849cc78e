/**
 * The words of the vocabularies the web console shows (agencies, roles, channels, categories,
 * stages, letter kinds, resolutions, warning levels, money kinds, meeting decisions, statuses),
 * as plain data: no zod, so a page that only shows them does not load and run the schemas
 * (`@hub/contracts/words`). The vocabularies of `@hub/contracts` are built from these same
 * objects, with their zod schemas beside them.
 */
import type { Label } from './values/common.js';

export type { Label };

/** A vocabulary's codes, in order, and their words. */
export interface Words<K extends string> {
  readonly values: readonly [K, ...K[]];
  readonly labels: { readonly [P in K]: Label };
}

function words<const L extends Record<string, Label>>(labels: L): Words<keyof L & string> {
  return { values: Object.keys(labels) as [keyof L & string, ...(keyof L & string)[]], labels };
}

export const channels = words({
  hotline_12351: { zh: '12351 热线', en: '12351 hotline' },
  walk_in: { zh: '来访', en: 'Walk-in' },
  monitoring_point: { zh: '企业监测点', en: 'Monitoring point in an enterprise' },
  online_platform: { zh: '网络平台', en: 'Online platform' },
  public_opinion: { zh: '舆情线索', en: 'Public-opinion lead' },
  inspection: { zh: '监督检查发现', en: 'Found by inspection' },
  referral: { zh: '其他机构移送', en: 'Referred by another body' },
});

export const categories = words({
  wage_arrears: { zh: '欠薪', en: 'Wage arrears' },
  social_insurance: { zh: '社保', en: 'Social insurance' },
  female_worker_protection: { zh: '女职工特殊保护', en: 'Female-worker protection' },
  employment_discrimination: { zh: '就业歧视', en: 'Employment discrimination' },
  work_injury: { zh: '工伤', en: 'Work injury' },
  unlawful_dismissal: { zh: '违法解除', en: 'Unlawful dismissal' },
  withheld_deposit: { zh: '押金/保证金', en: 'Withheld deposit' },
  labor_relationship_confirmation: { zh: '确认劳动关系', en: 'Labor-relationship confirmation' },
  other: { zh: '其他', en: 'Other' },
});

export const stages = words({
  negotiation: { zh: '协商', en: 'Negotiation' },
  mediation: { zh: '调解', en: 'Mediation' },
  arbitration: { zh: '仲裁', en: 'Arbitration' },
  litigation: { zh: '诉讼', en: 'Litigation' },
  enforcement: { zh: '执行', en: 'Enforcement' },
  inspection: { zh: '劳动保障监察', en: 'Labor inspection' },
  supervision: { zh: '监督', en: 'Supervision' },
  closure: { zh: '销号', en: 'Closure' },
});

export const letterKinds = words({
  reminder_letter: { zh: '提示函', en: 'Reminder letter' },
  opinion_letter: { zh: '意见书', en: 'Opinion letter' },
  recommendation_letter: { zh: '建议书', en: 'Recommendation letter' },
  procuratorial_recommendation: { zh: '检察建议', en: 'Procuratorial recommendation' },
  rectification_order: { zh: '责令改正决定书', en: 'Rectification order' },
});

export const resolutions = words({
  settled_by_negotiation: { zh: '协商解决', en: 'Settled by negotiation' },
  settled_by_mediation: { zh: '调解解决', en: 'Settled by mediation' },
  arbitration_concluded: { zh: '仲裁结案', en: 'Concluded by arbitration' },
  judgment: { zh: '判决结案', en: 'Concluded by judgment' },
  enforced: { zh: '执行完毕', en: 'Enforced' },
  rectified: { zh: '整改完成', en: 'Rectified' },
  withdrawn: { zh: '撤回', en: 'Withdrawn' },
  unfounded: { zh: '查无实据', en: 'Unfounded' },
});

export const warningLevels = words({
  blue: { zh: '蓝色预警', en: 'Blue' },
  yellow: { zh: '黄色预警', en: 'Yellow' },
  orange: { zh: '橙色预警', en: 'Orange' },
  red: { zh: '红色预警', en: 'Red' },
});

export const moneyKinds = words({
  wages: { zh: '工资', en: 'Wages' },
  overtime: { zh: '加班费', en: 'Overtime pay' },
  economic_compensation: { zh: '经济补偿', en: 'Economic compensation' },
  damages: { zh: '赔偿金', en: 'Damages' },
  social_insurance: { zh: '社会保险', en: 'Social insurance' },
  deposits: { zh: '押金', en: 'Deposits' },
  other: { zh: '其他', en: 'Other' },
});

export const agencies = words({
  union: { zh: '工会', en: 'Trade union' },
  procuratorate: { zh: '人民检察院', en: "People's procuratorate" },
  hr_bureau: { zh: '人力资源和社会保障局', en: 'Human resources and social security bureau' },
  court: { zh: '人民法院', en: "People's court" },
});

export const roles = words({
  liaison: { zh: '联络员', en: 'Liaison' },
  auditor: { zh: '审计员', en: 'Auditor' },
  secretary: { zh: '联席会议秘书', en: 'Joint-meeting secretary' },
  admin: { zh: '系统管理员', en: 'Administrator' },
});

export type AgencyWord = (typeof agencies.values)[number];
export const agencyIds: readonly AgencyWord[] = agencies.values;
export const agencyNames: { readonly [A in AgencyWord]: Label } = agencies.labels;
export const roleLabels = roles.labels;

/** Short names for tight UI spots (timelines, badges). */
export const agencyShortNames: { readonly [A in AgencyWord]: Label } = {
  union: { zh: '工会', en: 'Union' },
  procuratorate: { zh: '检察院', en: 'Procuratorate' },
  hr_bureau: { zh: '人社局', en: 'HR bureau' },
  court: { zh: '法院', en: 'Court' },
};

export const meetingDecisionLabels = {
  extend: { zh: '延期', en: 'Extend' },
  escalate: { zh: '升级督办', en: 'Escalate' },
  close: { zh: '销项', en: 'Close' },
} as const;

export { statusLabels } from './labels.js';
