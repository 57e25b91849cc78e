import { z } from 'zod';
import { bilingual } from './common.js';

const MOBILE = /^1[3-9]\d{9}$/;

export function isValidMobile(phone: string): boolean {
  return MOBILE.test(phone);
}

/** Eleven digits, no country code or separators: one spelling per number keeps lookups exact. */
export const mobileSchema = z
  .string({ error: bilingual('手机号须为文本', 'mobile number must be text') })
  .trim()
  .regex(MOBILE, { error: bilingual('手机号须为 11 位，以 13–19 开头', 'mobile number must be 11 digits starting 13–19') });
