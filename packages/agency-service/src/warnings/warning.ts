import { agencyIdSchema, readCatalogEvent, type AgencyId, type EventDataOf, type WarningEvent } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { Conflict } from '@hub/service-kit';

/** Equal to the hub's copy in services/hub/src/streams.ts: one name per stream family. */
export const WARNING_STREAM_PREFIX = 'warning-';
export const warningStream = (warningId: string): string => `${WARNING_STREAM_PREFIX}${warningId}`;

export interface WarningState {
  readonly warningId: string;
  readonly raised: (Omit<EventDataOf<'EmployerWarningRaised'>, 'warningId'> & { readonly raisedBy: AgencyId | null; readonly raisedAt: string }) | null;
  readonly resolved: { readonly resolution: string; readonly resolvedBy: AgencyId | null; readonly resolvedAt: string } | null;
}

export interface LoadedWarning {
  readonly state: WarningState;
  /** Revision of the last event read; null when the stream does not exist. */
  readonly revision: bigint | null;
  /** The sealed hash of that event (what the next append's proof signs as its prevHash); null with no stream. */
  readonly headHash: string | null;
}

export function evolveWarning(state: WarningState, event: WarningEvent, by: AgencyId | null, at: string): WarningState {
  switch (event.type) {
    case 'EmployerWarningRaised': {
      const { warningId: _id, ...raised } = event.data;
      return { ...state, raised: { ...raised, raisedBy: by, raisedAt: at } };
    }
    case 'EmployerWarningResolved':
      return { ...state, resolved: { resolution: event.data.resolution, resolvedBy: by, resolvedAt: at } };
    default: {
      const unhandled: never = event;
      throw new TypeError(`unknown warning event ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Reads and folds a warning stream; an event that does not upcast throws, as for a case. */
export async function loadWarning(store: EventStore, warningId: string): Promise<LoadedWarning> {
  let state: WarningState = { warningId, raised: null, resolved: null };
  let revision: bigint | null = null;
  let headHash: string | null = null;
  for await (const recorded of store.readStream(warningStream(warningId))) {
    revision = recorded.revision;
    headHash = recorded.metadata.hash;
    const event = readCatalogEvent(recorded);
    if (event.type !== 'EmployerWarningRaised' && event.type !== 'EmployerWarningResolved') continue;
    const agency = agencyIdSchema.safeParse(recorded.metadata['agency']);
    state = evolveWarning(state, event, agency.success ? agency.data : null, recorded.metadata.recordedAt);
  }
  return { state, revision, headHash };
}

export type WarningCommand =
  | { readonly type: 'RaiseEmployerWarning'; readonly data: EventDataOf<'EmployerWarningRaised'> }
  | { readonly type: 'ResolveEmployerWarning'; readonly data: EventDataOf<'EmployerWarningResolved'> };

/**
 * The warning's decider. Rule 1 (the monitoring platforms raise and resolve warnings) is asked by
 * the routes before anything is read; a missing warning is the handler's 404. Raising appends to a
 * fresh id with no_stream, so the store refuses a second raise.
 */
export function decideWarning(command: WarningCommand, state: WarningState): WarningEvent[] {
  switch (command.type) {
    case 'RaiseEmployerWarning':
      return [{ type: 'EmployerWarningRaised', data: command.data }];
    case 'ResolveEmployerWarning':
      if (state.resolved !== null) throw new Conflict('warning.resolved', '该预警已解除', 'This warning was already resolved');
      return [{ type: 'EmployerWarningResolved', data: command.data }];
    default: {
      const unhandled: never = command;
      throw new TypeError(`unknown warning command ${JSON.stringify(unhandled)}`);
    }
  }
}
