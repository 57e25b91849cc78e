import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CalendarError,
  isWorkingDay,
  loadHolidayCalendar,
  mergeCalendars,
  nextWorkingDay,
  prcHolidays2026,
  weekendsOnly,
} from '../src/index.js';

const cal = prcHolidays2026;

describe('the 2026 national calendar (国务院办公厅, 2025-11-04)', () => {
  it('is the shipped data file, the State Council arrangement, not provisional', () => {
    const file = JSON.parse(readFileSync(new URL('../calendars/prc-2026.json', import.meta.url), 'utf8')) as unknown;
    const loaded = loadHolidayCalendar(file);
    expect([...loaded.holidays]).toEqual([...cal.holidays]);
    expect(cal.years).toEqual([expect.objectContaining({ year: 2026, provisional: false })]);
    expect(cal.holidays.size).toBe(33);
    expect([...cal.workdays].sort()).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });

  it('rests on holidays and works on adjusted weekends', () => {
    expect(isWorkingDay('2026-10-01', cal)).toBe(false);
    expect(isWorkingDay('2026-10-07', cal)).toBe(false);
    expect(isWorkingDay('2026-10-08', cal)).toBe(true);
    expect(isWorkingDay('2026-10-10', cal)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2026-09-20', cal)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2026-10-11', cal)).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2026-10-01', weekendsOnly)).toBe(true);
  });

  it('counts working days across the National Day week', () => {
    expect(addWorkingDays('2026-09-30', 1, cal)).toBe('2026-10-08');
    expect(addWorkingDays('2026-09-30', 3, cal)).toBe('2026-10-10');
    expect(addWorkingDays('2026-09-30', 4, cal)).toBe('2026-10-12');
    expect(addWorkingDays('2026-09-30', 0, cal)).toBe('2026-09-30');
    expect(addWorkingDays('2026-09-30', 1, weekendsOnly)).toBe('2026-10-01');
  });

  it('counts 15 working days over the Spring Festival', () => {
    // 2/13, 2/14 (Sat, worked); 2/15–23 rest; 2/24–27, 2/28 (Sat, worked); 3/2–6; 3/9–11.
    expect(addWorkingDays('2026-02-12', 15, cal)).toBe('2026-03-11');
  });

  it('starts counting from an instant’s Shanghai day', () => {
    expect(addWorkingDays(new Date('2026-09-29T16:30:00Z'), 1, cal)).toBe('2026-10-08');
  });

  it('finds the next working day on or after a day', () => {
    expect(nextWorkingDay('2026-10-03', cal)).toBe('2026-10-08');
    expect(nextWorkingDay('2026-10-08', cal)).toBe('2026-10-08');
    expect(nextWorkingDay('2026-05-09', cal)).toBe('2026-05-09');
  });
});

describe('loading a calendar', () => {
  it('refuses malformed calendars', () => {
    expect(() => loadHolidayCalendar(null)).toThrow(CalendarError);
    expect(() => loadHolidayCalendar({ year: 2026, holidays: ['2026-13-01'] })).toThrow(/not a date/);
    expect(() => loadHolidayCalendar({ year: 2026, holidays: '2026-10-01' })).toThrow(/list/);
    expect(() => loadHolidayCalendar({ year: 2026, holidays: [], workdays: ['2026-10-09'] })).toThrow(/not a Saturday or Sunday/);
    expect(() => loadHolidayCalendar({ year: 2026, holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toThrow(/both/);
    expect(() => loadHolidayCalendar({ holidays: [] })).toThrow(/"year" is missing/);
    expect(() => addWorkingDays('2026-10-01', -1, cal)).toThrow(RangeError);
  });

  it('merges one file per year', () => {
    const next = loadHolidayCalendar({ year: 2027, holidays: ['2027-01-01'], workdays: [] });
    const both = mergeCalendars(cal, next);
    expect(isWorkingDay('2027-01-01', both)).toBe(false);
    expect(isWorkingDay('2026-10-10', both)).toBe(true);
  });
});
