import { actTimesStep, evolve, initialState, noActTimes, type ActTimes, type CaseState } from '@hub/case-domain';
import { occurredAtOf, readCatalogEvent, isCaseEventType, type AgencyId, type CaseEvent, type WorkerRef } from '@hub/contracts';
import type { EventStore, RecordedEvent } from '@hub/event-store';
import { caseStream, participantsOf } from '@hub/case-domain';

export interface LoadedCase {
  readonly state: CaseState;
  /** Revision of the last event read; null when the stream does not exist. */
  readonly revision: bigint | null;
  /** The sealed hash of that event (what the next append's proof signs as its prevHash); null with no stream. */
  readonly headHash: string | null;
  /** The encrypted identities as CaseOpened carried them: the state keeps only which fields exist. */
  readonly workers: readonly WorkerRef[];
  readonly participants: ReadonlySet<AgencyId>;
  /** When the case's acts happened (business time): what a new act's occurredAt is bounded by. */
  readonly actTimes: ActTimes;
}

/**
 * Reads and folds a case stream. Unlike the read models, a command must not decide on a history
 * it could only partly read, so an event that does not upcast throws (a 500) instead of being skipped.
 * `visit` sees every event as stored, in the same read (what documents need beside the state: event ids).
 */
export async function loadCase(store: EventStore, caseId: string, visit?: (recorded: RecordedEvent) => void): Promise<LoadedCase> {
  let state: CaseState = initialState;
  let revision: bigint | null = null;
  let headHash: string | null = null;
  let workers: readonly WorkerRef[] = [];
  const participants = new Set<AgencyId>();
  let actTimes = noActTimes;
  for await (const recorded of store.readStream(caseStream(caseId))) {
    revision = recorded.revision;
    headHash = recorded.metadata.hash;
    visit?.(recorded);
    if (!isCaseEventType(recorded.type)) continue;
    const event = readCatalogEvent(recorded) as CaseEvent;
    if (event.type === 'CaseOpened' && state.status === 'none') workers = event.data.workers;
    state = evolve(state, event);
    actTimes = actTimesStep(actTimes, event, occurredAtOf(recorded.metadata));
    for (const p of participantsOf(event, recorded.metadata['agency'])) participants.add(p.agency);
  }
  return { state, revision, headHash, workers, participants, actTimes };
}
