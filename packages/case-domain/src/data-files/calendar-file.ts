/**
 * A holiday calendar file: one year's rest days (假日) and working weekends (调休上班), as the
 * State Council's notice gives them, or the statutory holidays alone while the notice is not out
 * (`provisional`). The format is in docs/deployment-data.md.
 */
import { isWeekend, type CalendarYear, type HolidayCalendar } from '../time/calendar.js';
import { addCalendarDays, dayOfWeek, isCalendarDate, type CalendarDate } from '../time/shanghai.js';
import { DataFileError, nodeOf, parseJsonSource, shown, type JsonNode, type SourcePosition } from './json-source.js';
import { entryOf, NodeReader } from './read.js';

export class CalendarError extends DataFileError {
  override readonly name = 'CalendarError';
}

const read: NodeReader = new NodeReader(CalendarError);
const TOP_KEYS = ['year', 'provisional', 'source', 'note', 'holidays', 'workdays'] as const;
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
/** The longest run a holiday entry may span: the longest arrangement ever was 9 days; a month is a typo's bound. */
const MAX_PERIOD_DAYS = 31;

/** A calendar read from a file, with where each of its dates was written (to name a conflict with another file). */
export interface CalendarFile {
  readonly calendar: HolidayCalendar;
  readonly positions: ReadonlyMap<CalendarDate, SourcePosition>;
  readonly origin?: string;
}

function date(node: JsonNode | undefined, parent: JsonNode, key: string, year: number): CalendarDate {
  if (node === undefined) read.fail(parent, `缺少 "${key}"`, `"${key}" is missing`);
  if (node.kind !== 'string' || !isCalendarDate(node.value)) {
    read.fail(node, `${key} 不是 YYYY-MM-DD 格式的日期（或没有这一天）：${shown(node)}`, `${key}: not a date YYYY-MM-DD (or no such day): ${shown(node)}`);
  }
  if (!node.value.startsWith(`${year}-`)) read.fail(node, `${node.value} 不在本文件的 ${year} 年内`, `${node.value} is not in this file's year ${year}`);
  return node.value;
}

function holidayDates(item: JsonNode, year: number): CalendarDate[] {
  if (item.kind === 'string') return [date(item, item, 'holidays', year)];
  const entries = read.object(item, '假日条目', 'a holiday entry');
  const has = (key: string) => entryOf(entries, key) !== undefined;
  if (has('date')) {
    read.onlyKeys(entries, ['date', 'name'], 'holiday');
  } else {
    read.onlyKeys(entries, ['from', 'to', 'name'], 'holiday');
  }
  const name = entryOf(entries, 'name');
  if (name) read.text(name.value, 'name', 100);
  if (has('date')) return [date(entryOf(entries, 'date')?.value, item, 'date', year)];
  if (!has('from')) read.fail(item, '假日条目应有 "date"，或 "from" 和 "to"', 'a holiday entry has "date", or "from" and "to"');
  const from = date(entryOf(entries, 'from')?.value, item, 'from', year);
  const toNode = entryOf(entries, 'to')?.value;
  const to = date(toNode, item, 'to', year);
  if (to < from) read.fail(toNode, `结束日 ${to} 早于开始日 ${from}`, `"to" ${to} is before "from" ${from}`);
  const days: CalendarDate[] = [];
  for (let d = from; d <= to; d = addCalendarDays(d, 1)) days.push(d);
  if (days.length > MAX_PERIOD_DAYS)
    read.fail(item, `一段假期不能超过 ${MAX_PERIOD_DAYS} 天`, `a holiday period cannot be longer than ${MAX_PERIOD_DAYS} days`);
  return days;
}

function workdayDate(item: JsonNode, year: number): CalendarDate {
  let node = item;
  if (item.kind !== 'string') {
    const entries = read.object(item, '上班日条目', 'a workday entry');
    read.onlyKeys(entries, ['date', 'name'], 'workday');
    const name = entryOf(entries, 'name');
    if (name) read.text(name.value, 'name', 100);
    const dateEntry = entryOf(entries, 'date');
    if (!dateEntry) read.fail(item, '上班日条目应有 "date"', 'a workday entry has "date"');
    node = dateEntry.value;
  }
  const day = date(node, item, 'workdays', year);
  if (!isWeekend(day)) {
    read.fail(
      node,
      `${day} 是${WEEKDAYS_ZH[dayOfWeek(day)]}，调休上班日只能是周六或周日`,
      `workdays: ${day} is not a Saturday or Sunday (a working weekend day is listed, weekdays are worked anyway)`,
    );
  }
  return day;
}

/** Reads one calendar from positioned JSON; `origin` (a setting and a path) goes into every error. */
export function readHolidayCalendar(root: JsonNode, origin?: string): CalendarFile {
  try {
    const entries = read.object(root, '节假日日历', 'a holiday calendar');
    read.onlyKeys(entries, TOP_KEYS, 'calendar');
    const yearEntry = entryOf(entries, 'year');
    if (!yearEntry) read.fail(root, '缺少 "year"（本文件的年份）', '"year" is missing (the year this file covers)');
    const year = read.wholeNumber(yearEntry.value, 'year', 2000, 2100);
    const provisionalEntry = entryOf(entries, 'provisional');
    const provisional = provisionalEntry ? read.boolean(provisionalEntry.value, 'provisional') : false;
    const sourceEntry = entryOf(entries, 'source');
    const source = sourceEntry ? read.text(sourceEntry.value, 'source') : undefined;
    const noteEntry = entryOf(entries, 'note');
    const note = noteEntry ? read.text(noteEntry.value, 'note') : undefined;
    const holidaysEntry = entryOf(entries, 'holidays');
    if (!holidaysEntry) read.fail(root, '缺少 "holidays"（假日列表）', '"holidays" is missing (the list of rest days)');

    const positions = new Map<CalendarDate, SourcePosition>();
    const holidays = new Set<CalendarDate>();
    for (const item of read.list(holidaysEntry.value, 'holidays')) {
      for (const day of holidayDates(item, year)) {
        const before = positions.get(day);
        if (before) {
          read.fail(item, `${day} 已在第 ${before.line} 行列出`, `${day} is listed twice (also on line ${before.line})`);
        }
        holidays.add(day);
        positions.set(day, item.at ?? { line: 0, column: 0 });
      }
    }
    const workdays = new Set<CalendarDate>();
    const workdaysEntry = entryOf(entries, 'workdays');
    for (const item of workdaysEntry ? read.list(workdaysEntry.value, 'workdays') : []) {
      const day = workdayDate(item, year);
      if (holidays.has(day)) read.fail(item, `${day} 同时被列为假日和上班日`, `${day} is listed both as a holiday and as a workday`);
      if (workdays.has(day)) read.fail(item, `${day} 重复列出`, `${day} is listed twice`);
      workdays.add(day);
      positions.set(day, item.at ?? { line: 0, column: 0 });
    }
    const covered: CalendarYear = { year, provisional, ...(source !== undefined ? { source } : {}), ...(origin !== undefined ? { origin } : {}) };
    const calendar: HolidayCalendar = { holidays, workdays, years: [covered], ...(note !== undefined ? { note } : {}) };
    return { calendar, positions, ...(origin !== undefined ? { origin } : {}) };
  } catch (error) {
    throw error instanceof DataFileError && origin !== undefined ? error.in(origin) : error;
  }
}

/** Reads a calendar file's text: a syntax error or a wrong value is refused with its line and column. */
export function parseHolidayCalendar(text: string, origin?: string): CalendarFile {
  let root: JsonNode;
  try {
    root = parseJsonSource(text);
  } catch (error) {
    if (error instanceof DataFileError) throw new CalendarError(error.zh, error.en, error.at, origin);
    throw error;
  }
  return readHolidayCalendar(root, origin);
}

/** A calendar from a value already parsed (the shipped files, tests); errors name no line. */
export function loadHolidayCalendar(json: unknown, origin?: string): HolidayCalendar {
  return readHolidayCalendar(nodeOf(json), origin).calendar;
}

/**
 * Several calendar files as one (one per year, and a region's own days beside the nation's). A
 * day that one file rests and another works is refused where the later file lists it.
 */
export function combineCalendarFiles(files: readonly CalendarFile[]): HolidayCalendar {
  const holidays = new Map<CalendarDate, CalendarFile>();
  const workdays = new Map<CalendarDate, CalendarFile>();
  for (const file of files) {
    const conflict = (day: CalendarDate, other: CalendarFile, zhHere: string, enHere: string) => {
      const where = other.positions.get(day);
      const otherName = `${other.origin ?? '?'}${where && where.line > 0 ? `:${where.line}:${where.column}` : ''}`;
      throw new CalendarError(
        `${day} 在本文件是${zhHere}，在 ${otherName} 却不是`,
        `${day} is a ${enHere} here but not in ${otherName}`,
        file.positions.get(day),
        file.origin,
      );
    };
    for (const day of file.calendar.workdays) {
      const other = holidays.get(day);
      if (other) conflict(day, other, '上班日', 'working day');
      workdays.set(day, file);
    }
    for (const day of file.calendar.holidays) {
      const other = workdays.get(day);
      if (other) conflict(day, other, '假日', 'holiday');
      holidays.set(day, file);
    }
  }
  const years = files.flatMap((f) => f.calendar.years ?? []);
  return { holidays: new Set(holidays.keys()), workdays: new Set(workdays.keys()), years };
}
