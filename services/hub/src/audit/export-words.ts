/**
 * The words of what the audit hands to people (CSV, XLSX, the printout): Beijing time as people
 * write it (2026年12月7日 09:30), every event field by its Chinese name, enum values by their
 * vocabulary's words, agencies by name — never a field key, a code or a UUID.
 */
import { SHANGHAI } from '@hub/case-domain';
import {
  agencyIdSchema,
  agencyNames,
  categories,
  channels,
  creditLists,
  documentKinds,
  enforcementOutcomes,
  feedbackChannels,
  letterKinds,
  meetingDecisionLabels,
  moneyKinds,
  negotiationOutcomes,
  provinceOf,
  resolutions,
  stages,
  warningLevels,
} from '@hub/contracts';
import { FIELD_WORDS } from './field-words.js';

export { FIELD_WORDS };

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** An instant as people in Beijing write it: 2026年12月7日 09:30 (Asia/Shanghai). Not an instant: as it is. */
export function beijingTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = wallClock.formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}年${Number(part('month'))}月${Number(part('day'))}日 ${part('hour')}:${part('minute')}`;
}

/** An agency by its name (人民检察院); what is not an agency id stays as it is. */
export function agencyWords(value: unknown): string {
  const agency = agencyIdSchema.safeParse(value);
  return agency.success ? agencyNames[agency.data].zh : String(value ?? '');
}

/** The audit's checks by name, as the console's audit page names them. */
export const CHECK_WORDS: Readonly<Record<string, string>> = { chain: '哈希链', signatures: '签名', witnesses: '见证', keys: '密钥', identity: '案件标识' };

const vocabularies: readonly { readonly labels: Readonly<Record<string, { zh: string }>> }[] = [
  { labels: agencyNames },
  channels,
  categories,
  stages,
  letterKinds,
  moneyKinds,
  negotiationOutcomes,
  resolutions,
  enforcementOutcomes,
  feedbackChannels,
  creditLists,
  warningLevels,
  documentKinds,
  { labels: meetingDecisionLabels },
];

/** Codes of the catalog that are no vocabulary's: the discriminators of its unions. */
const OTHER_CODES: Readonly<Record<string, string>> = {
  worker: '劳动者',
  employer: '用人单位',
  enterprise: '企业',
  agency: '机关或其他单位',
  procuratorate: '人民检察院',
  worker_request: '职工本人申请',
  retention_expired: '保存期限届满',
  judgment: '判决书',
  arbitration_award: '仲裁裁决书',
  arbitration_mediation_document: '仲裁调解书',
  events: '事件签名',
};

/** A code (wage_arrears, union, extend…) in words, or undefined when it is no known code. */
export function codeWords(value: string): string | undefined {
  for (const v of vocabularies) if (Object.hasOwn(v.labels, value)) return v.labels[value]!.zh;
  return OTHER_CODES[value];
}

export const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/i;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Money in fen as people read it: ¥1,072.46. */
export const yuan = (fen: number): string => new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(fen / 100);

/** One field's value in words, or null when it says nothing to a person (an id, an empty list). */
export function valueWords(key: string, value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number') return key.endsWith('Fen') ? yuan(value) : String(value);
  if (typeof value === 'string') {
    // A GB/T 2260 code with its province's name: 浙江省（330106）.
    if (key === 'region' && /^\d{6}$/.test(value)) return provinceOf(value) ? `${provinceOf(value)}（${value}）` : value;
    if (UUID.test(value) && value.length <= 40) return null;
    if (INSTANT.test(value)) return beijingTime(value);
    if (/^[a-z0-9_]+$/.test(value)) return codeWords(value) ?? value;
    return value;
  }
  if (Array.isArray(value)) {
    const words = value.map((v) => valueWords(key, v)).filter((v): v is string => v !== null && v !== '');
    return words.length > 0 ? words.join('、') : value.length > 0 ? `${value.length} 项` : null;
  }
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if ('ct' in o && 'iv' in o) return null; // an encrypted personal field, masked already
    if (typeof o['displayName'] === 'string') return o['displayName'];
    if (typeof o['name'] === 'string') return o['name'];
    const parts = Object.entries(o)
      .map(([k, v]) => [k, valueWords(k, v)] as const)
      .filter(([, v]) => v !== null && v !== '')
      .map(([k, v]) => `${FIELD_WORDS[k] ?? '其他'}：${v}`);
    return parts.length > 0 ? parts.join('，') : null;
  }
  return null;
}
