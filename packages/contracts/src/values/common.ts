import { z } from 'zod';

/** A bilingual label: the UI shows zh-CN first, English second. */
export interface Label {
  readonly zh: string;
  readonly en: string;
}

/** Messages read 'zh · en' so one string serves both halves of the UI. */
export const bilingual = (zh: string, en: string): string => `${zh} · ${en}`;

export const uuidSchema = z.uuid({ error: bilingual('请从列表中选择', 'must be a UUID') });

/** The years a labor case's times may fall in: wide enough for any real case, narrow enough that
 * every derived Shanghai date stays a four-digit year (a deadline in 9999 once broke every view). */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2199;

const yearInRange = (value: string): boolean => {
  const year = Number(value.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};
const yearError = { error: bilingual(`年份须在 ${EARLIEST_YEAR}–${LATEST_YEAR} 之间`, `the year must be between ${EARLIEST_YEAR} and ${LATEST_YEAR}`) };

/** Time is stored in UTC (rule 9): offsets other than Z are refused rather than converted. */
export const isoDateTimeSchema = z.iso
  .datetime({ error: bilingual('请选择有效的日期', 'must be an ISO-8601 UTC time ending in Z') })
  .refine(yearInRange, yearError);

/** A calendar day (Shanghai, where it matters), within the same years as every time. */
export const calendarDateSchema = z.iso.date({ error: bilingual('请选择有效的日期', 'must be a date YYYY-MM-DD') }).refine(yearInRange, yearError);

/** Trimmed, non-empty free text with an upper bound; free text must never carry personal data. */
export function textSchema(max: number) {
  return z
    .string({ error: bilingual('须为文本', 'must be text') })
    .trim()
    .min(1, { error: bilingual('请填写此项', 'must not be empty') })
    .max(max, { error: bilingual(`请不要超过 ${max} 个字`, `at most ${max} characters`) });
}

/** Object-level error: names the fields a strict schema does not accept. */
export const strictError = {
  error: (issue: { code?: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys'
      ? bilingual(`不接受的字段：${(issue.keys ?? []).join('、')}`, `unknown field(s): ${(issue.keys ?? []).join(', ')}`)
      : undefined,
};

export interface Vocabulary<K extends string> {
  readonly values: readonly [K, ...K[]];
  readonly labels: { readonly [P in K]: Label };
  readonly schema: z.ZodEnum<{ [P in K]: P }>;
}

/** A closed list of codes with their labels; the schema is derived so the two never drift. */
export function vocabulary<const L extends Record<string, Label>>(labels: L, what: Label): Vocabulary<keyof L & string> {
  const values = Object.keys(labels) as [keyof L & string, ...(keyof L & string)[]];
  const allowed = values.join(' | ');
  return {
    values,
    labels: labels as { readonly [P in keyof L & string]: Label },
    schema: z.enum(values, { error: bilingual(`请从列表中选择${what.zh}`, `${what.en} must be one of ${allowed}`) }) as z.ZodEnum<{
      [P in keyof L & string]: P;
    }>,
  };
}

/** The largest store position or revision: they are signed 64-bit integers on every engine. */
const MAX_POSITION_TEXT = '9223372036854775807';

/**
 * A store position as text (decimal, 0 to 2^63-1), as the live feed and the timeline take it.
 * zod runs a refinement even after the regex has failed, so the bound is checked on the text
 * without BigInt (which throws on anything that is not an integer): it must hold for any string.
 */
export const positionTextSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,18})$/, { error: bilingual('须为位置（非负整数）', 'must be a position: a non-negative integer') })
  .refine((s) => s.length < MAX_POSITION_TEXT.length || (s.length === MAX_POSITION_TEXT.length && s <= MAX_POSITION_TEXT), {
    error: bilingual('位置不能超过 2^63-1', 'a position is at most 2^63-1'),
  });
