import { isCalendarDate, shanghaiDate } from '@hub/case-domain';
import { bilingual } from '@hub/contracts';
import { z } from 'zod';

/** The Shanghai month ('YYYY-MM') an instant falls in (rule 9). */
export const shanghaiMonth = (instant: string): string => shanghaiDate(new Date(instant)).slice(0, 7);

/** The Shanghai day ('YYYY-MM-DD') an instant falls on (rule 9). */
export const shanghaiDay = (instant: string): string => shanghaiDate(new Date(instant));

export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: bilingual('月份须为 YYYY-MM', 'month must be YYYY-MM') });

export const dateSchema = z.string().refine(isCalendarDate, { error: bilingual('日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD') });

export { regionPrefixSchema } from '@hub/contracts';
