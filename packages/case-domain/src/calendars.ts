import prc2026 from '../calendars/prc-2026.json' with { type: 'json' };
import prc2027 from '../calendars/prc-2027.json' with { type: 'json' };
import { loadHolidayCalendar } from './data-files/calendar-file.js';
import { mergeCalendars, type HolidayCalendar } from './time/calendar.js';

/**
 * The national calendars that ship with the project (packages/case-domain/calendars/), read and
 * checked when this module loads. 2026: the State Council's arrangement (国务院办公厅, 2025-11-04).
 * 2027: provisional, the statutory holidays only, until the arrangement is published.
 */
export const prcHolidays2026: HolidayCalendar = loadHolidayCalendar(prc2026, 'packages/case-domain/calendars/prc-2026.json');
export const prcHolidays2027: HolidayCalendar = loadHolidayCalendar(prc2027, 'packages/case-domain/calendars/prc-2027.json');

/** What a service uses when HOLIDAY_CALENDAR is not set: every shipped year. */
export const nationalCalendar: HolidayCalendar = mergeCalendars(prcHolidays2026, prcHolidays2027);

/** The shipped files, by name, as HOLIDAY_CALENDAR's `national` entry and the docs name them. */
export const SHIPPED_CALENDAR_FILES = ['prc-2026.json', 'prc-2027.json'] as const;

/** @deprecated The 2026 calendar is the State Council's arrangement now: prcHolidays2026. */
export const prcHolidays2026Example: HolidayCalendar = prcHolidays2026;
