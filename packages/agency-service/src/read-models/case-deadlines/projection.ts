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
  handler: db.prepare(`
    INSERT INTO handlers (case_id, agency, user_id, display_name) VALUES (@caseId, @agency, @userId, @displayName)
    ON CONFLICT (case_id, agency) DO UPDATE SET user_id = excluded.user_id, display_name = excluded.display_name`),
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
  // 3: each agency's 承办人 (handlers), for "my cases", "my deadlines" and the workload per person.
  version: 3,
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
      CREATE INDEX IF NOT EXISTS deadlines_by_agency ON deadlines (agency, due_at);
      CREATE TABLE IF NOT EXISTS handlers (
        case_id      TEXT NOT NULL,
        agency       TEXT NOT NULL,
        user_id      TEXT NOT NULL,
        display_name TEXT NOT NULL,
        PRIMARY KEY (case_id, agency)
      );
      CREATE INDEX IF NOT EXISTS handlers_by_user ON handlers (agency, user_id);`);
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
    if (before.status === 'none' || state.handlers !== before.handlers) {
      for (const [agency, h] of Object.entries(state.handlers)) s.handler.run({ caseId, agency, userId: h.userId, displayName: h.displayName });
    }
  },
});
