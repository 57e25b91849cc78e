import { mediationOutcomes, type CaseState } from '@hub/case-domain';
import type { CaseEvent } from '@hub/contracts';
import { trackDeadlines } from './deadlines.js';
import { DIM, MONEY_KEY, type MediationResult } from './labels.js';
import { shanghaiDay, shanghaiMonth } from './period.js';
import type { ReportStatements } from './tables.js';

/** Rule 5 via the domain's own reading: which mediations stand concluded, and how. */
function concludedMediations(state: CaseState): Map<string, MediationResult> {
  const out = new Map<string, MediationResult>();
  for (const m of mediationOutcomes(state)) {
    if (m.successful) out.set(m.mediationId, 'successful');
    else if (m.status === 'failed') out.set(m.mediationId, 'failed');
  }
  return out;
}

/**
 * Counts what one case event changed in the case (the shared case fold's before and after) in
 * the month it was recorded, in Shanghai, under the region the case was opened in.
 */
export function applyCaseEvent(s: ReportStatements, caseId: string, event: CaseEvent, at: string, before: CaseState, after: CaseState): void {
  // Evolve returns the state itself for an event that does not fit (before the opening, a second opening).
  if (after === before || after.status === 'none') return;
  const region = after.region;
  const month = shanghaiMonth(at);
  const count = (dimension: string, key: string, delta = 1) => s.count.run(month, region, dimension, key, delta);

  switch (event.type) {
    case 'CaseOpened': {
      count(DIM.openedByChannel, event.data.channel);
      count(DIM.openedByCategory, event.data.category);
      const day = shanghaiDay(at);
      for (const employer of event.data.employers) s.newCaseEmployer.run(day, region, caseId, employer.uscc, employer.name);
      break;
    }
    case 'CaseClosed':
      count(DIM.closedByResolution, event.data.resolution);
      count(DIM.moneyRecovered, MONEY_KEY, event.data.amountRecoveredFen);
      break;
    case 'SupervisionLetterIssued':
      count(DIM.lettersByKind, event.data.kind);
      break;
    default:
      break;
  }

  // A mediation is counted once, in the month its outcome became final.
  const was = concludedMediations(before);
  for (const [mediationId, result] of concludedMediations(after)) {
    if (!was.has(mediationId)) count(DIM.mediations, result);
  }

  trackDeadlines(s, caseId, region, before, after, at);
}
