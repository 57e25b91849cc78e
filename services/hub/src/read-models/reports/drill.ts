import { endOfShanghaiDay, startOfShanghaiDay } from '@hub/case-domain';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { DIM } from './labels.js';

/**
 * The cases behind a chart's bar (issue 14.4: every chart opens the cases it counts). The monthly
 * charts of cases opened filter the case list by channel or category and opening dates; these are
 * the others, whose cases only the reports' read model knows:
 *
 * - `closed`: cases closed in the month with the resolution `key`;
 * - `letters`: cases a supervision letter of kind `key` was issued on in the month;
 * - `mediations`: cases a mediation of result `key` (successful, failed) concluded on in the month;
 * - `deadlines`: cases with a deadline of kind `key` due in the month, `series` metOnTime, metLate or notMet (absent: any);
 * - `warnings`: the employers (by USCC) with a warning of level `key` on the day, `series` raised, resolved or open (absent: any).
 */
export const reportDrills = ['closed', 'letters', 'mediations', 'deadlines', 'warnings'] as const;
export type ReportDrill = (typeof reportDrills)[number];
export const drillSeries = ['metOnTime', 'metLate', 'notMet', 'raised', 'resolved', 'open'] as const;
export type DrillSeries = (typeof drillSeries)[number];

const MONTHLY: Readonly<Record<'closed' | 'letters' | 'mediations', string>> = {
  closed: DIM.closedByResolution,
  letters: DIM.lettersByKind,
  mediations: DIM.mediations,
};

const DEADLINE_STATE: Readonly<Record<string, string>> = {
  metOnTime: 'AND met_at IS NOT NULL AND met_at <= due_at',
  metLate: 'AND met_at IS NOT NULL AND met_at > due_at',
  notMet: 'AND met_at IS NULL',
};
// Open at the end of the day: raised on or before it, not resolved by its end (as the daily report).
const WARNING_STATE: Readonly<Record<string, string>> = {
  raised: 'AND raised_date = @date',
  resolved: 'AND resolved_date = @date',
  open: 'AND raised_date <= @date AND (resolved_date IS NULL OR resolved_date > @date)',
};
const ANY_WARNING = 'AND (raised_date = @date OR resolved_date = @date OR (raised_date <= @date AND (resolved_date IS NULL OR resolved_date > @date)))';

const statements = statementsPer(() => new Map<string, ReturnType<ReadModelDb['prepare']>>());
function prepared(db: ReadModelDb, sql: string): ReturnType<ReadModelDb['prepare']> {
  const cache = statements(db);
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

export interface DrillQuery {
  drill: ReportDrill;
  /** YYYY-MM for the monthly charts, YYYY-MM-DD for the warnings. */
  period: string;
  key: string;
  series?: DrillSeries | undefined;
  /** A region code prefix (the report's). */
  region?: string | undefined;
}

/** What the chart's bar counts: case ids, or for warnings the employers' USCCs. */
export type DrillAnswer = { caseIds: string[] } | { usccs: string[] };

export function drillDown(db: ReadModelDb, q: DrillQuery): DrillAnswer {
  const region = q.region ?? '';
  const inRegion = 'AND substr(region, 1, @len) = @prefix';
  const regionParams = { len: region.length, prefix: region };
  if (q.drill === 'warnings') {
    const state = q.series !== undefined ? (WARNING_STATE[q.series] ?? null) : ANY_WARNING;
    if (state === null) return { usccs: [] };
    const rows = prepared(db, `SELECT DISTINCT uscc FROM warnings WHERE level = @level ${state} ${inRegion}`)
      .pluck()
      .all({
        level: q.key,
        date: q.period,
        ...regionParams,
      }) as string[];
    return { usccs: rows };
  }
  if (q.drill === 'deadlines') {
    const state = q.series !== undefined ? (DEADLINE_STATE[q.series] ?? null) : '';
    if (state === null) return { caseIds: [] };
    // Due in the month, in Shanghai days; the case's region is the case list's filter (report_deadlines has none).
    const [year, month] = q.period.split('-').map(Number) as [number, number];
    const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const from = startOfShanghaiDay(`${q.period}-01`).toISOString();
    const to = endOfShanghaiDay(`${q.period}-${String(lastDay).padStart(2, '0')}`).toISOString();
    const rows = prepared(db, `SELECT DISTINCT case_id FROM report_deadlines WHERE kind = @kind AND due_at >= @from AND due_at <= @to ${state}`)
      .pluck()
      .all({ kind: q.key, from, to }) as string[];
    return { caseIds: rows };
  }
  const rows = prepared(db, `SELECT DISTINCT case_id FROM monthly_cases WHERE month = @month AND dimension = @dimension AND key = @key ${inRegion}`)
    .pluck()
    .all({ month: q.period, dimension: MONTHLY[q.drill], key: q.key, ...regionParams }) as string[];
  return { caseIds: rows };
}
