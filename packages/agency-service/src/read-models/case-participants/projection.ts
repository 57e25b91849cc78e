import { caseEventTypes } from '@hub/contracts';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { caseEventOf, caseIdOfStream, participantsOf } from '@hub/case-domain';

export const CASE_PARTICIPANTS = 'case-participants';

export const eventTypes = caseEventTypes;

const statements = statementsPer((db: ReadModelDb) => ({
  upsert: db.prepare(`
    INSERT INTO participants (case_id, agency, reasons, first_at, last_at) VALUES (@caseId, @agency, json_array(@reason), @at, @at)
    ON CONFLICT (case_id, agency) DO UPDATE SET
      last_at = excluded.last_at,
      reasons = CASE WHEN EXISTS (SELECT 1 FROM json_each(participants.reasons) WHERE value = @reason)
                THEN participants.reasons ELSE json_insert(participants.reasons, '$[#]', @reason) END`),
  touch: db.prepare('UPDATE participants SET last_at = @at WHERE case_id = @caseId'),
}));

/** Which agencies take part in which case and why (see participantsOf), and when the case last moved. */
export const caseParticipantsProjection = defineProjection({
  name: CASE_PARTICIPANTS,
  version: 2, // 2: a delegated mediation brings the union in
  eventTypes,
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS participants (
        case_id  TEXT NOT NULL,
        agency   TEXT NOT NULL,
        reasons  TEXT NOT NULL,
        first_at TEXT NOT NULL,
        last_at  TEXT NOT NULL,
        PRIMARY KEY (case_id, agency)
      );
      CREATE INDEX IF NOT EXISTS participants_by_agency ON participants (agency, last_at);`);
  },
  apply(db, recorded) {
    const caseId = caseIdOfStream(recorded.stream);
    const event = caseEventOf(recorded);
    if (caseId === undefined || !event) return;
    const s = statements(db);
    const at = recorded.metadata.recordedAt;
    // Every participant sees the case move, not only those this event names.
    s.touch.run({ caseId, at });
    for (const p of participantsOf(event, recorded.metadata['agency'])) s.upsert.run({ caseId, agency: p.agency, reason: p.reason, at });
  },
});
