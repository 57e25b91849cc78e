import type { CaseState, MediationState, MediationStatus } from './state.js';

/** Rule 5: signed and then fulfilled, or signed and confirmed by an arbitration mediation document. */
export function mediationSucceeded(mediation: Pick<MediationState, 'status'>): boolean {
  return mediation.status === 'fulfilled' || mediation.status === 'confirmed_by_document';
}

export type MediationOutcome = 'none' | 'in_progress' | 'successful' | 'failed';

const inProgress: readonly MediationStatus[] = ['delegated', 'started', 'agreement_signed'];

/**
 * The case's mediation outcome, derived, never recorded: successful when any mediation
 * succeeded; else in progress while one is open (a signed but unfulfilled agreement is not yet
 * a success); else failed when one failed; else none.
 */
export function mediationOutcome(state: CaseState): MediationOutcome {
  if (state.status === 'none') return 'none';
  const all = Object.values(state.mediations);
  if (all.some(mediationSucceeded)) return 'successful';
  if (all.some((m) => inProgress.includes(m.status))) return 'in_progress';
  if (all.some((m) => m.status === 'failed')) return 'failed';
  return 'none';
}

/** Each mediation with its status and whether it counts as a success, for reports. */
export function mediationOutcomes(state: CaseState): { mediationId: string; status: MediationStatus; successful: boolean }[] {
  if (state.status === 'none') return [];
  return Object.values(state.mediations).map((m) => ({ mediationId: m.mediationId, status: m.status, successful: mediationSucceeded(m) }));
}
