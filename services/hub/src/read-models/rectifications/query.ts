import { deadlineStatus } from '@hub/case-domain';
import type { AgencyId, Category, Channel, Party } from '@hub/contracts';
import type { ReadModelDb } from '@hub/projections';
import type { Viewer } from '../../access.js';
import { likeEscaped, prepared, takesPart } from '../cases/fold.js';
import { deadlineCondition, deadlineParams, orderBy, type DeadlineClock, type DeadlineState, type ListSort } from '../lists.js';
import {
  finishedStatuses,
  rectificationStatuses,
  type RectificationPhase,
  type RectificationSortKey,
  type FollowUpFinding,
  type MeetingDecisionEntry,
  type RectificationItemEntry,
  type RectificationList,
  type RectificationStatus,
} from './wire.js';

export * from './wire.js';

export interface RectificationFilter {
  /** A USCC (exact) or part of a name. */
  employer?: string | undefined;
  /** Responsible for the item or ordered it. */
  agency?: AgencyId | undefined;
  caseId?: string | undefined;
  status?: RectificationStatus | undefined;
  overdueOnly?: boolean | undefined;
  /** Items still worked on, or finished ones (verified, closed by a meeting). */
  phase?: RectificationPhase | undefined;
  /** Where the deadline of an item still owed stands, as of `clock`; `none` for items owing no work now. */
  deadline?: { state: DeadlineState; clock: DeadlineClock } | undefined;
  /** A 行政区划代码 or its prefix: the case's region. */
  region?: string | undefined;
  /** The case's channel, one of its categories, part of one of its 承办人's names. */
  channel?: Channel | undefined;
  category?: Category | undefined;
  handler?: string | undefined;
  /** Inclusive instants: when the item was ordered. */
  orderedFrom?: Date | undefined;
  orderedTo?: Date | undefined;
  /** Only cases this agency takes part in; absent: every case (secretaries, auditors). */
  visibleTo?: AgencyId | undefined;
}

interface Row {
  item_id: string;
  case_id: string;
  rectification_id: string;
  description: string;
  ordered_by: string;
  ordered_at: string;
  party: string;
  party_agency: string | null;
  employers: string;
  deadline: string;
  original_deadline: string;
  extensions: number;
  status: string;
  outstanding: number;
  escalated: number;
  last_report: string | null;
  last_report_at: string | null;
  follow_ups: string;
  decisions: string;
  region: string;
  is_overdue: number;
}

const FINISHED = `i.status IN (${finishedStatuses.map((s) => `'${s}'`).join(', ')})`;

/** Every column the list sorts by, as SQL. */
const SORT_COLUMNS: Readonly<Record<RectificationSortKey, string>> = {
  deadline: 'i.deadline',
  orderedAt: 'i.ordered_at',
  description: 'i.description',
  caseId: 'i.case_id',
  employer: "json_extract(i.employers, '$[0].name')",
  responsible: "coalesce(i.party_agency, json_extract(i.party, '$.name'))",
  orderedBy: 'i.ordered_by',
  status: 'i.status',
  region: 'i.region',
  updatedAt: 'i.updated_at',
};

const OVERDUE = '(i.outstanding = 1 AND i.deadline < @now)';

function conditions(filter: RectificationFilter, withStatus: boolean): { clauses: string[]; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  if (filter.employer !== undefined) {
    clauses.push(`EXISTS (SELECT 1 FROM rect_item_employers e WHERE e.item_id = i.item_id AND (e.uscc = @employer OR e.name LIKE @employerLike ESCAPE '\\'))`);
    params['employer'] = filter.employer;
    params['employerLike'] = `%${likeEscaped(filter.employer)}%`;
  }
  if (filter.agency !== undefined) {
    clauses.push('(i.party_agency = @agency OR i.ordered_by = @agency)');
    params['agency'] = filter.agency;
  }
  if (filter.caseId !== undefined) {
    clauses.push('i.case_id = @caseId');
    params['caseId'] = filter.caseId;
  }
  if (filter.visibleTo !== undefined) {
    clauses.push(takesPart('i.case_id'));
    params['viewerAgency'] = filter.visibleTo;
  }
  if (withStatus && filter.status !== undefined) {
    clauses.push('i.status = @status');
    params['status'] = filter.status;
  }
  if (withStatus && filter.overdueOnly) clauses.push(OVERDUE);
  if (withStatus && filter.phase !== undefined) clauses.push(filter.phase === 'finished' ? FINISHED : `NOT ${FINISHED}`);
  if (withStatus && filter.deadline !== undefined) {
    clauses.push(deadlineCondition('(CASE WHEN i.outstanding = 1 THEN i.deadline END)', filter.deadline.state));
    Object.assign(params, deadlineParams(filter.deadline.clock));
  }
  if (filter.region !== undefined) {
    clauses.push(`i.region LIKE @region ESCAPE '\\'`);
    params['region'] = `${likeEscaped(filter.region)}%`;
  }
  if (filter.channel !== undefined) {
    clauses.push('i.channel = @channel');
    params['channel'] = filter.channel;
  }
  if (filter.category !== undefined) {
    clauses.push('EXISTS (SELECT 1 FROM json_each(i.categories) c WHERE c.value = @category)');
    params['category'] = filter.category;
  }
  if (filter.handler !== undefined) {
    clauses.push(`EXISTS (SELECT 1 FROM json_each(i.handlers) h WHERE h.value LIKE @handler ESCAPE '\\')`);
    params['handler'] = `%${likeEscaped(filter.handler)}%`;
  }
  if (filter.orderedFrom !== undefined) {
    clauses.push('i.ordered_at >= @orderedFrom');
    params['orderedFrom'] = filter.orderedFrom.toISOString();
  }
  if (filter.orderedTo !== undefined) {
    clauses.push('i.ordered_at <= @orderedTo');
    params['orderedTo'] = filter.orderedTo.toISOString();
  }
  return { clauses, params };
}

const whereOf = (clauses: string[]) => (clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '');

function entryOf(r: Row, now: Date, dueSoonDays: number): RectificationItemEntry {
  return {
    caseId: r.case_id,
    rectificationId: r.rectification_id,
    itemId: r.item_id,
    description: r.description,
    orderedBy: r.ordered_by as AgencyId,
    orderedAt: r.ordered_at,
    responsibleParty: JSON.parse(r.party) as Party,
    responsibleAgency: r.party_agency as AgencyId | null,
    employers: JSON.parse(r.employers) as RectificationItemEntry['employers'],
    deadline: r.deadline,
    originalDeadline: r.original_deadline,
    region: r.region,
    extensions: r.extensions,
    status: r.status as RectificationStatus,
    escalated: r.escalated === 1,
    overdue: r.is_overdue === 1,
    deadlineStatus: r.outstanding === 1 ? deadlineStatus(r.deadline, now, dueSoonDays) : null,
    met: r.outstanding === 0 && r.last_report_at !== null ? { at: r.last_report_at, late: Date.parse(r.last_report_at) > Date.parse(r.deadline) } : null,
    lastReport: r.last_report !== null && r.last_report_at !== null ? { summary: r.last_report, at: r.last_report_at } : null,
    followUps: JSON.parse(r.follow_ups) as FollowUpFinding[],
    decisions: JSON.parse(r.decisions) as MeetingDecisionEntry[],
  };
}

/**
 * The joint meeting's list: overdue items first, earliest deadline first, then every other item
 * by deadline, unless `sort` names a column. Overdue is decided in SQL from the clock passed in (deadline before now while
 * work is owed: the same instant test as the domain's deadlineStatus), so paging stays in SQL.
 */
export function rectificationList(
  db: ReadModelDb,
  filter: RectificationFilter,
  page: { limit: number; offset: number },
  now: Date,
  dueSoonDays: number,
  sort?: ListSort<RectificationSortKey>,
): RectificationList {
  const at = { now: now.toISOString() };
  const all = conditions(filter, true);
  const rows = prepared(
    db,
    `
    SELECT i.*, ${OVERDUE} AS is_overdue FROM rect_items i ${whereOf(all.clauses)}
    ${sort ? orderBy(SORT_COLUMNS, sort, ['i.case_id', 'i.item_id']) : 'ORDER BY is_overdue DESC, i.deadline, i.case_id, i.item_id'} LIMIT @limit OFFSET @offset`,
  ).all({ ...all.params, ...at, ...page }) as Row[];
  const total = prepared(db, `SELECT count(*) FROM rect_items i ${whereOf(all.clauses)}`)
    .pluck()
    .get({ ...all.params, ...at }) as number;
  const scope = conditions(filter, false);
  const groups = prepared(
    db,
    `
    SELECT i.status AS status, count(*) AS n, sum(${OVERDUE}) AS overdue FROM rect_items i ${whereOf(scope.clauses)} GROUP BY i.status`,
  ).all({ ...scope.params, ...at }) as { status: string; n: number; overdue: number }[];
  const totals = Object.fromEntries(rectificationStatuses.map((s) => [s, 0])) as Record<RectificationStatus, number>;
  let overdue = 0;
  for (const g of groups) {
    totals[g.status as RectificationStatus] = g.n;
    overdue += g.overdue;
  }
  return { items: rows.map((r) => entryOf(r, now, dueSoonDays)), total, totals, overdue };
}

/** Joint-meeting secretaries review lists across every case, as auditors check them. */
export const seesAllRectifications = (viewer: Viewer): boolean => viewer.roles.includes('secretary') || viewer.roles.includes('auditor');
