import { addWorkingDays, nextWorkingDay, weekendsOnly, type HolidayCalendar } from './time/calendar.js';
import { addCalendarDays, addCalendarMonths, endOfShanghaiDay, shanghaiDate, type CalendarDate } from './time/shanghai.js';

export type DurationUnit = 'hours' | 'calendar_days' | 'working_days' | 'months';

export interface PolicyDuration {
  readonly amount: number;
  readonly unit: DurationUnit;
}

/** Rule 8: deadlines are data, set per deployment. */
export interface DeadlinePolicy {
  /** After a case is opened or reopened (a city's practice: 24 hours). */
  readonly workerFeedback: PolicyDuration;
  /** 检察建议 written reply, from receipt (the procuratorate's rules: two months). */
  readonly procuratorialReply: PolicyDuration;
  /** The same when the recommendation is marked urgent (15 days). */
  readonly procuratorialReplyUrgent: PolicyDuration;
  /** The commission decides on acceptance (劳动争议调解仲裁法 Art. 29: 5 days). */
  readonly arbitrationAcceptance: PolicyDuration;
  /** The commission concludes after acceptance (Art. 43: 45 days). */
  readonly arbitrationConclusion: PolicyDuration;
  /** The one extension Art. 43 allows (15 days). */
  readonly arbitrationExtension: PolicyDuration;
  /** A deadline this many Shanghai days away or fewer shows as due soon. */
  readonly dueSoonDays: number;
  /**
   * A period in days or months whose last day is a rest day ends on the next working day
   * (民事诉讼法 Art. 85, applied to arbitration by its procedural rules).
   */
  readonly rollOverRestDays: boolean;
  readonly calendar: HolidayCalendar;
}

export const defaultPolicy: DeadlinePolicy = {
  workerFeedback: { amount: 24, unit: 'hours' },
  procuratorialReply: { amount: 2, unit: 'months' },
  procuratorialReplyUrgent: { amount: 15, unit: 'calendar_days' },
  arbitrationAcceptance: { amount: 5, unit: 'calendar_days' },
  arbitrationConclusion: { amount: 45, unit: 'calendar_days' },
  arbitrationExtension: { amount: 15, unit: 'calendar_days' },
  dueSoonDays: 3,
  rollOverRestDays: true,
  calendar: weekendsOnly,
};

/**
 * When a period that starts at `start` ends. Hours count from the instant; days and months
 * count from the next Shanghai day (the starting day is not counted) and end at the close of
 * the last day, moved past rest days when the policy says so.
 */
export function deadlineFrom(start: Date, duration: PolicyDuration, policy: DeadlinePolicy): Date {
  if (duration.unit === 'hours') return new Date(start.getTime() + duration.amount * 3_600_000);
  const day = shanghaiDate(start);
  let last: CalendarDate;
  switch (duration.unit) {
    case 'working_days':
      return endOfShanghaiDay(addWorkingDays(day, duration.amount, policy.calendar));
    case 'calendar_days':
      last = addCalendarDays(day, duration.amount);
      break;
    case 'months':
      last = addCalendarMonths(day, duration.amount);
      break;
  }
  return endOfShanghaiDay(policy.rollOverRestDays ? nextWorkingDay(last, policy.calendar) : last);
}
