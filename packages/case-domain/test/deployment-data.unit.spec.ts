import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CalendarError,
  combineCalendarFiles,
  DataFileError,
  dayOfWeek,
  defaultPolicy,
  isWorkingDay,
  nationalCalendar,
  parseDeadlinePolicy,
  parseHolidayCalendar,
  parseJsonSource,
  PolicyError,
  prcHolidays2027,
} from '../src/index.js';

const shipped = (name: string) => readFileSync(new URL(`../calendars/${name}`, import.meta.url), 'utf8');

/** The error `run` throws, which must be a DataFileError. */
function refusal(run: () => unknown): DataFileError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataFileError);
    return error as DataFileError;
  }
  throw new Error('expected a refusal');
}

/** Given a file's lines, when it is read, then it is refused at this line and column with these words (both languages). */
function refusedAt(error: DataFileError, line: number, column: number, zh: RegExp, en: RegExp): void {
  expect(error.at).toEqual({ line, column });
  expect(error.zh).toMatch(zh);
  expect(error.en).toMatch(en);
  expect(error.message).toContain(`第 ${line} 行第 ${column} 列`);
  expect(error.message).toContain(`line ${line}, column ${column}`);
}

const lines = (...l: string[]) => l.join('\n');

describe('positioned JSON: a syntax error names its line and column', () => {
  it.each([
    ['a trailing comma', lines('{', '  "year": 2027,', '  "holidays": [],', '}'), 3, 17, /多余的逗号/, /trailing comma/],
    ['a comment', lines('{', '  // 2027', '  "year": 2027', '}'), 2, 3, /注释/, /no comments/],
    ['single quotes', lines('{', "  'year': 2027", '}'), 2, 3, /双引号/, /double quotes/],
    ['a missing comma', lines('{', '  "year": 2027', '  "holidays": []', '}'), 3, 3, /逗号/, /expected , or }/],
    ['an unclosed string', lines('{', '  "year": 2027,', '  "note": "没有结束', '}'), 3, 11, /结束的引号/, /no closing quote/],
    ['a duplicate key', lines('{', '  "year": 2027,', '  "year": 2028', '}'), 3, 3, /重复/, /appears twice/],
    ['text after the value', lines('{}', 'x'), 2, 1, /多余的内容/, /after the value/],
    ['an empty file', '', 1, 1, /意外结束/, /ends where a value was expected/],
    ['a bad escape', lines('{ "note": "a\\q" }'), 1, 13, /转义/, /invalid escape/],
  ])('refuses %s', (_what, text, line, column, zh, en) => {
    refusedAt(
      refusal(() => parseJsonSource(text)),
      line,
      column,
      zh,
      en,
    );
  });

  it('counts a Chinese character as one column and skips a byte-order mark', () => {
    refusedAt(
      refusal(() => parseJsonSource('\uFEFF{ "备注": 1,, }')),
      1,
      12,
      /键名/,
      /expected a key/,
    );
  });
});

describe('a holiday calendar file: every kind of wrong value names its line and column', () => {
  const source = 'HOLIDAY_CALENDAR /etc/hub/prc-2027.json';
  const calendar = (...body: string[]) => lines('{', '  "year": 2027,', ...body, '}');

  it.each([
    ['a day that does not exist', calendar('  "holidays": ["2027-02-30"]'), 3, 16, /YYYY-MM-DD/, /not a date/],
    [
      'a date in another year',
      calendar('  "holidays": [{ "name": "元旦", "date": "2026-01-01" }]'),
      3,
      40,
      /不在本文件的 2027 年内/,
      /not in this file's year 2027/,
    ],
    ['a period that ends before it starts', calendar('  "holidays": [{ "from": "2027-10-07", "to": "2027-10-01" }]'), 3, 46, /早于开始日/, /before "from"/],
    ['a period longer than a month', calendar('  "holidays": [{ "from": "2027-01-01", "to": "2027-03-01" }]'), 3, 16, /31 天/, /31 days/],
    [
      'a day listed twice',
      calendar('  "holidays": [', '    "2027-01-01",', '    { "from": "2027-01-01", "to": "2027-01-02" }', '  ]'),
      5,
      5,
      /已在第 4 行列出/,
      /listed twice/,
    ],
    ['a working weekday', calendar('  "holidays": [],', '  "workdays": ["2027-02-10"]'), 4, 16, /周三，调休上班日只能是周六或周日/, /not a Saturday or Sunday/],
    [
      'a day both rested and worked',
      calendar('  "holidays": ["2027-02-13"],', '  "workdays": ["2027-02-13"]'),
      4,
      16,
      /同时被列为假日和上班日/,
      /both as a holiday and as a workday/,
    ],
    ['an unknown key', calendar('  "holidays": [],', '  "holiday": []'), 4, 3, /未知的键 "holiday"/, /unknown calendar key "holiday"/],
    ['an entry with neither date nor period', calendar('  "holidays": [{ "name": "春节" }]'), 3, 16, /"from" 和 "to"/, /has "date", or "from" and "to"/],
    [
      'provisional that is not true or false',
      lines('{', '  "year": 2027,', '  "provisional": "yes",', '  "holidays": []', '}'),
      3,
      18,
      /true 或 false/,
      /true or false/,
    ],
    ['a year out of range', lines('{', '  "year": 27,', '  "holidays": []', '}'), 2, 11, /2000 到 2100/, /between 2000 and 2100/],
    ['a missing year', lines('{', '  "holidays": []', '}'), 1, 1, /缺少 "year"/, /"year" is missing/],
    ['holidays that are not a list', calendar('  "holidays": "2027-01-01"'), 3, 15, /列表/, /must be a list/],
  ])('refuses %s', (_what, text, line, column, zh, en) => {
    const error = refusal(() => parseHolidayCalendar(text, source));
    expect(error).toBeInstanceOf(CalendarError);
    refusedAt(error, line, column, zh, en);
    expect(error.message.startsWith(`${source}:${line}:${column}: `)).toBe(true);
  });

  it('reads dates, named days and periods, and knows its year and whether it is provisional', () => {
    const { calendar: read } = parseHolidayCalendar(
      calendar(
        '  "provisional": true,',
        '  "holidays": ["2027-01-01", { "name": "劳动节", "from": "2027-05-01", "to": "2027-05-03" }],',
        '  "workdays": [{ "date": "2027-05-08" }]',
      ),
      source,
    );
    expect([...read.holidays]).toEqual(['2027-01-01', '2027-05-01', '2027-05-02', '2027-05-03']);
    expect([...read.workdays]).toEqual(['2027-05-08']);
    expect(read.years).toEqual([{ year: 2027, provisional: true, origin: source }]);
  });

  it('refuses, when two files are combined, a day one rests and the other works, naming both files', () => {
    const national = parseHolidayCalendar(calendar('  "holidays": [],', '  "workdays": ["2027-02-13"]'), 'a.json');
    const local = parseHolidayCalendar(calendar('  "holidays": ["2027-02-13"]'), 'b.json');
    const error = refusal(() => combineCalendarFiles([national, local]));
    expect(error.message).toMatch(/^b\.json:3:16: /);
    expect(error.en).toContain('not in a.json:4:16');
  });
});

describe('a deadline policy file: every kind of wrong value names its line and column', () => {
  const source = 'DEADLINE_POLICY /etc/hub/deadline-policy.json';

  it.each([
    [
      'an unknown unit',
      lines('{', '  "workerFeedback": { "amount": 24, "unit": "weeks" }', '}'),
      2,
      45,
      /只能是 hours/,
      /unit must be one of hours, calendar_days, working_days, months/,
    ],
    [
      'a negative amount',
      lines('{', '  "workerFeedback": { "amount": -1, "unit": "hours" }', '}'),
      2,
      33,
      /amount 应是 0 到 9999/,
      /amount must be a non-negative whole number/,
    ],
    [
      'a fractional amount',
      lines('{', '  "arbitrationConclusion": {', '    "amount": 4.5,', '    "unit": "calendar_days"', '  }', '}'),
      3,
      15,
      /整数/,
      /whole number/,
    ],
    ['a missing unit', lines('{', '  "procuratorialReply": { "amount": 2 }', '}'), 2, 25, /缺少 "unit"/, /unit is missing/],
    [
      'a misspelt key',
      lines('{', '  "workerFeedbak": { "amount": 24, "unit": "hours" }', '}'),
      2,
      3,
      /未知的键 "workerFeedbak"/,
      /unknown policy key "workerFeedbak"/,
    ],
    ['dueSoonDays that is not a whole number', lines('{', '  "dueSoonDays": 1.5', '}'), 2, 18, /dueSoonDays/, /dueSoonDays must be a whole number/],
    [
      'rollOverRestDays that is not true or false',
      lines('{', '  "rollOverRestDays": "yes"', '}'),
      2,
      23,
      /true 或 false/,
      /rollOverRestDays must be true or false/,
    ],
    ['a duration that is not an object', lines('{', '  "workerFeedback": 24', '}'), 2, 21, /对象/, /must be an object/],
    ['a policy that is not an object', '[]', 1, 1, /期限政策应是一个对象/, /a deadline policy must be an object/],
  ])('refuses %s', (_what, text, line, column, zh, en) => {
    const error = refusal(() => parseDeadlinePolicy(text, source));
    expect(error).toBeInstanceOf(PolicyError);
    refusedAt(error, line, column, zh, en);
    expect(error.message.startsWith(`${source}:${line}:${column}: `)).toBe(true);
  });

  it('takes what it names and keeps the defaults for the rest', () => {
    const read = parseDeadlinePolicy(lines('{', '  "note": "本市做法",', '  "workerFeedback": { "amount": 2, "unit": "working_days" }', '}'));
    expect(read.workerFeedback).toEqual({ amount: 2, unit: 'working_days' });
    expect(read.arbitrationConclusion).toEqual(defaultPolicy.arbitrationConclusion);
  });

  it('ships the defaults as a template that reads back as DOMAIN.md’s defaults', () => {
    const template = readFileSync(new URL('../policies/default.json', import.meta.url), 'utf8');
    const { calendar: _calendar, ...defaults } = defaultPolicy;
    expect(parseDeadlinePolicy(template)).toEqual(defaults);
  });
});

describe('the national calendars that ship', () => {
  it('2026 is the State Council arrangement of 2025-11-04, read by the file parser as it stands', () => {
    const { calendar } = parseHolidayCalendar(shipped('prc-2026.json'), 'prc-2026.json');
    expect(calendar.years).toEqual([expect.objectContaining({ year: 2026, provisional: false, source: expect.stringContaining('2025年11月4日') })]);
    expect(calendar.holidays.size).toBe(33);
    expect(calendar.workdays.size).toBe(6);
  });

  it('2027 is provisional: the statutory holidays only (13 days, 全国年节及纪念日放假办法 Art. 2), no 调休 working weekends', () => {
    const { calendar } = parseHolidayCalendar(shipped('prc-2027.json'), 'prc-2027.json');
    expect(calendar.years).toEqual([expect.objectContaining({ year: 2027, provisional: true })]);
    expect(calendar.workdays.size).toBe(0);
    expect([...calendar.holidays]).toEqual([
      '2027-01-01', // 元旦
      '2027-02-05', // 除夕 (腊月廿九: the twelfth month of 丙午 has 29 days; new moons 2027-01-08 04:25 and 2027-02-06 23:56 Beijing time)
      '2027-02-06', // 正月初一
      '2027-02-07',
      '2027-02-08', // 正月初三
      '2027-04-05', // 清明: the sun at 15° longitude, 2027-04-05 08:17 Beijing time
      '2027-05-01',
      '2027-05-02',
      '2027-06-09', // 端午: 五月初五 (the fifth month begins with the new moon of 2027-06-05 03:40)
      '2027-09-15', // 中秋: 八月十五 (the eighth month begins with the new moon of 2027-09-01 01:41)
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    // Weekdays as the law's 补假 rule will need them: 春节 falls Fri–Mon, 劳动节 Sat–Sun, 国庆 Fri–Sun.
    expect(['2027-02-05', '2027-02-06', '2027-05-01', '2027-10-01'].map(dayOfWeek)).toEqual([5, 6, 6, 5]);
    expect(prcHolidays2027.holidays).toEqual(calendar.holidays);
  });

  it('the default calendar is both years: the 2026 调休 Saturday is worked, 2027’s 除夕 rests, 2028 has only weekends', () => {
    expect(isWorkingDay('2026-10-10', nationalCalendar)).toBe(true);
    expect(isWorkingDay('2027-02-05', nationalCalendar)).toBe(false);
    expect(isWorkingDay('2028-01-03', nationalCalendar)).toBe(true);
    expect(nationalCalendar.years?.map((y) => [y.year, y.provisional])).toEqual([
      [2026, false],
      [2027, true],
    ]);
  });
});
