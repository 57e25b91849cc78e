import { deadlineStatus } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { fromRow, type LeadRow } from './projection.js';
import type { LeadEntry, LeadSortKey, LeadStatusFilter } from '../../wire.js';

export type { LeadEntry, LeadSortKey, LeadStatusFilter };

const statements = statementsPer((db: ReadModelDb) => ({
  received: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE to_agency = ? ORDER BY feedback_due_at, case_id, lead_id'),
  sent: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE from_agency = ? ORDER BY feedback_due_at, case_id, lead_id'),
}));

/** Pass `runner.readModel(LEAD_INBOX).db`, read afresh per query. Deadline status is computed at `now`, never stored. */
function leadEntry(row: LeadRow, now: Date, dueSoonDays: number): LeadEntry {
  const doc = fromRow(row);
  const met = doc.status === 'declined' || doc.feedbackGiven;
  return { ...doc, feedback: met ? null : deadlineStatus(doc.feedbackDueAt, now, dueSoonDays) };
}

export function leadsFor(db: ReadModelDb, agency: AgencyId, now: Date, dueSoonDays: number): { received: LeadEntry[]; sent: LeadEntry[] } {
  const entry = (row: LeadRow): LeadEntry => leadEntry(row, now, dueSoonDays);
  const s = statements(db);
  return { received: s.received.all(agency).map(entry), sent: s.sent.all(agency).map(entry) };
}

/** The leads the agency sent, by feedback due date. */
export function sentLeads(db: ReadModelDb, agency: AgencyId, now: Date, dueSoonDays: number): LeadEntry[] {
  return statements(db)
    .sent.all(agency)
    .map((row) => leadEntry(row, now, dueSoonDays));
}

/** The received leads' columns the inbox sorts by (issue 14.4); `status`: waiting to be accepted first, then by feedback due date. */
export const leadSortKeys = ['status', 'feedbackDueAt', 'transferredAt', 'sender', 'summary'] as const satisfies readonly LeadSortKey[];

/** Where a received lead stands: `open` (to accept, or accepted with feedback owed), `pending` (to accept), `feedback_owed`, `closed` (declined or answered). */
export const leadStatusFilters = ['open', 'pending', 'feedback_owed', 'closed'] as const satisfies readonly LeadStatusFilter[];

export const leadDeadlineStates = ['overdue', 'due_today', 'due_soon', 'pending'] as const;
export type LeadDeadlineState = (typeof leadDeadlineStates)[number];

export interface LeadQuery {
  status?: LeadStatusFilter | undefined;
  /** Where the feedback deadline stands now (leads still owing feedback only); bounds as the domain's deadlineStatus. */
  deadline?: { state: LeadDeadlineState; now: Date; endOfToday: Date; endOfSoon: Date } | undefined;
  sender?: AgencyId | undefined;
  /** Transferred on or after / on or before these instants (UTC ISO). */
  transferredFrom?: string | undefined;
  transferredTo?: string | undefined;
  sort: { by: LeadSortKey; dir: 'asc' | 'desc' };
  page?: { limit: number; offset: number } | undefined;
}

const STATUS_SQL: Readonly<Record<LeadStatusFilter, string>> = {
  open: "(status = 'pending' OR (status = 'accepted' AND feedback_given = 0))",
  pending: "status = 'pending'",
  feedback_owed: "(status = 'accepted' AND feedback_given = 0)",
  closed: "(status = 'declined' OR feedback_given = 1)",
};
const OWED = "status <> 'declined' AND feedback_given = 0";
const DEADLINE_SQL: Readonly<Record<LeadDeadlineState, string>> = {
  overdue: 'feedback_due_at < @now',
  due_today: '(feedback_due_at >= @now AND feedback_due_at <= @endOfToday)',
  due_soon: '(feedback_due_at > @endOfToday AND feedback_due_at <= @endOfSoon)',
  pending: 'feedback_due_at > @endOfSoon',
};
const SORT_SQL: Readonly<Record<LeadSortKey, string>> = {
  status: "CASE status WHEN 'pending' THEN 0 ELSE 1 END",
  feedbackDueAt: 'feedback_due_at',
  transferredAt: 'transferred_at',
  sender: 'from_agency',
  summary: 'summary',
};

// Each distinct text is prepared once per connection: the filters and sorts are whitelisted, so there are few.
const cache = statementsPer(() => new Map<string, ReturnType<ReadModelDb['prepare']>>());
function prepared(db: ReadModelDb, sql: string): ReturnType<ReadModelDb['prepare']> {
  const statements = cache(db);
  let statement = statements.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    statements.set(sql, statement);
  }
  return statement;
}

/**
 * The leads sent to `agency`, filtered, sorted and (with `page`) paged in SQL, with how many match:
 * an agency with thousands of leads reads only the page the inbox shows.
 */
export function receivedLeads(db: ReadModelDb, agency: AgencyId, now: Date, dueSoonDays: number, q: LeadQuery): { leads: LeadEntry[]; total: number } {
  const clauses = ['to_agency = @agency'];
  const params: Record<string, unknown> = { agency };
  if (q.status !== undefined) clauses.push(STATUS_SQL[q.status]);
  if (q.deadline !== undefined) {
    clauses.push(OWED, DEADLINE_SQL[q.deadline.state]);
    Object.assign(params, {
      now: q.deadline.now.toISOString(),
      endOfToday: q.deadline.endOfToday.toISOString(),
      endOfSoon: q.deadline.endOfSoon.toISOString(),
    });
  }
  if (q.sender !== undefined) {
    clauses.push('from_agency = @sender');
    params['sender'] = q.sender;
  }
  if (q.transferredFrom !== undefined) {
    clauses.push('transferred_at >= @transferredFrom');
    params['transferredFrom'] = q.transferredFrom;
  }
  if (q.transferredTo !== undefined) {
    clauses.push('transferred_at <= @transferredTo');
    params['transferredTo'] = q.transferredTo;
  }
  const where = clauses.join(' AND ');
  const dir = q.sort.dir === 'asc' ? 'ASC' : 'DESC';
  // Ties by due date, then ids, the same way, so paging neither skips nor repeats a lead.
  const order = `ORDER BY ${SORT_SQL[q.sort.by]} ${dir}, feedback_due_at ${dir}, case_id ${dir}, lead_id ${dir}`;
  const paging = q.page ? ' LIMIT @limit OFFSET @offset' : '';
  const rows = prepared(db, `SELECT * FROM leads WHERE ${where} ${order}${paging}`).all({ ...params, ...q.page }) as LeadRow[];
  const total = q.page ? (prepared(db, `SELECT count(*) AS n FROM leads WHERE ${where}`).get(params) as { n: number }).n : rows.length;
  return { leads: rows.map((row) => leadEntry(row, now, dueSoonDays)), total };
}
