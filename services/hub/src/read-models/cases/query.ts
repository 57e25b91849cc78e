import { categories, channels, stages, type AgencyId, type Category, type Channel, type Employer, type MoneyItem } from '@hub/contracts';
import type { ReadModelDb } from '@hub/projections';
import { deadlineCondition, deadlineParams, orderBy, type DeadlineClock, type DeadlineState, type ListSort } from '../lists.js';
import { likeEscaped, prepared, takesPart } from './fold.js';
import type { CaseEntry, CaseSearch, CaseSortKey, ChainStage } from './wire.js';

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
  /** The furthest stage reached; `none` for a case not yet on the chain. */
  stage?: ChainStage | 'none' | undefined;
  channel?: Channel | undefined;
  /** Part of a 承办人's name, of any agency. */
  handler?: string | undefined;
  /** Where the case's earliest open deadline stands, as of `clock`. */
  deadline?: { state: DeadlineState; clock: DeadlineClock } | undefined;
  /** Only these cases (a page naming the cases of its own rows). */
  ids?: readonly string[] | undefined;
  /** Only cases of an employer with one of these USCCs (the employers behind a report's chart). */
  employerUsccs?: readonly string[] | undefined;
  /** Only cases this agency takes part in (everyone's view but an auditor's). */
  visibleTo?: AgencyId | undefined;
}

/** The chain's order, for sorting by stage: not yet on it first. */
const STAGE_RANK = `CASE c.stage WHEN 'negotiation' THEN 1 WHEN 'mediation' THEN 2 WHEN 'arbitration' THEN 3 WHEN 'litigation' THEN 4 WHEN 'enforcement' THEN 5 ELSE 0 END`;

/** Every column the list sorts by, as SQL; `handler` is the viewer's agency's 承办人 (bound as @handlerPath). */
const SORT_COLUMNS: Readonly<Record<CaseSortKey, string>> = {
  lastActivity: 'c.last_activity_at',
  openedAt: 'c.opened_at',
  caseNumber: 'c.case_number',
  employer: "json_extract(c.employers, '$[0].name')",
  category: 'c.category',
  channel: 'c.channel',
  stage: STAGE_RANK,
  status: 'c.status',
  region: 'c.region',
  agencies: 'agencies',
  handler: 'json_extract(c.handlers, @handlerPath)',
  amountClaimed: 'c.amount_claimed_fen',
  workerCount: 'c.worker_count',
  nextDue: 'c.next_due_at',
};

export const DEFAULT_CASE_SORT: ListSort<CaseSortKey> = { by: 'lastActivity', dir: 'desc' };

interface Row {
  case_id: string;
  opened_at: string;
  opened_by: string;
  channel: string;
  category: string;
  categories: string;
  summary: string;
  employers: string;
  region: string;
  worker_count: number;
  amount_claimed_fen: number;
  claimed_items: string;
  amount_recovered_fen: number | null;
  recovered_items: string | null;
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
    categories: JSON.parse(r.categories) as Category[],
    summary: r.summary,
    employers: JSON.parse(r.employers) as Employer[],
    region: r.region,
    workerCount: r.worker_count,
    amountClaimedFen: r.amount_claimed_fen,
    claimedItems: JSON.parse(r.claimed_items) as MoneyItem[],
    amountRecoveredFen: r.amount_recovered_fen,
    recoveredItems: r.recovered_items === null ? null : (JSON.parse(r.recovered_items) as MoneyItem[]),
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
      categories: (JSON.parse(r.categories) as Category[]).map((c) => categories.labels[c]),
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
  // Any of the case's categories (issue 13.6), not only its primary one.
  if (f.category !== undefined) add('EXISTS (SELECT 1 FROM json_each(c.categories) WHERE value = @category)', { category: f.category });
  if (f.status !== undefined) add('c.status = @status', { status: f.status });
  if (f.agency !== undefined) add('EXISTS (SELECT 1 FROM case_agencies p WHERE p.case_id = c.case_id AND p.agency = @agency)', { agency: f.agency });
  if (f.region !== undefined) add(`c.region LIKE @region ESCAPE '\\'`, { region: `${likeEscaped(f.region)}%` });
  if (f.openedFrom !== undefined) add('c.opened_at >= @openedFrom', { openedFrom: f.openedFrom.toISOString() });
  if (f.openedTo !== undefined) add('c.opened_at <= @openedTo', { openedTo: f.openedTo.toISOString() });
  if (f.q !== undefined) {
    add(
      `(c.case_number LIKE @qNumber ESCAPE '\\' OR ${NUMBER_KEY_SQL} LIKE @qKey ESCAPE '\\' OR c.summary LIKE @q ESCAPE '\\' OR c.case_id LIKE @q ESCAPE '\\'
          OR EXISTS (SELECT 1 FROM case_employers e WHERE e.case_id = c.case_id AND (e.name LIKE @q ESCAPE '\\' OR e.uscc = @qExact)))`,
      {
        q: `%${likeEscaped(f.q)}%`,
        qExact: f.q.toUpperCase(),
        qNumber: `%${likeEscaped(caseNumberAsTyped(f.q))}%`,
        // Nothing left of the number once its punctuation is dropped (a lone 第 or 号): this branch matches nothing.
        qKey: caseNumberKey(f.q) === '' ? '' : `%${likeEscaped(caseNumberKey(f.q))}%`,
      },
    );
  }
  if (f.stage === 'none') add('c.stage IS NULL', {});
  else if (f.stage !== undefined) add('c.stage = @stage', { stage: f.stage });
  if (f.channel !== undefined) add('c.channel = @channel', { channel: f.channel });
  if (f.handler !== undefined) {
    add(`EXISTS (SELECT 1 FROM json_each(c.handlers) h WHERE h.value LIKE @handler ESCAPE '\\')`, { handler: `%${likeEscaped(f.handler)}%` });
  }
  if (f.ids !== undefined) add('c.case_id IN (SELECT value FROM json_each(@ids))', { ids: JSON.stringify(f.ids) });
  if (f.employerUsccs !== undefined) {
    add('EXISTS (SELECT 1 FROM case_employers e WHERE e.case_id = c.case_id AND e.uscc IN (SELECT value FROM json_each(@usccs)))', {
      usccs: JSON.stringify(f.employerUsccs),
    });
  }
  if (f.deadline !== undefined) add(deadlineCondition('c.next_due_at', f.deadline.state), deadlineParams(f.deadline.clock));
  if (f.visibleTo !== undefined) add(takesPart('c.case_id'), { viewerAgency: f.visibleTo });
  return { where: clauses.length > 0 ? `WHERE ${clauses.join(' AND ')}` : '', params };
}

const fullWidthDigits = (text: string) => text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A case number as people type it: the year's brackets in any of the usual forms stand for 〔〕, full-width digits for digits. */
export function caseNumberAsTyped(text: string): string {
  return fullWidthDigits(text)
    .replace(/[[(（【［]/g, '〔')
    .replace(/[\])）】］]/g, '〕')
    .replace(/\s+/g, '');
}

/**
 * A case number as compared when typed loosely: without its brackets (any kind), 第 and spaces,
 * digits half-width. `2026浙0106工维字12号` and `[2026]浙0106工维字第12号` both key to
 * `2026浙0106工维字12号`, as does the stored `〔2026〕浙0106工维字第12号`. 号 stays: it ends the
 * sequence, so 第1号 does not find 第12号; a number typed without it is a prefix like any part.
 */
export function caseNumberKey(text: string): string {
  const key = fullWidthDigits(text).replace(/[〔〕[\]()（）【】［］第\s]/g, '');
  // A lone 号 says nothing about which number.
  return key === '号' ? '' : key;
}

/** The stored number's key in SQL: the same characters dropped (stored numbers have 〔〕 and half-width digits already). */
const NUMBER_KEY_SQL = `replace(replace(replace(replace(c.case_number, '〔', ''), '〕', ''), '第', ''), ' ', '')`;

/**
 * Matching cases, one page of them in the order asked (the most recently active first unless told
 * otherwise; `handlerOf` names the agency whose 承办人 the handler column sorts by), and how many match in all.
 */
export function searchCases(
  db: ReadModelDb,
  filter: CaseFilter,
  page: { limit: number; offset: number },
  sort: ListSort<CaseSortKey> = DEFAULT_CASE_SORT,
  handlerOf: AgencyId = 'union',
): Omit<CaseSearch, 'upToDate'> {
  const { where, params } = conditions(filter);
  const order = orderBy(SORT_COLUMNS, sort, ['c.case_id']);
  const rows = prepared(db, `${SELECT} ${where} ${order} LIMIT @limit OFFSET @offset`).all({
    ...params,
    ...page,
    ...(sort.by === 'handler' ? { handlerPath: `$.${handlerOf}` } : {}),
  }) as Row[];
  const total = prepared(db, `SELECT count(*) FROM cases c ${where}`).pluck().get(params) as number;
  return { total, cases: rows.map(entryOf) };
}

/** One case's entry, if the model has it and (with `visibleTo`) the agency takes part in it. */
export function caseEntry(db: ReadModelDb, caseId: string, visibleTo?: AgencyId): CaseEntry | undefined {
  const visible = visibleTo === undefined ? '' : ` AND ${takesPart('c.case_id')}`;
  const row = prepared(db, `${SELECT} WHERE c.case_id = @caseId${visible}`).get({ caseId, viewerAgency: visibleTo ?? '' }) as Row | undefined;
  return row && entryOf(row);
}

/** The 案号 of each of these cases the directory knows (null for one not yet numbered): for lists of other read models (deadlines). */
export function caseNumbersOf(db: ReadModelDb, caseIds: readonly string[]): Map<string, string | null> {
  const out = new Map<string, string | null>();
  const one = prepared(db, 'SELECT case_number FROM cases WHERE case_id = ?');
  for (const caseId of new Set(caseIds)) {
    const row = one.get(caseId) as { case_number: string | null } | undefined;
    if (row) out.set(caseId, row.case_number);
  }
  return out;
}
