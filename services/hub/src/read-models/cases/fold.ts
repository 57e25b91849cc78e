import { caseDeadlines, type CaseFolded, type CaseState, type Deadline, type OpenedCase } from '@hub/case-domain';
import { occurredAtOf, type AgencyId, type CaseEvent } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { statementsPer, type ReadModelDb } from '@hub/projections';

export { caseFold, recorderOf, type CaseFolded, type CaseFoldState } from '@hub/case-domain';

/** A readable event of an opened case, as the case directory, deadlines and rectifications take it. */
export interface FoldedEvent {
  readonly caseId: string;
  readonly event: CaseEvent;
  readonly before: CaseState;
  readonly state: OpenedCase;
  readonly changed: boolean;
  readonly recorder: AgencyId | undefined;
  /**
   * When the act happened (business time, UTC ISO; when it was recorded for events from before
   * issue 13.4): deadlines are met, items reported and cases opened as of this instant.
   */
  readonly at: string;
}

const deadlinesByState = new WeakMap<CaseState, readonly Deadline[]>();

/** caseDeadlines, once per state: the state after one event is the state before the next. */
function deadlinesOf(state: CaseState): readonly Deadline[] {
  let deadlines = deadlinesByState.get(state);
  if (!deadlines) {
    deadlines = state.status === 'none' ? [] : caseDeadlines(state);
    deadlinesByState.set(state, deadlines);
  }
  return deadlines;
}

const signature = (d: Deadline): string => `${d.kind}\u0000${d.ref}\u0000${d.dueAt}\u0000${d.met}\u0000${d.agency}\u0000${d.party ?? ''}`;

/**
 * The deadlines of the case after the event that are new or differ from before it. A model that
 * writes every deadline down on each event writes the same rows again for the unchanged ones, so
 * it may take only these.
 */
export function changedDeadlines(before: CaseState, after: CaseState): Deadline[] {
  const was = new Set(deadlinesOf(before).map(signature));
  return deadlinesOf(after).filter((d) => !was.has(signature(d)));
}

/** The agencies of a case, for a model's queries: access checks and filters join on this table. */
export const CASE_AGENCIES_SCHEMA = `
  CREATE TABLE IF NOT EXISTS case_agencies (case_id TEXT NOT NULL, agency TEXT NOT NULL, PRIMARY KEY (case_id, agency)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS case_agencies_by_agency ON case_agencies (agency, case_id);`;

const statements = statementsPer((db: ReadModelDb) => ({
  addAgency: db.prepare('INSERT OR IGNORE INTO case_agencies (case_id, agency) VALUES (?, ?)'),
}));

/**
 * Writes the agencies the event brought into the case, and returns the event as a readable event
 * of an opened case, or undefined.
 */
export function foldedCaseEvent(db: ReadModelDb, recorded: RecordedEvent, folded: CaseFolded | undefined): FoldedEvent | undefined {
  if (!folded) return undefined;
  if (folded.joined.length > 0) {
    const { addAgency } = statements(db);
    for (const agency of folded.joined) addAgency.run(folded.caseId, agency);
  }
  const { event, before, after } = folded;
  if (!event || after.status === 'none') return undefined;
  return { caseId: folded.caseId, event, before, state: after, changed: after !== before, recorder: folded.recorder, at: occurredAtOf(recorded.metadata) };
}

/**
 * The SQL condition "the viewer's agency takes part in the case", for a query's WHERE clause;
 * `column` names the case id column, and the query binds the agency as `@viewerAgency`.
 */
export const takesPart = (column: string): string => `EXISTS (SELECT 1 FROM case_agencies ca WHERE ca.case_id = ${column} AND ca.agency = @viewerAgency)`;

/** Escapes a user's text for `LIKE ... ESCAPE '\\'`, so % and _ match themselves. */
export const likeEscaped = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Normalised UTC ISO text, so due dates compare and sort as strings in SQL. */
export const isoOf = (instant: string): string => new Date(instant).toISOString();

const queryCache = statementsPer(() => new Map<string, ReturnType<ReadModelDb['prepare']>>());

/** Filtered queries are built from the filters present; each distinct text is prepared once per connection. */
export function prepared(db: ReadModelDb, sql: string): ReturnType<ReadModelDb['prepare']> {
  const cache = queryCache(db);
  let statement = cache.get(sql);
  if (!statement) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}
