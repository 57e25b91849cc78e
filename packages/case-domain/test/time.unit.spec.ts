import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addCalendarMonths,
  dayOfWeek,
  endOfShanghaiDay,
  isCalendarDate,
  shanghaiDate,
  shanghaiDaysBetween,
  shanghaiOffsetMs,
  startOfShanghaiDay,
} from '../src/index.js';

describe('Asia/Shanghai day cutting', () => {
  it('puts 2026-11-22T16:30Z on 23 November in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-11-22T16:30:00Z'))).toBe('2026-11-23');
    expect(shanghaiDate(new Date('2026-11-22T15:59:59.999Z'))).toBe('2026-11-22');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('starts and ends a Shanghai day at the right UTC instants', () => {
    expect(startOfShanghaiDay('2026-11-23').toISOString()).toBe('2026-11-22T16:00:00.000Z');
    expect(endOfShanghaiDay('2026-11-23').toISOString()).toBe('2026-11-23T15:59:59.999Z');
    expect(shanghaiOffsetMs(new Date('2026-06-01T00:00:00Z'))).toBe(8 * 3_600_000);
  });

  it('follows the tz database into the years Shanghai kept summer time', () => {
    expect(shanghaiOffsetMs(new Date('1988-07-01T00:00:00Z'))).toBe(9 * 3_600_000);
    expect(startOfShanghaiDay('1988-07-01').toISOString()).toBe('1988-06-30T15:00:00.000Z');
  });

  it('counts Shanghai calendar days between instants, not 24-hour spans', () => {
    expect(shanghaiDaysBetween(new Date('2026-11-22T15:00:00Z'), new Date('2026-11-22T16:30:00Z'))).toBe(1);
    expect(shanghaiDaysBetween(new Date('2026-11-22T16:30:00Z'), new Date('2026-11-23T15:00:00Z'))).toBe(0);
    expect(shanghaiDaysBetween(new Date('2026-11-25T00:00:00Z'), new Date('2026-11-22T00:00:00Z'))).toBe(-3);
  });
});

describe('calendar arithmetic', () => {
  it('adds months as the law counts them: same day, or the month’s last', () => {
    expect(addCalendarMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addCalendarMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addCalendarMonths('2026-03-31', 1)).toBe('2026-04-30');
    expect(addCalendarMonths('2026-03-09', 2)).toBe('2026-05-09');
    expect(addCalendarMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addCalendarMonths('2026-03-31', -1)).toBe('2026-02-28');
  });

  it('adds months from an instant on its Shanghai day', () => {
    expect(addCalendarMonths(new Date('2026-01-30T16:30:00Z'), 1)).toBe('2026-02-28');
  });

  it('adds days across months and years', () => {
    expect(addCalendarDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addCalendarDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addCalendarDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('knows weekdays and real dates', () => {
    expect(dayOfWeek('2026-10-10')).toBe(6);
    expect(dayOfWeek('2026-03-02')).toBe(1);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-2-1')).toBe(false);
    expect(() => addCalendarDays('2026-13-01', 1)).toThrow(RangeError);
  });
});
