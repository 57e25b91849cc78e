import { caseDeadlines, evolve, initialState, type CaseState } from '@hub/case-domain';
import { caseEventTypes } from '@hub/contracts';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { caseEventOf, caseIdOfStream } from '@hub/case-domain';

export const CASE_DEADLINES = 'case-deadlines';

/** Every case event can move a deadline or the case's status. */
export const eventTypes = caseEventTypes;

const statements = statementsPer((db: ReadModelDb) => ({
  load: db.prepare<[string], { state: string }>('SELECT state FROM cases WHERE case_id = ?'),
  save: db.prepare(`
    INSERT INTO cases (case_id, status, opened_by, category, state) VALUES (@caseId, @status, @openedBy, @category, @state)
    ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, state = excluded.state`),
  clear: db.prepare('DELETE FROM deadlines WHERE case_id = ?'),
  add: db.prepare(`INSERT INTO deadlines (case_id, kind, ref, agency, party, due_at) VALUES (@caseId, @kind, @ref, @agency, @party, @dueAt)`),
}));

/**
 * The folded state of every case and its unmet deadlines, due dates as recorded. Whether one is
 * due soon or overdue depends on when someone asks, so the status is left to the query. Missed
 * deadlines stay until met, closed case or not (rule 6).
 */
export const caseDeadlinesProjection = defineProjection({
  name: CASE_DEADLINES,
  version: 1,
  eventTypes,
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS cases (
        case_id   TEXT PRIMARY KEY,
        status    TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        category  TEXT NOT NULL,
        state     TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS deadlines (
        case_id TEXT NOT NULL,
        kind    TEXT NOT NULL,
        ref     TEXT NOT NULL,
        agency  TEXT NOT NULL,
        party   TEXT,
        due_at  TEXT NOT NULL,
        PRIMARY KEY (case_id, kind, ref)
      );
      CREATE INDEX IF NOT EXISTS deadlines_by_agency ON deadlines (agency, due_at);`);
  },
  apply(db, recorded) {
    const caseId = caseIdOfStream(recorded.stream);
    const event = caseEventOf(recorded);
    if (caseId === undefined || !event) return;
    const s = statements(db);
    const row = s.load.get(caseId);
    const before = row ? (JSON.parse(row.state) as CaseState) : initialState;
    const state = evolve(before, event);
    if (state.status === 'none' || state === before) return;
    s.save.run({ caseId, status: state.status, openedBy: state.openedBy, category: state.category, state: JSON.stringify(state) });
    s.clear.run(caseId);
    for (const d of caseDeadlines(state)) {
      if (!d.met) s.add.run({ caseId, kind: d.kind, ref: d.ref, agency: d.agency, party: d.party ?? null, dueAt: d.dueAt });
    }
  },
});
