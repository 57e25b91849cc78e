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
  /** Counts the case once under a chart's bar and keeps which case it was (the chart opens its cases). */
  const countCase = (dimension: string, key: string) => {
    count(dimension, key);
    s.caseBehind.run(month, dimension, key, region, caseId);
  };

  switch (event.type) {
    case 'CaseOpened': {
      count(DIM.openedByChannel, event.data.channel);
      // A case of several categories counts under each of them (issue 13.6).
      for (const category of event.data.categories) count(DIM.openedByCategory, category);
      for (const item of event.data.claimedItems) count(DIM.moneyClaimedByKind, item.kind, item.amountFen);
      const day = shanghaiDay(at);
      // The daily report matches employers with warnings by USCC: an employer without one is not listed there.
      for (const employer of event.data.employers) if (employer.uscc) s.newCaseEmployer.run(day, region, caseId, employer.uscc, employer.name);
      break;
    }
    case 'MediationAgreementSigned':
      for (const item of event.data.agreedItems) count(DIM.moneyAgreedByKind, item.kind, item.amountFen);
      break;
    case 'ArbitrationAwardIssued':
    case 'JudgmentIssued':
      for (const item of event.data.awardedItems) count(DIM.moneyAwardedByKind, item.kind, item.amountFen);
      break;
    case 'CaseClosed':
      countCase(DIM.closedByResolution, event.data.resolution);
      count(DIM.moneyRecovered, MONEY_KEY, event.data.amountRecoveredFen);
      for (const item of event.data.recoveredItems) count(DIM.moneyRecoveredByKind, item.kind, item.amountFen);
      break;
    case 'SupervisionLetterIssued':
      countCase(DIM.lettersByKind, event.data.kind);
      break;
    default:
      break;
  }

  // A mediation is counted once, in the month its outcome became final.
  const was = concludedMediations(before);
  for (const [mediationId, result] of concludedMediations(after)) {
    if (!was.has(mediationId)) countCase(DIM.mediations, result);
  }

  trackDeadlines(s, caseId, region, before, after, at);
}
