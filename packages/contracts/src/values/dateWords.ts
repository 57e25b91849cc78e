import type { Label } from './common.js';

/**
 * Dates as people read them, in Beijing time (UTC+8 all year, no summer time): 2026年12月7日,
 * 2026年12月7日 09:30. For the words of choices and refusals, never an ISO timestamp.
 */
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A Beijing calendar day 'YYYY-MM-DD' in words; anything else is returned as it is. */
export function dayWords(day: string): Label {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return { zh: day, en: day };
  const [, y, m, d] = match as unknown as [string, string, string, string];
  return { zh: `${y}年${Number(m)}月${Number(d)}日`, en: `${Number(d)} ${MONTHS_EN[Number(m) - 1]} ${y}` };
}

const beijingIso = (instant: Date | string): string => new Date(new Date(instant).getTime() + BEIJING_OFFSET_MS).toISOString();

/** The Beijing day an instant falls on, in words. */
export const instantDayWords = (instant: Date | string): Label => dayWords(beijingIso(instant).slice(0, 10));

/** An instant as its Beijing day and time, in words: 2026年12月7日 09:30. */
export function instantWords(instant: Date | string): Label {
  const iso = beijingIso(instant);
  const day = dayWords(iso.slice(0, 10));
  const time = iso.slice(11, 16);
  return { zh: `${day.zh} ${time}`, en: `${day.en} ${time}` };
}
