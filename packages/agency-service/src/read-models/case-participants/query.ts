import type { AgencyId } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import type { ParticipationReason } from '@hub/case-domain';
import type { ParticipatedCase } from '../../wire.js';

export type { ParticipatedCase };

interface Row {
  case_id: string;
  reasons: string;
  first_at: string;
  last_at: string;
}

const statements = statementsPer((db: ReadModelDb) => ({
  forAgency: db.prepare<[string], Row>('SELECT case_id, reasons, first_at, last_at FROM participants WHERE agency = ? ORDER BY last_at DESC, case_id'),
}));

/** The cases the agency takes part in, most recently active first. */
export function casesOf(db: ReadModelDb, agency: AgencyId): ParticipatedCase[] {
  return statements(db)
    .forAgency.all(agency)
    .map((r) => ({
      caseId: r.case_id,
      reasons: JSON.parse(r.reasons) as ParticipationReason[],
      since: r.first_at,
      lastActivityAt: r.last_at,
    }));
}
