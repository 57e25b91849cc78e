import { addCalendarDays, dayOfWeek, shanghaiDate, type CalendarDate } from './shanghai.js';

/**
 * Which days are worked. Saturdays and Sundays are rest days unless listed in `workdays`
 * (调休 working weekends); any day listed in `holidays` is a rest day.
 */
export interface HolidayCalendar {
  readonly holidays: ReadonlySet<CalendarDate>;
  readonly workdays: ReadonlySet<CalendarDate>;
  readonly note?: string;
  /** The years whose holidays it holds (a year not listed: only weekends rest). */
  readonly years?: readonly CalendarYear[];
}

/** A year a calendar file covers: whether it is the State Council's arrangement or provisional, and from where. */
export interface CalendarYear {
  readonly year: number;
  /** True while the year's arrangement is not published: statutory holidays only, no 调休 (docs/deployment-data.md). */
  readonly provisional: boolean;
  /** What the dates rest on (the notice, or the law for a provisional year). */
  readonly source?: string;
  /** The file it was read from, as its setting names it. */
  readonly origin?: string;
}

/** No public holidays known: only weekends rest. */
export const weekendsOnly: HolidayCalendar = { holidays: new Set(), workdays: new Set(), years: [] };

/** Saturday or Sunday. */
export const isWeekend = (date: CalendarDate): boolean => [0, 6].includes(dayOfWeek(date));

/** One calendar from several (one file per year, say). */
export function mergeCalendars(...calendars: readonly HolidayCalendar[]): HolidayCalendar {
  return {
    holidays: new Set(calendars.flatMap((c) => [...c.holidays])),
    workdays: new Set(calendars.flatMap((c) => [...c.workdays])),
    years: calendars.flatMap((c) => c.years ?? []),
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
