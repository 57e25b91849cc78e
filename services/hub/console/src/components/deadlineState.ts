/**
 * One word for where a deadline stands, whatever list shows it: still open (by its status as of
 * now), met on time, or met late (逾期完成) — met late is its own state, never the green 按期完成.
 * Plain data, so the rule is tested without a browser.
 */
import type { DeadlineStatus } from '@hub/case-domain';
import type { Label } from '@hub/contracts';

export type DeadlineState = DeadlineStatus | 'met' | 'late';

export const deadlineStateWords: Readonly<Record<DeadlineState, { label: Label; mark: string }>> = {
  overdue: { label: { zh: '已逾期', en: 'Overdue' }, mark: '⚠' },
  due_today: { label: { zh: '今日到期', en: 'Due today' }, mark: '●' },
  due_soon: { label: { zh: '即将到期', en: 'Due soon' }, mark: '◔' },
  pending: { label: { zh: '未到期', en: 'Open' }, mark: '○' },
  met: { label: { zh: '按期完成', en: 'Met on time' }, mark: '✓' },
  late: { label: { zh: '逾期完成', en: 'Met late' }, mark: '◑' },
};

/** What the hub or an agency says of a deadline: its status while open, or whether (and when) it was met. */
export interface DeadlineFacts {
  /** As of the query, while open; null once met. */
  readonly status: DeadlineStatus | null;
  readonly met?: boolean | undefined;
  /** Met after it was due. */
  readonly late?: boolean | undefined;
}

/** The state of a deadline; null when nothing is known (met, but the answer does not say how). */
export function deadlineState(d: DeadlineFacts): DeadlineState | null {
  if (d.status !== null && d.met !== true) return d.status;
  if (d.met !== true) return null;
  return d.late === true ? 'late' : 'met';
}

/** A rectification item's deadline: open while work is owed, else met on time or late by its report. */
export function itemDeadlineState(item: { deadlineStatus: DeadlineStatus | null; met: { late: boolean } | null }): DeadlineState | null {
  return deadlineState({ status: item.deadlineStatus, met: item.met !== null, late: item.met?.late });
}
