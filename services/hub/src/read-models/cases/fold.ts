import {
  caseDeadlines,
  caseEventOf,
  caseIdOfStream,
  evolve,
  initialState,
  participantsOf,
  type CaseState,
  type Deadline,
  type OpenedCase,
} from '@hub/case-domain';
import { agencyIdSchema, type AgencyId, type CaseEvent } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { defineFold, statementsPer, type ReadModelDb } from '@hub/projections';

/** A case as the models see it: the domain's folded state and every agency that took part so far. */
export interface CaseFoldState {
  readonly case: CaseState;
  /** In the order they joined; participantsOf's rule, the one the timeline's visibility uses. */
  readonly agencies: readonly AgencyId[];
}

/** What the case fold hands each model with an event of a case stream. */
export interface CaseFolded {
  readonly caseId: string;
  /** The event read as its current version; undefined when this code cannot read it. */
  readonly event: CaseEvent | undefined;
  readonly before: CaseState;
  /** The case after the event; an event evolve ignores leaves it identical to `before`. */
  readonly after: CaseState;
  readonly recorder: AgencyId | undefined;
  /** The case's agencies after the event, and those of them the event brought in. */
  readonly agencies: readonly AgencyId[];
  readonly joined: readonly AgencyId[];
}

export const recorderOf = (recorded: RecordedEvent): AgencyId | undefined => {
  const parsed = agencyIdSchema.safeParse(recorded.metadata['agency']);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Every hub model that reads a case's state reads it from this one fold, which the projection
 * runner keeps once for all of them (in memory, and in a file of its own) and folds once per
 * event: the event is parsed once, the state evolved once, and no model stores a copy of it.
 * An unreadable case event still makes its recorder a party, as it always has.
 */
export const caseFold = defineFold<CaseFoldState, CaseFolded>({
  name: 'case',
  version: 1,
  keyOf: (recorded) => caseIdOfStream(recorded.stream),
  step(previous, recorded) {
    const caseId = caseIdOfStream(recorded.stream)!;
    const recorder = recorderOf(recorded);
    const event = caseEventOf(recorded);
    const before = previous?.case ?? initialState;
    const after = event ? evolve(before, event) : before;
    let agencies = previous?.agencies ?? [];
    const joined: AgencyId[] = [];
    const parties = event ? participantsOf(event, recorder).map((p) => p.agency) : recorder ? [recorder] : [];
    for (const agency of parties) if (!agencies.includes(agency) && !joined.includes(agency)) joined.push(agency);
    if (joined.length > 0) agencies = [...agencies, ...joined];
    const state = previous && after === before && joined.length === 0 ? previous : { case: after, agencies };
    return { state, folded: { caseId, event, before, after, recorder, agencies, joined } };
  },
});

/** A readable event of an opened case, as the case directory, deadlines and rectifications take it. */
export interface FoldedEvent {
  readonly caseId: string;
  readonly event: CaseEvent;
  readonly before: CaseState;
  readonly state: OpenedCase;
  readonly changed: boolean;
  readonly recorder: AgencyId | undefined;
  /** When the store recorded the event (UTC ISO). */
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
  return { caseId: folded.caseId, event, before, state: after, changed: after !== before, recorder: folded.recorder, at: recorded.metadata.recordedAt };
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
