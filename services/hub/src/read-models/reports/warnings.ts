import type { WarningEvent } from '@hub/contracts';
import { shanghaiDay } from './period.js';
import type { ReportStatements } from './tables.js';

/** Keeps each warning with the day it was raised and, once resolved, the day it was resolved. */
export function applyWarningEvent(s: ReportStatements, event: WarningEvent, at: string, position: bigint): void {
  switch (event.type) {
    case 'EmployerWarningRaised': {
      const d = event.data;
      s.raiseWarning.run({
        warningId: d.warningId,
        name: d.employer.name,
        uscc: d.employer.uscc,
        level: d.level,
        reasons: JSON.stringify(d.reasons),
        region: d.region,
        raisedAt: at,
        raisedDate: shanghaiDay(at),
        position,
      });
      return;
    }
    case 'EmployerWarningResolved':
      s.resolveWarning.run(at, shanghaiDay(at), event.data.warningId);
      return;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
