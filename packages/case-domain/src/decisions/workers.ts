import type { AgencyId } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { CaseState, OpenedCase, WorkerState } from '../state.js';
import { event, requireOpen, requireOpened, requireRef, things, type Decision } from './guards.js';

// What the case owes its workers: feedback (rule 6, owed again after a reopening) and, on request, the erasure of their personal data.

export function giveWorkerFeedback(data: CommandData<'GiveWorkerFeedback'>, state: CaseState, ctx: DecisionContext): Decision {
  requireOpen(state);
  return [event('WorkerFeedbackGiven', { givenBy: ctx.actor.agency, channel: data.channel, summary: data.summary })];
}

/**
 * The identities were encrypted in the vault of the service that opened the case: only there can
 * erasure destroy the key. Anywhere else it would hide the data without shredding it.
 */
export function requireVaultHolder(c: OpenedCase, agency: AgencyId): void {
  if (agency !== c.openedBy) throw violation('R1.vault-holder');
}

/** A worker of the case whose personal data is still held. */
export function erasableWorker(c: OpenedCase, workerId: string): WorkerState {
  const worker = requireRef(c.workers[workerId], things.worker, workerId);
  if (worker.erased) throw violation('CHAIN.worker-erased');
  return worker;
}

/** Allowed on a closed case too: the right to erasure does not wait for a reopening. */
export function eraseWorkerData(data: CommandData<'EraseWorkerData'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpened(state);
  requireVaultHolder(c, ctx.actor.agency);
  const worker = erasableWorker(c, data.workerId);
  return [event('WorkerDataErased', { workerId: worker.workerId, erasedBy: ctx.actor.agency, reason: data.reason, fields: [...worker.fields] })];
}
