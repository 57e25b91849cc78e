import { deadlineStatus, type DeadlineKind } from '@hub/case-domain';
import type { AgencyId, Category } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import type { CaseSummary, InboxDeadline } from '../../wire.js';

export type { CaseSummary, InboxDeadline };

interface DeadlineRow {
  case_id: string;
  kind: string;
  ref: string;
  agency: string;
  party: string | null;
  due_at: string;
}
interface CaseRow {
  case_id: string;
  status: string;
  opened_by: string;
  category: string;
}

const statements = statementsPer((db: ReadModelDb) => ({
  forAgency: db.prepare<[string], DeadlineRow>('SELECT * FROM deadlines WHERE agency = ? ORDER BY due_at, case_id, kind, ref'),
  summary: db.prepare<[string], CaseRow>('SELECT case_id, status, opened_by, category FROM cases WHERE case_id = ?'),
}));

/** The agency's unmet deadlines across cases, earliest first, each with its status at `now`. */
export function deadlinesFor(db: ReadModelDb, agency: AgencyId, now: Date, dueSoonDays: number): InboxDeadline[] {
  return statements(db)
    .forAgency.all(agency)
    .map((r) => ({
      caseId: r.case_id,
      kind: r.kind as DeadlineKind,
      ref: r.ref,
      agency: r.agency as AgencyId,
      ...(r.party !== null ? { party: r.party } : {}),
      dueAt: r.due_at,
      status: deadlineStatus(r.due_at, now, dueSoonDays),
    }));
}

export function caseSummary(db: ReadModelDb, caseId: string): CaseSummary | undefined {
  const r = statements(db).summary.get(caseId);
  return r && { caseId: r.case_id, status: r.status as CaseSummary['status'], openedBy: r.opened_by as AgencyId, category: r.category as Category };
}
