import { isCalendarDate, shanghaiDate } from '@hub/case-domain';
import { bilingual, provinceNames } from '@hub/contracts';
import { z } from 'zod';

/** The Shanghai month ('YYYY-MM') an instant falls in (rule 9). */
export const shanghaiMonth = (instant: string): string => shanghaiDate(new Date(instant)).slice(0, 7);

/** The Shanghai day ('YYYY-MM-DD') an instant falls on (rule 9). */
export const shanghaiDay = (instant: string): string => shanghaiDate(new Date(instant));

export const monthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: bilingual('月份须为 YYYY-MM', 'month must be YYYY-MM') });

export const dateSchema = z
  .string()
  .refine(isCalendarDate, { error: bilingual('日期须为 YYYY-MM-DD', 'date must be YYYY-MM-DD') });

/**
 * A prefix of a 行政区划代码: 2 digits a province, 4 a city, 6 a district. Figures are stored per
 * 6-digit code, so any prefix sums its subregions.
 */
export const regionPrefixSchema = z
  .string()
  .regex(/^(\d{2}){1,3}$/, { error: bilingual('地区须为 2、4 或 6 位行政区划代码', 'region must be a 2-, 4- or 6-digit region code') })
  .refine((code) => code.slice(0, 2) in provinceNames, {
    error: bilingual('行政区划代码的省级前缀不存在', 'region code has no such province prefix'),
  });
