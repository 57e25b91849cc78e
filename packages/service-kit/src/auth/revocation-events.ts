import { agencyIds, currentVersions, readCatalogEvent, type AgencyId, type EventDataOf } from '@hub/contracts';
import type { AppendResult, EventStore, RecordedEvent } from '@hub/event-store';
import { v5 as uuidv5 } from 'uuid';
import { agencyStream, HUB_UUID_NAMESPACE, type Signer } from '../signing.js';
import { appendSigned } from '../stream-signatures.js';

export const SESSION_REVOKED = 'SessionRevoked';

export type SessionRevokedData = EventDataOf<'SessionRevoked'>;

/** A signed-out session as the store tells it: which agency issued it, its jti, when it would have expired. */
export interface RevokedSession {
  agency: AgencyId;
  sessionId: string;
  expiresAt: Date;
}

/**
 * Records on the store that a session of `agency` was signed out: `SessionRevoked` in the
 * agency's own stream `agency-<agency>`, signed like every other append of the service. The
 * event id is derived from the jti, so recording the same logout again writes nothing.
 * No user id or name: only the session id and its expiry.
 */
export async function recordSessionRevoked(
  store: EventStore,
  agency: AgencyId,
  signer: Signer,
  session: { sessionId: string; expiresAt: Date },
  revokedAt: Date,
): Promise<AppendResult> {
  const data: SessionRevokedData = {
    sessionId: session.sessionId,
    expiresAt: session.expiresAt.toISOString(),
    revokedAt: revokedAt.toISOString(),
  };
  return appendSigned(store, agency, signer, agencyStream(agency), [
    {
      id: uuidv5(`session-revoked:${agency}:${session.sessionId}`, HUB_UUID_NAMESPACE),
      type: SESSION_REVOKED,
      data: { ...data },
      metadata: { schemaVersion: currentVersions.SessionRevoked },
    },
  ]);
}

/**
 * The revocation a stored event records, or undefined when it is not a valid `SessionRevoked`
 * of the agency whose stream holds it: the stream, `metadata.agency` must name the same agency
 * (the agency that issued the session), and the data must fit the catalog's schema. The store
 * lets anyone append anywhere; a revocation in another agency's stream revokes nothing.
 */
export function revokedSessionOf(event: Pick<RecordedEvent, 'stream' | 'type' | 'data' | 'metadata'>): RevokedSession | undefined {
  if (event.type !== SESSION_REVOKED) return undefined;
  const agency = agencyIds.find((a) => agencyStream(a) === event.stream);
  if (!agency || event.metadata['agency'] !== agency) return undefined;
  let data: SessionRevokedData;
  try {
    data = readCatalogEvent(event).data as SessionRevokedData;
  } catch {
    return undefined;
  }
  return { agency, sessionId: data.sessionId, expiresAt: new Date(data.expiresAt) };
}
