import { caseEventTypes, occurredAtOf, readCatalogEvent, warningEventDefinitions, type WarningEvent } from '@hub/contracts';
import { defineProjection } from '@hub/projections';
import { WARNING_STREAM_PREFIX } from '../../streams.js';
import { caseFold, type CaseFolded } from '../cases/fold.js';
import { applyCaseEvent } from './cases.js';
import { createTables, statements } from './tables.js';
import { applyWarningEvent } from './warnings.js';

export const REPORTS = 'reports';

const warningEventTypes: readonly string[] = warningEventDefinitions.map((d) => d.type);

function warningEventOf(recorded: { type: string; data: unknown; metadata?: { readonly [key: string]: unknown } }): WarningEvent | undefined {
  if (!warningEventTypes.includes(recorded.type)) return undefined;
  try {
    return readCatalogEvent(recorded) as WarningEvent;
  } catch {
    // Unreadable: skipped, as caseEventOf does, so one bad event does not stop the reports.
    return undefined;
  }
}

/**
 * The two reports (两报告): monthly case figures and the daily employer-warning report, each fact
 * cut into Shanghai days and months by when it was recorded (rule 9).
 */
export const reportsProjection = defineProjection({
  name: REPORTS,
  // 2: the case's state comes from the shared case fold; no report_cases copy. 3: every category, money by kind (issue 13.6).
  // 4: monthly_cases, the cases behind the monthly charts' bars.
  version: 4,
  eventTypes: [...caseEventTypes, ...warningEventTypes],
  fold: caseFold,
  init: createTables,
  apply(db, recorded, folded: CaseFolded | undefined) {
    const s = statements(db);
    // When the act happened (business time): the month it counts in, and whether it met a deadline on time.
    const at = occurredAtOf(recorded.metadata);
    if (folded) {
      if (folded.event) applyCaseEvent(s, folded.caseId, folded.event, at, folded.before, folded.after);
      return;
    }
    if (recorded.stream.startsWith(WARNING_STREAM_PREFIX)) {
      const event = warningEventOf(recorded);
      if (event && recorded.stream === `${WARNING_STREAM_PREFIX}${event.data.warningId}`) applyWarningEvent(s, event, at, recorded.position);
    }
  },
});
