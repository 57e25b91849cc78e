import { deadlineStatus } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { fromRow, type LeadRow } from './projection.js';
import type { LeadEntry } from '../../wire.js';

export type { LeadEntry };

const statements = statementsPer((db: ReadModelDb) => ({
  received: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE to_agency = ? ORDER BY feedback_due_at, case_id, lead_id'),
  sent: db.prepare<[string], LeadRow>('SELECT * FROM leads WHERE from_agency = ? ORDER BY feedback_due_at, case_id, lead_id'),
}));

/** Pass `runner.readModel(LEAD_INBOX).db`, read afresh per query. Deadline status is computed at `now`, never stored. */
export function leadsFor(db: ReadModelDb, agency: AgencyId, now: Date, dueSoonDays: number): { received: LeadEntry[]; sent: LeadEntry[] } {
  const entry = (row: LeadRow): LeadEntry => {
    const doc = fromRow(row);
    const met = doc.status === 'declined' || doc.feedbackGiven;
    return { ...doc, feedback: met ? null : deadlineStatus(doc.feedbackDueAt, now, dueSoonDays) };
  };
  const s = statements(db);
  return { received: s.received.all(agency).map(entry), sent: s.sent.all(agency).map(entry) };
}
