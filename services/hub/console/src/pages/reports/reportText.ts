/** Small pure helpers of the reports page: region codes, labels from the vocabularies, field problems. */
import { provinceNames, regionPrefixSchema } from '@hub/contracts';
import type { Breakdown } from '@hub/hub-service/wire';
import { ApiError } from '../../app/api.ts';
import type { Label } from '../../app/i18n.tsx';

/** 2 digits a province, 4 a city, 6 a district, under a real province: the hub's own schema. */
export const isRegionPrefix = (value: string): boolean => regionPrefixSchema.safeParse(value).success;

/** Why a region prefix is refused, in the schema's own words (the server would say the same). */
export function regionIssue(value: string): Label | null {
  const parsed = regionPrefixSchema.safeParse(value);
  if (parsed.success) return null;
  return splitBilingual(parsed.error.issues[0]?.message ?? '');
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const isMonth = (value: string | null): value is string => value !== null && MONTH_PATTERN.test(value);
export const isDate = (value: string | null): value is string => value !== null && DATE_PATTERN.test(value);

/** How a region prefix reads: 全部地区, or the code with its province. */
export function regionLabel(region: string | null): Label {
  if (!region) return { zh: '全部地区', en: 'All regions' };
  const province = provinceNames[region.slice(0, 2)];
  const level = region.length === 2 ? { zh: '省级', en: 'province' } : region.length === 4 ? { zh: '市级', en: 'city' } : { zh: '区县级', en: 'district' };
  return province ? { zh: `${region}（${province}，${level.zh}）`, en: `${region} (${province}, ${level.en})` } : { zh: region, en: region };
}

/** The hub writes field messages as 'zh · en' (contracts' bilingual()). */
export function splitBilingual(message: string): Label {
  const at = message.indexOf(' · ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}

/** The server's words about one query field of a 400, if it named that field. */
export function fieldProblem(error: unknown, field: string): Label | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const issue = error.problem.errors?.find((e) => e.path === field);
  return issue ? splitBilingual(issue.message) : null;
}

/** A row's label from the contracts' vocabulary when it has the key, else the server's. */
export function vocabularyLabel(labels: { readonly [key: string]: Label } | undefined, row: Breakdown): Label {
  return labels && row.key in labels ? labels[row.key]! : row.label;
}

export const sumOf = (rows: readonly { count: number }[]): number => rows.reduce((n, r) => n + r.count, 0);
