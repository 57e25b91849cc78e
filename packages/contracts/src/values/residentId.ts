import { z } from 'zod';
import { bilingual } from './common.js';
import { isValidRegionCode } from './regionCode.js';

/** ISO 7064 MOD 11-2 weights (2^(17-i) mod 11) and the check characters by remainder. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export function residentIdCheckCharacter(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

/** The birth date an ID number carries, 'YYYY-MM-DD', or null when it is not a real date from 1900 on. */
export function residentIdBirthDate(id: string): string | null {
  const match = /^\d{6}(\d{4})(\d{2})(\d{2})/.exec(id);
  if (!match) return null;
  const [, y = '', m = '', d = ''] = match;
  const year = Number(y);
  const date = new Date(Date.UTC(year, Number(m) - 1, Number(d)));
  const real = date.getUTCFullYear() === year && date.getUTCMonth() === Number(m) - 1 && date.getUTCDate() === Number(d);
  return real && year >= 1900 ? `${y}-${m}-${d}` : null;
}

/**
 * 18 characters, a region prefix, a real birth date and the MOD 11-2 check character.
 * A birth date in the future is not caught here: that needs a clock, and this module has none.
 */
export function isValidResidentId(id: string): boolean {
  return (
    /^\d{17}[\dX]$/.test(id) &&
    isValidRegionCode(id.slice(0, 6)) &&
    residentIdBirthDate(id) !== null &&
    residentIdCheckCharacter(id.slice(0, 17)) === id.charAt(17)
  );
}

export const residentIdSchema = z
  .string({ error: bilingual('身份证号须为文本', 'resident ID must be text') })
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, { error: bilingual('身份证号须为 17 位数字加 1 位校验码', 'resident ID must be 17 digits and a check character') })
  .refine((id) => isValidRegionCode(id.slice(0, 6)), { error: bilingual('身份证号地区码无效', 'resident ID has an invalid region prefix') })
  .refine((id) => residentIdBirthDate(id) !== null, { error: bilingual('身份证号出生日期无效', 'resident ID has an invalid birth date') })
  .refine((id) => residentIdCheckCharacter(id.slice(0, 17)) === id.charAt(17), {
    error: bilingual('身份证号校验码不符，请核对', 'resident ID check character does not match (ISO 7064 MOD 11-2)'),
  });
