/**
 * Masks for personal data shown to someone who may not see it in full (DOMAIN.md, "Personal data"):
 * 张三 → 张*, 330102199001011234 → 3301**********1234, 13812345678 → 138****5678.
 */
// The display masks are the catalog's (one definition for every package); this module adds only
// the masking of IDs and phones inside free text, which logs need.
import { maskIdNumber, maskName, maskPhone } from '@hub/contracts';

export { maskIdNumber, maskName, maskPhone };

// Bounded by anything that is not a letter or digit, so hex hashes, UUIDs and longer numbers
// (millisecond timestamps, positions) are left alone; the check digit is not verified on purpose:
// a mistyped ID is still someone's personal data.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** Masks resident-ID-looking and mobile-looking numbers inside free text. */
export function maskPersonalText(text: string): string {
  return text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);
}
