import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { caseEventOf, caseIdOfStream } from '@hub/case-domain';
import { eventTypes, evolve, leadIdOf, type LeadDoc } from './lead.js';

export const LEAD_INBOX = 'lead-inbox';

export interface LeadRow {
  case_id: string;
  lead_id: string;
  from_agency: string;
  to_agency: string;
  summary: string;
  feedback_due_at: string;
  status: string;
  feedback_given: number;
  transferred_at: string;
  answered_at: string | null;
}

export const fromRow = (r: LeadRow): LeadDoc => ({
  caseId: r.case_id,
  leadId: r.lead_id,
  from: r.from_agency as LeadDoc['from'],
  to: r.to_agency as LeadDoc['to'],
  summary: r.summary,
  feedbackDueAt: r.feedback_due_at,
  status: r.status as LeadDoc['status'],
  feedbackGiven: r.feedback_given === 1,
  transferredAt: r.transferred_at,
  answeredAt: r.answered_at,
});

const statements = statementsPer((db: ReadModelDb) => ({
  load: db.prepare<[string, string], LeadRow>('SELECT * FROM leads WHERE case_id = ? AND lead_id = ?'),
  save: db.prepare(`
    INSERT INTO leads (case_id, lead_id, from_agency, to_agency, summary, feedback_due_at, status, feedback_given, transferred_at, answered_at)
    VALUES (@caseId, @leadId, @from, @to, @summary, @feedbackDueAt, @status, @feedbackGiven, @transferredAt, @answeredAt)
    ON CONFLICT (case_id, lead_id) DO UPDATE SET
      status = excluded.status, feedback_given = excluded.feedback_given, answered_at = excluded.answered_at`),
}));

/** Every lead between hub agencies, with where it stands; the inbox asks for those sent to its agency. */
export const leadInboxProjection = defineProjection({
  name: LEAD_INBOX,
  version: 1,
  eventTypes,
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS leads (
        case_id         TEXT NOT NULL,
        lead_id         TEXT NOT NULL,
        from_agency     TEXT NOT NULL,
        to_agency       TEXT NOT NULL,
        summary         TEXT NOT NULL,
        feedback_due_at TEXT NOT NULL,
        status          TEXT NOT NULL,
        feedback_given  INTEGER NOT NULL,
        transferred_at  TEXT NOT NULL,
        answered_at     TEXT,
        PRIMARY KEY (case_id, lead_id)
      );
      CREATE INDEX IF NOT EXISTS leads_by_receiver ON leads (to_agency, feedback_due_at);
      CREATE INDEX IF NOT EXISTS leads_by_sender ON leads (from_agency, feedback_due_at);`);
  },
  apply(db, recorded) {
    const caseId = caseIdOfStream(recorded.stream);
    const event = caseEventOf(recorded);
    const leadId = event && leadIdOf(event);
    if (caseId === undefined || !event || leadId === undefined) return;
    const { load, save } = statements(db);
    const row = load.get(caseId, leadId);
    const next = evolve(row ? fromRow(row) : null, event, { caseId, recordedAt: recorded.metadata.recordedAt });
    if (next) save.run({ ...next, feedbackGiven: next.feedbackGiven ? 1 : 0 });
  },
});
