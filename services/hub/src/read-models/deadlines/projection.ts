import type { Deadline, OpenedCase } from '@hub/case-domain';
import { caseEventTypes, type AgencyId } from '@hub/contracts';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { audienceColumn } from '../../access.js';
import { CASE_AGENCIES_SCHEMA, caseFold, changedDeadlines, foldedCaseEvent, type CaseFolded, isoOf } from '../cases/fold.js';

export const DEADLINES = 'deadlines';

const statements = statementsPer((db: ReadModelDb) => ({
  known: db.prepare('INSERT OR IGNORE INTO known_cases (case_id) VALUES (?)'),
  // A deadline met once keeps the instant it was first met; one that opens again (an item
  // whose follow-up failed) loses it, so `late` always speaks of the meeting that counts.
  upsert: db.prepare(`
    INSERT INTO deadlines (case_id, kind, key, ref, responsible, party, watching, due_at, met, met_at)
    VALUES (@caseId, @kind, @key, @ref, @responsible, @party, @watching, @dueAt, @met, CASE WHEN @met = 1 THEN @at END)
    ON CONFLICT (case_id, kind, key) DO UPDATE SET
      responsible = excluded.responsible, party = excluded.party, watching = excluded.watching, due_at = excluded.due_at,
      met = excluded.met,
      met_at = CASE WHEN excluded.met = 0 THEN NULL WHEN deadlines.met = 1 THEN deadlines.met_at ELSE @at END`),
}));

/** Who asked for what a deadline is about: it watches whoever must answer. */
function senderOf(state: OpenedCase, d: Deadline): AgencyId | undefined {
  switch (d.kind) {
    case 'lead_feedback':
      return state.leads[d.ref]?.from;
    case 'letter_reply':
      return state.letters[d.ref]?.issuedBy;
    case 'rectification_item':
      return state.items[d.ref]?.orderedBy;
    default:
      return undefined;
  }
}

/**
 * The domain names one hub agency per deadline (the one that answers, or chases an outside party
 * that must). Here that splits in two: responsible when the agency itself must act, watching when
 * it waits on someone — the sender of a lead, the issuer of a letter, the orderer of a list.
 */
function partiesOf(state: OpenedCase, d: Deadline): { responsible: AgencyId | null; watching: AgencyId[] } {
  if (d.party !== undefined) return { responsible: null, watching: [d.agency] };
  const sender = senderOf(state, d);
  return { responsible: d.agency, watching: sender !== undefined && sender !== d.agency ? [sender] : [] };
}

/**
 * Every deadline of every case (rule 6 and 8), as caseDeadlines derives them from the case's
 * folded state: met or open, when it was met, and who answers or watches. Whether an open one is
 * overdue depends on when someone asks, so no status is stored; the query computes it.
 */
export const deadlinesProjection = defineProjection({
  name: DEADLINES,
  // 2: the case's state comes from the shared case fold; known_cases instead of a case_states copy.
  version: 2,
  eventTypes: caseEventTypes,
  fold: caseFold,
  init(db) {
    db.exec(`${CASE_AGENCIES_SCHEMA}
      CREATE TABLE IF NOT EXISTS known_cases (case_id TEXT PRIMARY KEY) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS deadlines (
        case_id     TEXT NOT NULL,
        kind        TEXT NOT NULL,
        -- The domain's ref, except that worker feedback is owed afresh after each reopening:
        -- its key carries the due date, so the earlier round stays on record.
        key         TEXT NOT NULL,
        ref         TEXT NOT NULL,
        responsible TEXT,
        party       TEXT,
        watching    TEXT NOT NULL,
        due_at      TEXT NOT NULL,
        met         INTEGER NOT NULL,
        met_at      TEXT,
        PRIMARY KEY (case_id, kind, key)
      );
      CREATE INDEX IF NOT EXISTS deadlines_open ON deadlines (met, due_at);
      CREATE INDEX IF NOT EXISTS deadlines_by_responsible ON deadlines (responsible, met, due_at);`);
  },
  apply(db, recorded, caseFolded: CaseFolded | undefined) {
    const folded = foldedCaseEvent(db, recorded, caseFolded);
    if (!folded?.changed) return;
    const s = statements(db);
    if (folded.before.status === 'none') s.known.run(folded.caseId);
    // The rows of deadlines the event left as they were are already written as they would be.
    for (const d of changedDeadlines(folded.before, folded.state)) {
      const dueAt = isoOf(d.dueAt);
      const { responsible, watching } = partiesOf(folded.state, d);
      s.upsert.run({
        caseId: folded.caseId,
        kind: d.kind,
        key: d.kind === 'worker_feedback' ? `${d.ref}@${dueAt}` : d.ref,
        ref: d.ref,
        responsible,
        party: d.party ?? null,
        watching: audienceColumn(watching),
        dueAt,
        met: d.met ? 1 : 0,
        at: folded.at,
      });
    }
  },
});
