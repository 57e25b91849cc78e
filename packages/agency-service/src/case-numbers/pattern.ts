/**
 * How a case number reads: a deployment's pattern (CASE_NUMBER_PATTERN) filled with the year,
 * the case's region, the agency's code, the kind of case and the sequence from the agency's
 * register. Pure: the service checks the setting at start, and the parts are stored with the
 * number so that completing an opening later (or elsewhere) writes the very same text.
 */
import type { AgencyId, Category, Channel } from '@hub/contracts';

export const DEFAULT_CASE_NUMBER_PATTERN = '〔{year}〕{region}{agency}{kind}字第{seq}号';

/** The settings an agency service reads for its case numbers (documented in docs/case-numbers.md). */
export const CASE_NUMBER_VARIABLES = ['CASE_NUMBER_PATTERN', 'CASE_NUMBER_AGENCY_CODE'] as const;

/** 机关代字 by default: 工会 工, 检察院 检, 人社局 人, 法院 法. */
export const DEFAULT_AGENCY_CODES: { readonly [A in AgencyId]: string } = { union: '工', procuratorate: '检', hr_bureau: '人', court: '法' };

/**
 * The kind of case from how it came in: a worker's own complaint is 维 (维权), a lead found by
 * monitoring, inspection or public opinion is 督 (监督), one referred by another body is 移 (移送).
 */
export const CHANNEL_KINDS: { readonly [C in Channel]: string } = {
  hotline_12351: '维',
  walk_in: '维',
  online_platform: '维',
  monitoring_point: '督',
  public_opinion: '督',
  inspection: '督',
  referral: '移',
};

/** One character per category, for patterns that name it ({category}). */
export const CATEGORY_CODES: { readonly [C in Category]: string } = {
  wage_arrears: '薪',
  social_insurance: '保',
  female_worker_protection: '女',
  employment_discrimination: '歧',
  work_injury: '伤',
  unlawful_dismissal: '解',
  withheld_deposit: '押',
  labor_relationship_confirmation: '确',
  other: '他',
};

/** 省级简称 as the courts' case numbers use them (京、沪、浙…; 内蒙古 内, 贵州 黔, 四川 川). */
const PROVINCE_SHORT: { readonly [prefix: string]: string } = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '内',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '黔',
  '53': '云',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
  '71': '台',
  '81': '港',
  '82': '澳',
};

/**
 * A GB/T 2260 code in the short form courts use: the province's 简称 and the code's remaining
 * digits without trailing 00 pairs: 330106 → 浙0106, 330100 → 浙01, 330000 → 浙.
 */
export function regionShort(code: string): string {
  const province = PROVINCE_SHORT[code.slice(0, 2)] ?? code.slice(0, 2);
  let rest = code.slice(2);
  while (rest.endsWith('00')) rest = rest.slice(0, -2);
  return province + rest;
}

/** The values a pattern is filled with, stored with the number (all but the sequence). */
export interface CaseNumberParts {
  readonly pattern: string;
  readonly year: number;
  readonly region: string;
  readonly regionCode: string;
  readonly agency: string;
  readonly kind: string;
  readonly category: string;
}

const TOKENS = ['year', 'region', 'regionCode', 'agency', 'kind', 'category', 'seq'] as const;
const REQUIRED = ['year', 'agency', 'seq'] as const;

export class CaseNumberSettingError extends Error {
  override readonly name = 'CaseNumberSettingError';
}

export interface CaseNumberSettings {
  readonly pattern: string;
  readonly agencyCode: string;
}

const list = (tokens: readonly string[], sep: string) => tokens.map((t) => `{${t}}`).join(sep);

/**
 * Reads CASE_NUMBER_PATTERN and CASE_NUMBER_AGENCY_CODE, refusing (bilingual, naming the
 * variable) a pattern with an unknown token, without {year}, {agency} or {seq} (numbers run per
 * agency and year; without them two cases could read alike), or longer than 60 characters.
 */
export function caseNumberSettings(agency: AgencyId, env: Readonly<Record<string, string | undefined>>): CaseNumberSettings {
  const pattern = env['CASE_NUMBER_PATTERN']?.trim() || DEFAULT_CASE_NUMBER_PATTERN;
  const agencyCode = env['CASE_NUMBER_AGENCY_CODE']?.trim() || DEFAULT_AGENCY_CODES[agency];
  if (pattern.length > 60)
    throw new CaseNumberSettingError('CASE_NUMBER_PATTERN 过长（至多 60 个字符）· CASE_NUMBER_PATTERN is too long (60 characters at most)');
  const used = [...pattern.matchAll(/\{([^{}]*)\}/g)].map((m) => m[1]!);
  const unknown = used.filter((t) => !(TOKENS as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new CaseNumberSettingError(
      `CASE_NUMBER_PATTERN 含未知占位符 ${list(unknown, '、')}；可用：${list(TOKENS, ' ')} · CASE_NUMBER_PATTERN has unknown placeholders ${list(unknown, ', ')}; known: ${list(TOKENS, ' ')}`,
    );
  }
  const missing = REQUIRED.filter((t) => !used.includes(t));
  if (missing.length > 0) {
    throw new CaseNumberSettingError(
      `CASE_NUMBER_PATTERN 须含 ${list(missing, '、')}（案号按机关和年度编号）· CASE_NUMBER_PATTERN must contain ${list(missing, ', ')} (numbers run per agency and year)`,
    );
  }
  if (/[{}]/.test(pattern.replace(/\{[^{}]*\}/g, '')))
    throw new CaseNumberSettingError('CASE_NUMBER_PATTERN 的花括号不成对 · CASE_NUMBER_PATTERN has an unpaired brace');
  if (!/^[^\s{}\p{Cc}]{1,8}$/u.test(agencyCode)) {
    throw new CaseNumberSettingError('CASE_NUMBER_AGENCY_CODE 须为 1 至 8 个非空白字符 · CASE_NUMBER_AGENCY_CODE must be 1 to 8 printable characters');
  }
  return { pattern, agencyCode };
}

/** The parts of a case's number, from the settings and what the case was opened with. */
export function caseNumberParts(
  settings: CaseNumberSettings,
  year: number,
  opened: { readonly region: string; readonly channel: Channel; readonly category: Category },
): CaseNumberParts {
  return {
    pattern: settings.pattern,
    year,
    region: regionShort(opened.region),
    regionCode: opened.region,
    agency: settings.agencyCode,
    kind: CHANNEL_KINDS[opened.channel],
    category: CATEGORY_CODES[opened.category],
  };
}

/** The number as people read it: the pattern with every token filled; the sequence without leading zeros. */
export function formatCaseNumber(parts: CaseNumberParts, sequence: number): string {
  const values: Record<string, string> = {
    year: String(parts.year),
    region: parts.region,
    regionCode: parts.regionCode,
    agency: parts.agency,
    kind: parts.kind,
    category: parts.category,
    seq: String(sequence),
  };
  return parts.pattern.replace(/\{([^{}]*)\}/g, (whole, token: string) => values[token] ?? whole);
}
