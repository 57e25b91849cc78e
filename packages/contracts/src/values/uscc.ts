import { z } from 'zod';
import { bilingual } from './common.js';

/** GB 32100-2015: 31 characters, the digits and capitals without I, O, Z, S, V. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Position weights 3^i mod 31, as the standard tabulates them. */
export const USCC_WEIGHTS: readonly number[] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters, or null when they are not in the charset. */
export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Length, charset, the six-digit region segment (positions 3–8) and the check character.
 * The region segment is not checked against province prefixes: central bodies use 100000.
 */
export function isValidUscc(code: string): boolean {
  return SHAPE.test(code) && usccCheckCharacter(code.slice(0, 17)) === code.charAt(17);
}

export const usccSchema = z
  .string({ error: bilingual('统一社会信用代码须为文本', 'USCC must be text') })
  .trim()
  .toUpperCase()
  .length(18, { error: bilingual('统一社会信用代码须为 18 位', 'USCC must be 18 characters') })
  .regex(SHAPE, {
    error: bilingual(
      '统一社会信用代码含非法字符（不使用 I、O、Z、S、V），第 3–8 位须为数字',
      'USCC has a character outside its charset (no I, O, Z, S, V) or a non-digit in positions 3–8',
    ),
  })
  .refine((code) => isValidUscc(code), {
    error: bilingual('统一社会信用代码校验位不符，请核对', 'USCC check character does not match (GB 32100-2015)'),
  });

export type Uscc = string;
