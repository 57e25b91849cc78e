import { categories, channels, stages, type AgencyId, type Category, type Channel, type Employer } from '@hub/contracts';
import type { ReadModelDb } from '@hub/projections';
import { likeEscaped, prepared, takesPart } from './fold.js';
import type { CaseEntry, CaseSearch, ChainStage } from './wire.js';

export type * from './wire.js';

export interface CaseFilter {
  /** Part of an employer's name. */
  employer?: string | undefined;
  /** An employer's USCC, exactly. */
  uscc?: string | undefined;
  category?: Category | undefined;
  status?: 'open' | 'closed' | undefined;
  /** Cases this agency takes part in. */
  agency?: AgencyId | undefined;
  /** A region code or its prefix: 3301 finds all of Hangzhou. */
  region?: string | undefined;
  /** Inclusive instants (the route turns Shanghai dates into them). */
  openedFrom?: Date | undefined;
  openedTo?: Date | undefined;
  /** Free text: 案号 (brackets as typed: [] () （） 【】 read as 〔〕), summary, employer names, USCC or case id. */
  q?: string | undefined;
  /** Only cases this agency takes part in (everyone's view but an auditor's). */
  visibleTo?: AgencyId | undefined;
}

interface Row {
  case_id: string;
  opened_at: string;
  opened_by: string;
  channel: string;
  category: string;
  summary: string;
  employers: string;
  region: string;
  worker_count: number;
  amount_claimed_fen: number;
  amount_recovered_fen: number | null;
  status: string;
  stage: string | null;
  supervision: number;
  open_leads: number;
  open_items: number;
  last_activity_at: string;
  case_number: string | null;
  handlers: string;
  agencies: string | null;
}

const SELECT = `SELECT c.*, (SELECT group_concat(agency) FROM case_agencies a WHERE a.case_id = c.case_id) AS agencies FROM cases c`;

function entryOf(r: Row): CaseEntry {
  const stage = r.stage as ChainStage | null;
  return {
    caseId: r.case_id,
    caseNumber: r.case_number,
    handlers: JSON.parse(r.handlers) as CaseEntry['handlers'],
    openedAt: r.opened_at,
    openedBy: r.opened_by as AgencyId,
    channel: r.channel as Channel,
    category: r.category as Category,
    summary: r.summary,
    employers: JSON.parse(r.employers) as Employer[],
    region: r.region,
    workerCount: r.worker_count,
    amountClaimedFen: r.amount_claimed_fen,
    amountRecoveredFen: r.amount_recovered_fen,
    status: r.status as CaseEntry['status'],
    stage,
    supervisionUnderWay: r.supervision === 1,
    agencies: (r.agencies ?? '').split(',').filter(Boolean).sort() as AgencyId[],
    lastActivityAt: r.last_activity_at,
    openLeads: r.open_leads,
    openRectificationItems: r.open_items,
    labels: {
      channel: channels.labels[r.channel as Channel],
      category: categories.labels[r.category as Category],
      stage: stage === null ? null : stages.labels[stage],
    },
  };
}

function conditions(f: CaseFilter): { where: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  const add = (clause: string, values: Record<string, string>) => {
    clauses.push(clause);
    Object.assign(params, values);
  };
  if (f.employer !== undefined) {
    add(`EXISTS (SELECT 1 FROM case_employers e WHERE e.case_id = c.case_id AND e.name LIKE @employer ESCAPE '\\')`, {
      employer: `%${likeEscaped(f.employer)}%`,
    });
  }
  if (f.uscc !== undefined) add('EXISTS (SELECT 1 FROM case_employers e WHERE e.case_id = c.case_id AND e.uscc = @uscc)', { uscc: f.uscc });
  if (f.category !== undefined) add('c.category = @category', { category: f.category });
  if (f.status !== undefined) add('c.status = @status', { status: f.status });
  if (f.agency !== undefined) add('EXISTS (SELECT 1 FROM case_agencies p WHERE p.case_id = c.case_id AND p.agency = @agency)', { agency: f.agency });
  if (f.region !== undefined) add(`c.region LIKE @region ESCAPE '\\'`, { region: `${likeEscaped(f.region)}%` });
  if (f.openedFrom !== undefined) add('c.opened_at >= @openedFrom', { openedFrom: f.openedFrom.toISOString() });
  if (f.openedTo !== undefined) add('c.opened_at <= @openedTo', { openedTo: f.openedTo.toISOString() });
  if (f.q !== undefined) {
    add(
      `(c.case_number LIKE @qNumber ESCAPE '\\' OR c.summary LIKE @q ESCAPE '\\' OR c.case_id LIKE @q ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM case_employers e WHERE e.case_id = c.case_id AND (e.name LIKE @q ESCAPE '\\' OR e.uscc = @qExact)))`,
      { q: `%${likeEscaped(f.q)}%`, qExact: f.q.toUpperCase(), qNumber: `%${likeEscaped(caseNumberAsTyped(f.q))}%` },
    );
  }
  if (f.visibleTo !== undefined) add(takesPart('c.case_id'), { viewerAgency: f.visibleTo });
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

/** A case number as people type it: the year's brackets in any of the usual forms stand for 〔〕. */
export function caseNumberAsTyped(text: string): string {
  return text
    .replace(/[[(（【［]/g, '〔')
    .replace(/[\])）】］]/g, '〕')
    .replace(/\s+/g, '');
}

/** Matching cases, the most recently active first, one page of them, and how many match in all. */
export function searchCases(db: ReadModelDb, filter: CaseFilter, page: { limit: number; offset: number }): Omit<CaseSearch, 'upToDate'> {
  const { where, params } = conditions(filter);
  const rows = prepared(db, `${SELECT} ${where} ORDER BY c.last_activity_at DESC, c.case_id LIMIT @limit OFFSET @offset`).all({ ...params, ...page }) as Row[];
  const total = prepared(db, `SELECT count(*) FROM cases c ${where}`).pluck().get(params) as number;
  return { total, cases: rows.map(entryOf) };
}

/** One case's entry, if the model has it and (with `visibleTo`) the agency takes part in it. */
export function caseEntry(db: ReadModelDb, caseId: string, visibleTo?: AgencyId): CaseEntry | undefined {
  const visible = visibleTo === undefined ? '' : ` AND ${takesPart('c.case_id')}`;
  const row = prepared(db, `${SELECT} WHERE c.case_id = @caseId${visible}`).get({ caseId, viewerAgency: visibleTo ?? '' }) as Row | undefined;
  return row && entryOf(row);
}
