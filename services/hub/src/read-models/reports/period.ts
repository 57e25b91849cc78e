import { isCalendarDate, shanghaiDate } from '@hub/case-domain';
import { bilingual } from '@hub/contracts';
import { z } from 'zod';

const HOUR_MS = 3_600_000;
const monthByHour = new Map<number, string>();

/**
 * The Shanghai month ('YYYY-MM') an instant falls in (rule 9). Asked several times per event in a
 * rebuild, so remembered per UTC hour: Shanghai keeps UTC+8 all year, so an hour never straddles
 * two of its months.
 */
export function shanghaiMonth(instant: string): string {
  const hour = Math.floor(Date.parse(instant) / HOUR_MS);
  if (Number.isNaN(hour)) return shanghaiDate(new Date(instant)).slice(0, 7);
  let month = monthByHour.get(hour);
  if (month === undefined) {
    if (monthByHour.size >= 100_000) monthByHour.clear();
    month = shanghaiDate(new Date(hour * HOUR_MS)).slice(0, 7);
    monthByHour.set(hour, month);
  }
  return month;
}

/** The Shanghai day ('YYYY-MM-DD') an instant falls on (rule 9). */
export const shanghaiDay = (instant: string): string => shanghaiDate(new Date(instant));

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: bilingual('月份须为 YYYY-MM', 'month must be YYYY-MM') });

/**
 * The month query up to the current Shanghai month: a month still to come has no report to read
 * (its deadlines have not fallen due), so it is refused in words rather than shown empty.
 */
export function monthUpTo(now: Date) {
  const current = shanghaiMonth(now.toISOString());
  const [year, month] = current.split('-');
  return monthSchema.refine((m) => m <= current, {
    error: bilingual(`不能查看未来月份的报表：最近的月份是 ${year}年${Number(month)}月`, `a month still to come has no report; the latest is ${current}`),
  });
}

export const dateSchema = z.string().refine(isCalendarDate, { error: bilingual('日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD') });

export { regionPrefixSchema } from '@hub/contracts';
