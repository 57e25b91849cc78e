import { caseEventOf, caseIdOfStream } from '@hub/case-domain';
import { caseEventTypes, readCatalogEvent, warningEventDefinitions, type WarningEvent } from '@hub/contracts';
import { defineProjection } from '@hub/projections';
import { WARNING_STREAM_PREFIX } from '../../streams.js';
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
  version: 1,
  eventTypes: [...caseEventTypes, ...warningEventTypes],
  init: createTables,
  apply(db, recorded) {
    const s = statements(db);
    const at = recorded.metadata.recordedAt;
    const caseId = caseIdOfStream(recorded.stream);
    if (caseId !== undefined) {
      const event = caseEventOf(recorded);
      if (event) applyCaseEvent(s, caseId, event, at);
      return;
    }
    if (recorded.stream.startsWith(WARNING_STREAM_PREFIX)) {
      const event = warningEventOf(recorded);
      if (event && recorded.stream === `${WARNING_STREAM_PREFIX}${event.data.warningId}`) applyWarningEvent(s, event, at, recorded.position);
    }
  },
});
