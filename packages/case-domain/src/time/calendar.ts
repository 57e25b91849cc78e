import { addCalendarDays, dayOfWeek, isCalendarDate, shanghaiDate, type CalendarDate } from './shanghai.js';

/**
 * Which days are worked. Saturdays and Sundays are rest days unless listed in `workdays`
 * (调休 working weekends); any day listed in `holidays` is a rest day.
 */
export interface HolidayCalendar {
  readonly holidays: ReadonlySet<CalendarDate>;
  readonly workdays: ReadonlySet<CalendarDate>;
  readonly note?: string;
}

/** No public holidays known: only weekends rest. A deployment loads its own calendar. */
export const weekendsOnly: HolidayCalendar = { holidays: new Set(), workdays: new Set() };

export class CalendarError extends Error {
  override readonly name = 'CalendarError';
}

function dateList(value: unknown, key: string): CalendarDate[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new CalendarError(`${key} must be a list of dates`);
  return value.map((date: unknown) => {
    if (typeof date !== 'string' || !isCalendarDate(date)) throw new CalendarError(`${key}: not a date YYYY-MM-DD: ${String(date)}`);
    return date;
  });
}

const isWeekend = (date: CalendarDate) => [0, 6].includes(dayOfWeek(date));

/**
 * Reads `{ holidays: ['2026-10-01', …], workdays: ['2026-10-10', …], note? }`. A working day
 * that is not a weekend, or a day in both lists, is refused: it can only be a typo.
 */
export function loadHolidayCalendar(json: unknown): HolidayCalendar {
  if (typeof json !== 'object' || json === null) throw new CalendarError('a holiday calendar is an object { holidays, workdays }');
  const source = json as Record<string, unknown>;
  const holidays = dateList(source['holidays'], 'holidays');
  const workdays = dateList(source['workdays'], 'workdays');
  for (const day of workdays) {
    if (!isWeekend(day)) throw new CalendarError(`workdays: ${day} is not a Saturday or Sunday`);
    if (holidays.includes(day)) throw new CalendarError(`${day} is listed both as a holiday and as a workday`);
  }
  const note = source['note'];
  return { holidays: new Set(holidays), workdays: new Set(workdays), ...(typeof note === 'string' ? { note } : {}) };
}

/** One calendar from several (one file per year, say). */
export function mergeCalendars(...calendars: readonly HolidayCalendar[]): HolidayCalendar {
  return {
    holidays: new Set(calendars.flatMap((c) => [...c.holidays])),
    workdays: new Set(calendars.flatMap((c) => [...c.workdays])),
  };
}

export function isWorkingDay(date: CalendarDate, calendar: HolidayCalendar): boolean {
  if (calendar.holidays.has(date)) return false;
  return calendar.workdays.has(date) || !isWeekend(date);
}

/** The day itself when it is worked, else the first working day after it. */
export function nextWorkingDay(date: CalendarDate, calendar: HolidayCalendar): CalendarDate {
  let day = date;
  // A year has no run of 30 rest days; the bound only guards against a malformed calendar.
  for (let i = 0; i < 60 && !isWorkingDay(day, calendar); i++) day = addCalendarDays(day, 1);
  return day;
}

/** The n-th working day after `from` (its own day not counted, as in law); n = 0 is `from`'s day. */
export function addWorkingDays(from: Date | CalendarDate, days: number, calendar: HolidayCalendar): CalendarDate {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`working days must be a non-negative integer: ${days}`);
  let day = typeof from === 'string' ? from : shanghaiDate(from);
  for (let left = days; left > 0; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day, calendar)) left--;
  }
  return day;
}
