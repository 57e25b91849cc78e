import { caseEventOf, caseIdOfStream, evolve, initialState, participantsOf, type CaseState, type OpenedCase } from '@hub/case-domain';
import { agencyIdSchema, type AgencyId, type CaseEvent } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { statementsPer, type ReadModelDb } from '@hub/projections';

/**
 * Each read model lives in its own SQLite file, so none can join another's tables: every model
 * that needs a case's folded state or its parties keeps its own copy, filled by this one helper
 * so the copies agree. The parties follow participantsOf, the rule the timeline's visibility uses.
 */
export const CASE_FOLD_SCHEMA = `
  CREATE TABLE IF NOT EXISTS case_states (case_id TEXT PRIMARY KEY, state TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS case_agencies (case_id TEXT NOT NULL, agency TEXT NOT NULL, PRIMARY KEY (case_id, agency)) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS case_agencies_by_agency ON case_agencies (agency, case_id);`;

const statements = statementsPer((db: ReadModelDb) => ({
  load: db.prepare<[string], string>('SELECT state FROM case_states WHERE case_id = ?').pluck(),
  save: db.prepare('INSERT INTO case_states (case_id, state) VALUES (?, ?) ON CONFLICT (case_id) DO UPDATE SET state = excluded.state'),
  addAgency: db.prepare('INSERT OR IGNORE INTO case_agencies (case_id, agency) VALUES (?, ?)'),
  agencies: db.prepare<[string], string>('SELECT agency FROM case_agencies WHERE case_id = ? ORDER BY agency').pluck(),
}));

export interface FoldedEvent {
  readonly caseId: string;
  readonly event: CaseEvent;
  readonly before: CaseState;
  /** The case after the event; an event evolve ignores leaves it identical to `before`. */
  readonly state: OpenedCase;
  readonly changed: boolean;
  readonly recorder: AgencyId | undefined;
  /** When the store recorded the event (UTC ISO). */
  readonly at: string;
}

export const recorderOf = (recorded: RecordedEvent): AgencyId | undefined => {
  const parsed = agencyIdSchema.safeParse(recorded.metadata['agency']);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Folds one stored event into its case's state and records the parties it brings in. Undefined
 * for anything that is not a readable event of an opened case; an unreadable case event still
 * makes its recorder a party, as in the timeline, so both models show the same cases.
 */
export function foldCaseEvent(db: ReadModelDb, recorded: RecordedEvent): FoldedEvent | undefined {
  const caseId = caseIdOfStream(recorded.stream);
  if (caseId === undefined) return undefined;
  const s = statements(db);
  const recorder = recorderOf(recorded);
  const event = caseEventOf(recorded);
  if (!event) {
    if (recorder) s.addAgency.run(caseId, recorder);
    return undefined;
  }
  for (const p of participantsOf(event, recorder)) s.addAgency.run(caseId, p.agency);
  const stored = s.load.get(caseId) as string | undefined;
  const before = stored === undefined ? initialState : (JSON.parse(stored) as CaseState);
  const state = evolve(before, event);
  if (state.status === 'none') return undefined;
  const changed = state !== before;
  if (changed) s.save.run(caseId, JSON.stringify(state));
  return { caseId, event, before, state, changed, recorder, at: recorded.metadata.recordedAt };
}

/** The agencies taking part in a case as this model has seen it. */
export function agenciesOfCase(db: ReadModelDb, caseId: string): AgencyId[] {
  return (statements(db).agencies.all(caseId) as string[]).filter((a): a is AgencyId => agencyIdSchema.safeParse(a).success);
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
