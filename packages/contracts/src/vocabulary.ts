import { vocabulary } from './values/common.js';
import {
  channels as channelsWords,
  categories as categoriesWords,
  stages as stagesWords,
  letterKinds as letterKindsWords,
  resolutions as resolutionsWords,
  warningLevels as warningLevelsWords,
  moneyKinds as moneyKindsWords,
} from './words.js';

export const channels = vocabulary(channelsWords.labels, { zh: '来源渠道', en: 'channel' });
export type Channel = (typeof channels.values)[number];

export const categories = vocabulary(categoriesWords.labels, { zh: '案件类别', en: 'category' });
export type Category = (typeof categories.values)[number];

/** Where a joint review routes the case next. */
export const stages = vocabulary(stagesWords.labels, { zh: '流转环节', en: 'stage' });
export type Stage = (typeof stages.values)[number];

export const letterKinds = vocabulary(letterKindsWords.labels, { zh: '文书种类', en: 'letter kind' });
export type LetterKind = (typeof letterKinds.values)[number];

export const negotiationOutcomes = vocabulary(
  {
    settled: { zh: '达成和解', en: 'Settled' },
    partially_settled: { zh: '部分和解', en: 'Partially settled' },
    not_settled: { zh: '未达成和解', en: 'Not settled' },
  },
  { zh: '协商结果', en: 'negotiation outcome' },
);

export const resolutions = vocabulary(resolutionsWords.labels, { zh: '办结方式', en: 'resolution' });
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
export const warningLevels = vocabulary(warningLevelsWords.labels, { zh: '预警等级', en: 'warning level' });

/** The kinds money is itemized by in claims, agreements, awards, judgments and recoveries (issue 13.6). */
export const moneyKinds = vocabulary(moneyKindsWords.labels, { zh: '款项种类', en: 'money kind' });
export type MoneyKind = (typeof moneyKinds.values)[number];
