/**
 * Masks for people who may not see a worker's identity (DOMAIN.md, "Personal data").
 * They never throw: a display must not fail on an odd value, it must only not reveal it.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***; a one-character name is fully masked. Counts code points, not UTF-16 units. */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** 330106199003071236 → 3301**********1236: first 4, ten stars, last 4. */
export function maskIdNumber(id: string): string {
  const value = id.trim();
  if (value.length < 9) return '*'.repeat(value.length);
  return `${value.slice(0, 4)}${'*'.repeat(10)}${value.slice(-4)}`;
}

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const value = phone.trim();
  if (value.length < 8) return '*'.repeat(value.length);
  return `${value.slice(0, 3)}****${value.slice(-4)}`;
}
