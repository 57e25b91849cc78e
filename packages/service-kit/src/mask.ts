/**
 * Masks for personal data shown to someone who may not see it in full (DOMAIN.md, "Personal data"):
 * 张三 → 张*, 330102199001011234 → 3301**********1234, 13812345678 → 138****5678.
 */

export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  return chars[0]! + '*'.repeat(chars.length - 1);
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

export function maskPhone(phone: string): string {
  const s = phone.trim();
  if (s.length <= 7) return '*'.repeat(s.length);
  return s.slice(0, 3) + '*'.repeat(s.length - 7) + s.slice(-4);
}

// Bounded by anything that is not a letter or digit, so hex hashes, UUIDs and longer numbers
// (millisecond timestamps, positions) are left alone; the check digit is not verified on purpose:
// a mistyped ID is still someone's personal data.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;
const MOBILE = /(?<![0-9A-Za-z])1[3-9]\d{9}(?![0-9A-Za-z])/g;

/** Masks resident-ID-looking and mobile-looking numbers inside free text. */
export function maskPersonalText(text: string): string {
  return text.replace(ID_NUMBER, maskIdNumber).replace(MOBILE, maskPhone);
}
