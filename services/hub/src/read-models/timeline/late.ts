import { LATE_RECORDING_MS } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { seesEverything, type Viewer } from '../../access.js';
import { entryOf, type TimelineRow } from './query.js';
import type { LateAct } from './wire.js';

const statements = statementsPer((db: ReadModelDb) => ({
  // The partial index timeline_late holds exactly the rows recorded late; the viewer's cases are the timeline's visible_to.
  late: db
    .prepare<{ minDelayMs: number; caseId: string | null; everything: number; agencyTag: string; limit: number }, TimelineRow>(
      `SELECT * FROM timeline
        WHERE delay_ms > ${LATE_RECORDING_MS} AND delay_ms >= @minDelayMs AND kind = 'case'
          AND (@caseId IS NULL OR subject_id = @caseId)
          AND (@everything = 1 OR visible_to = '*' OR instr(visible_to, @agencyTag) > 0)
        ORDER BY delay_ms DESC, position
        LIMIT @limit`,
    )
    .safeIntegers(true),
}));

/**
 * The acts recorded more than an hour after they happened (补录), longest delay first: auditors
 * see every case's, others those of the cases they may see (the timeline's rule).
 */
export function lateActs(db: ReadModelDb, viewer: Viewer, options: { minDelayMs: number; caseId?: string; limit: number }): LateAct[] {
  const rows = statements(db).late.all({
    minDelayMs: options.minDelayMs,
    caseId: options.caseId ?? null,
    everything: seesEverything(viewer) ? 1 : 0,
    agencyTag: `,${viewer.agency},`,
    limit: options.limit,
  }) as TimelineRow[];
  return rows.map((row) => ({ ...entryOf(row), delayMs: Number(row.delay_ms) }));
}
