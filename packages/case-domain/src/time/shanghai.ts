/**
 * Cutting UTC instants into Asia/Shanghai days (rule 9), with Intl rather than a fixed +8 so
 * the code stays right for any instant the tz database knows (Shanghai kept DST until 1991).
 */

/** A day on the Shanghai calendar, 'YYYY-MM-DD'. */
export type CalendarDate = string;

export const SHANGHAI = 'Asia/Shanghai';

const wallClockFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: SHANGHAI,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function wallClock(instant: Date): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
  const all = wallClockFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(all.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute'), second: part('second') };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function fromUtcParts(year: number, month: number, day: number): CalendarDate {
  const d = new Date(Date.UTC(year, month - 1, day));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && fromUtcParts(Number(match[1]), Number(match[2]), Number(match[3])) === value;
}

function parts(date: CalendarDate): [number, number, number] {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
  const [y, m, d] = date.split('-').map(Number);
  return [y ?? 0, m ?? 0, d ?? 0];
}

/** The Shanghai calendar day an instant falls on. */
export function shanghaiDate(instant: Date): CalendarDate {
  const { year, month, day } = wallClock(instant);
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Milliseconds Shanghai's wall clock is ahead of UTC at an instant. */
export function shanghaiOffsetMs(instant: Date): number {
  const w = wallClock(instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The UTC instant at which a Shanghai day begins. */
export function startOfShanghaiDay(date: CalendarDate): Date {
  const [y, m, d] = parts(date);
  const midnightAsUtc = Date.UTC(y, m - 1, d);
  // Offset at the guess, then at the result: right even where the offset changes that day.
  const first = midnightAsUtc - shanghaiOffsetMs(new Date(midnightAsUtc));
  return new Date(midnightAsUtc - shanghaiOffsetMs(new Date(first)));
}

/** The last millisecond of a Shanghai day: a deadline "by that day" ends here. */
export function endOfShanghaiDay(date: CalendarDate): Date {
  return new Date(startOfShanghaiDay(addCalendarDays(date, 1)).getTime() - 1);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const [y, m, d] = parts(date);
  return fromUtcParts(y, m, d + days);
}

/**
 * Adds months the way Chinese law counts them: the same day of the target month, or its last
 * day when it has none (Jan 31 + 1 month = Feb 28, or 29 in a leap year).
 */
export function addCalendarMonths(from: Date | CalendarDate, months: number): CalendarDate {
  const [y, m, d] = parts(typeof from === 'string' ? from : shanghaiDate(from));
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return fromUtcParts(y, m + months, Math.min(d, lastDay));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: CalendarDate): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Whole Shanghai calendar days from `from`'s day to `to`'s day (negative when `to` is earlier). */
export function shanghaiDaysBetween(from: Date, to: Date): number {
  // From the wall-clock numbers, not a formatted date: no year can make this throw.
  const f = wallClock(from);
  const t = wallClock(to);
  return Math.round((Date.UTC(t.year, t.month - 1, t.day) - Date.UTC(f.year, f.month - 1, f.day)) / 86_400_000);
}
