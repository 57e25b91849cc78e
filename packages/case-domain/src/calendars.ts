import example2026 from '../calendars/prc-holidays-2026.example.json' with { type: 'json' };
import { loadHolidayCalendar, type HolidayCalendar } from './time/calendar.js';

/**
 * EXAMPLE: the 2026 PRC holiday arrangement (国务院办公厅, 2025-11-04) as published. A deployment
 * must check it against the official notice and local rules, and load its own for other years.
 */
export const prcHolidays2026Example: HolidayCalendar = loadHolidayCalendar(example2026);
