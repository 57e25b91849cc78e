/**
 * The deployment's deadline data (issue 13.7): the deadline policy from the file DEADLINE_POLICY
 * names, the holiday calendar from the files HOLIDAY_CALENDAR names, read and checked when a
 * service starts. A bad file stops the start with a ConfigError that names the file, the line
 * and the column and says what is wrong in Chinese and English (docs/deployment-data.md).
 */
import { readFileSync } from 'node:fs';
import {
  combineCalendarFiles,
  DataFileError,
  defaultPolicy,
  parseDeadlinePolicy,
  parseHolidayCalendar,
  prcHolidays2026,
  prcHolidays2027,
  shanghaiDate,
  type CalendarFile,
  type DeadlinePolicy,
  type HolidayCalendar,
} from '@hub/case-domain';
import { ConfigError } from '@hub/service-kit';

export const DEADLINE_POLICY_VARIABLE = 'DEADLINE_POLICY';
export const HOLIDAY_CALENDAR_VARIABLE = 'HOLIDAY_CALENDAR';
/** The settings read here (listed with the agency services' in AGENCY_VARIABLES; the hub reads them too). */
export const DEPLOYMENT_DATA_VARIABLES = [DEADLINE_POLICY_VARIABLE, HOLIDAY_CALENDAR_VARIABLE] as const;
/** In HOLIDAY_CALENDAR, the calendars that ship with the project (packages/case-domain/calendars/). */
export const NATIONAL_CALENDARS = 'national';
/** A year this close ahead without a calendar is warned of: deadlines counted now may end in it. */
const LOOK_AHEAD_DAYS = 90;

const shippedFiles: readonly CalendarFile[] = [
  { calendar: prcHolidays2026, positions: new Map(), origin: `${NATIONAL_CALENDARS} (packages/case-domain/calendars/prc-2026.json)` },
  { calendar: prcHolidays2027, positions: new Map(), origin: `${NATIONAL_CALENDARS} (packages/case-domain/calendars/prc-2027.json)` },
];

export interface DeploymentDeadlines {
  readonly policy: DeadlinePolicy;
  /** Said once at start: provisional years in use, years ahead that no calendar covers. */
  readonly warnings: readonly string[];
}

type Env = Readonly<Record<string, string | undefined>>;

function readText(variable: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在 · no such file' : (error as Error).message;
    throw new ConfigError([`${variable} ${path}: 无法读取 · cannot read: ${reason}`]);
  }
}

function asConfigError(error: unknown): unknown {
  return error instanceof DataFileError ? new ConfigError([error.message]) : error;
}

/** HOLIDAY_CALENDAR: files separated by commas, `national` for the shipped ones; unset, the shipped ones. */
export function loadHolidayCalendarSetting(env: Env): HolidayCalendar {
  const entries = (env[HOLIDAY_CALENDAR_VARIABLE] ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const files = (entries.length > 0 ? entries : [NATIONAL_CALENDARS]).flatMap((entry) => (entry === NATIONAL_CALENDARS ? shippedFiles : [parseOne(entry)]));
  try {
    return combineCalendarFiles(files);
  } catch (error) {
    throw asConfigError(error);
  }
}

function parseOne(path: string): CalendarFile {
  const origin = `${HOLIDAY_CALENDAR_VARIABLE} ${path}`;
  try {
    return parseHolidayCalendar(readText(HOLIDAY_CALENDAR_VARIABLE, path), origin);
  } catch (error) {
    throw asConfigError(error);
  }
}

/** What a calendar leaves uncertain around `now`: years marked provisional, and this year or the next without any calendar. */
export function calendarWarnings(calendar: HolidayCalendar, now: Date): string[] {
  const warnings: string[] = [];
  const years = calendar.years ?? [];
  for (const year of years.filter((y) => y.provisional)) {
    warnings.push(
      `节假日日历 ${year.year} 年为暂定（${year.origin ?? '?'}）：只有法定节日当天，没有国务院办公厅尚未公布的补假和调休上班日，按工作日计算的期限可能与正式安排相差几天；公布后请更新（docs/deployment-data.md） · ` +
        `the ${year.year} holiday calendar is provisional (${year.origin ?? '?'}): statutory holidays only, without the substitute days off and working weekends the State Council has not yet published, so periods counted in working days may differ by a few days; update it when the arrangement is out (docs/deployment-data.md)`,
    );
  }
  const thisYear = Number(shanghaiDate(now).slice(0, 4));
  const ahead = Number(shanghaiDate(new Date(now.getTime() + LOOK_AHEAD_DAYS * 86_400_000)).slice(0, 4));
  for (const year of new Set([thisYear, ahead])) {
    if (!years.some((y) => y.year === year)) {
      warnings.push(
        `没有 ${year} 年的节假日日历：该年只有周六、周日休息；请按 docs/deployment-data.md 在 HOLIDAY_CALENDAR 中加上 · ` +
          `no holiday calendar covers ${year}: only Saturdays and Sundays rest in it; add one to HOLIDAY_CALENDAR (docs/deployment-data.md)`,
      );
    }
  }
  return warnings;
}

/**
 * The deployment's policy: DEADLINE_POLICY's file over DOMAIN.md's defaults, with the calendar of
 * HOLIDAY_CALENDAR (default: the national calendars that ship). Throws ConfigError on a bad file.
 */
export function loadDeploymentDeadlines(env: Env, now: Date): DeploymentDeadlines {
  const calendar = loadHolidayCalendarSetting(env);
  const path = env[DEADLINE_POLICY_VARIABLE]?.trim();
  let settings: Omit<DeadlinePolicy, 'calendar'> = defaultPolicy;
  if (path) {
    try {
      settings = parseDeadlinePolicy(readText(DEADLINE_POLICY_VARIABLE, path), `${DEADLINE_POLICY_VARIABLE} ${path}`);
    } catch (error) {
      throw asConfigError(error);
    }
  }
  const { calendar: _default, ...durations } = { ...defaultPolicy, ...settings };
  return { policy: { ...durations, calendar }, warnings: calendarWarnings(calendar, now) };
}

const warned = new Set<string>();

/** Logs each warning once per process (pnpm start runs five services in one). */
export function warnOnce(warnings: readonly string[], warn: (message: string) => void): void {
  for (const message of warnings) {
    if (warned.has(message)) continue;
    warned.add(message);
    warn(message);
  }
}
