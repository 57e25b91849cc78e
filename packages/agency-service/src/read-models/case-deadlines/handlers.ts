import { deadlineStatus } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import type { HandlerWorkload } from '../../wire.js';

// 承办人 (issue 13.5): each agency's handler of each case, beside the cases and their deadlines.

const statements = statementsPer((db: ReadModelDb) => ({
  casesOf: db.prepare<[string, string], { case_id: string }>('SELECT case_id FROM handlers WHERE agency = ? AND user_id = ?'),
  ofAgency: db.prepare<[string], { case_id: string; user_id: string; display_name: string; status: string | null }>(
    `SELECT h.case_id, h.user_id, h.display_name, c.status FROM handlers h LEFT JOIN cases c ON c.case_id = h.case_id WHERE h.agency = ?`,
  ),
  dueOf: db.prepare<[string], { case_id: string; due_at: string }>('SELECT case_id, due_at FROM deadlines WHERE agency = ?'),
}));

/** The cases `userId` handles for the agency. */
export function casesHandledBy(db: ReadModelDb, agency: AgencyId, userId: string): Set<string> {
  return new Set(
    statements(db)
      .casesOf.all(agency, userId)
      .map((r) => r.case_id),
  );
}

/**
 * Per person who handles cases for the agency: the open cases they handle and, of the agency's
 * unmet deadlines on them, how many are overdue at `now` (most overdue first, then most open cases).
 */
export function workloadOf(db: ReadModelDb, agency: AgencyId, now: Date, dueSoonDays: number): HandlerWorkload[] {
  const s = statements(db);
  const byUser = new Map<string, HandlerWorkload>();
  const handlerOf = new Map<string, string>();
  for (const r of s.ofAgency.all(agency)) {
    handlerOf.set(r.case_id, r.user_id);
    const entry = byUser.get(r.user_id) ?? { userId: r.user_id, displayName: r.display_name, openCases: 0, overdueDeadlines: 0, dueSoonDeadlines: 0 };
    if (r.status === 'open') entry.openCases++;
    byUser.set(r.user_id, entry);
  }
  for (const d of s.dueOf.all(agency)) {
    const entry = byUser.get(handlerOf.get(d.case_id) ?? '');
    if (!entry) continue;
    const status = deadlineStatus(d.due_at, now, dueSoonDays);
    if (status === 'overdue') entry.overdueDeadlines++;
    else if (status === 'due_today' || status === 'due_soon') entry.dueSoonDeadlines++;
  }
  return [...byUser.values()].sort(
    (a, b) => b.overdueDeadlines - a.overdueDeadlines || b.openCases - a.openCases || a.displayName.localeCompare(b.displayName, 'zh-CN'),
  );
}
