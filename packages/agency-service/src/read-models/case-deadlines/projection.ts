import { caseDeadlines, caseFold, type CaseFolded } from '@hub/case-domain';
import { caseEventTypes } from '@hub/contracts';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';

export const CASE_DEADLINES = 'case-deadlines';

/** Every case event can move a deadline or the case's status. */
export const eventTypes = caseEventTypes;

const statements = statementsPer((db: ReadModelDb) => ({
  save: db.prepare(`
    INSERT INTO cases (case_id, status, opened_by, category) VALUES (@caseId, @status, @openedBy, @category)
    ON CONFLICT (case_id) DO UPDATE SET status = excluded.status`),
  clear: db.prepare('DELETE FROM deadlines WHERE case_id = ?'),
  add: db.prepare(`INSERT INTO deadlines (case_id, kind, ref, agency, party, due_at) VALUES (@caseId, @kind, @ref, @agency, @party, @dueAt)`),
}));

/**
 * Every case's status and its unmet deadlines, due dates as recorded, from the runner's shared
 * case fold (the service's other models get the same fold, folded once). Whether one is
 * due soon or overdue depends on when someone asks, so the status is left to the query. Missed
 * deadlines stay until met, closed case or not (rule 6).
 */
export const caseDeadlinesProjection = defineProjection({
  name: CASE_DEADLINES,
  // 2: the case's state comes from the shared case fold; no copy of it in `cases`.
  version: 2,
  eventTypes,
  fold: caseFold,
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS cases (
        case_id   TEXT PRIMARY KEY,
        status    TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        category  TEXT NOT NULL
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
  apply(db, _recorded, folded: CaseFolded | undefined) {
    if (!folded?.event) return;
    const { caseId, before, after: state } = folded;
    if (state.status === 'none' || state === before) return;
    const s = statements(db);
    s.save.run({ caseId, status: state.status, openedBy: state.openedBy, category: state.category });
    s.clear.run(caseId);
    for (const d of caseDeadlines(state)) {
      if (!d.met) s.add.run({ caseId, kind: d.kind, ref: d.ref, agency: d.agency, party: d.party ?? null, dueAt: d.dueAt });
    }
  },
});
