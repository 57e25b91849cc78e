/**
 * Attaching a document to a case (or to one act of it). Not a catalog command: the file arrives
 * as an upload, not a JSON body, so the service hashes and stores the bytes first and then asks
 * here whether the event may be appended. Pure: what the stream holds beside the state (the ids
 * of its events) is passed in.
 */
import type { AgencyId, CaseEvent, EventDataOf } from '@hub/contracts';
import { event, label, requireOpened } from './decisions/guards.js';
import { requireVaultHolder } from './decisions/workers.js';
import { violation } from './rules.js';
import type { CaseState } from './state.js';

export type AttachDocumentData = Omit<EventDataOf<'DocumentAttached'>, 'attachedBy'>;

export interface DocumentFacts {
  /** The case stream's events by id, with their types: what an `actEventId` may name. */
  readonly events: ReadonlyMap<string, string>;
}

/**
 * A case that was opened takes documents, closed too (papers often arrive after 销号). An act it
 * belongs to is an act of this case, not another document. A file with a worker's personal data
 * is encrypted under that worker's vault key, which only the agency that opened the case holds
 * (R1.vault-holder), and only while the worker's data is not erased.
 */
export function attachDocument(data: AttachDocumentData, state: CaseState, facts: DocumentFacts, actor: { readonly agency: AgencyId }): CaseEvent[] {
  const c = requireOpened(state);
  if (data.actEventId !== undefined) {
    const type = facts.events.get(data.actEventId);
    if (type === undefined || type === 'DocumentAttached')
      throw violation('CHAIN.document-act', label('所选行为不在本案件的记录中', `no act ${data.actEventId} on this case`));
  }
  if (data.personal !== undefined) {
    requireVaultHolder(c, actor.agency);
    const worker = c.workers[data.personal.workerId];
    if (worker === undefined || worker.erased)
      throw violation('CHAIN.document-worker', label('所选职工不在本案件中或个人信息已删除', `worker ${data.personal.workerId}`));
  }
  return [event('DocumentAttached', { ...data, attachedBy: actor.agency })];
}
