import { parseEventData, type EventType } from '@hub/contracts';
import type { ExpectedRevision, JsonValue } from '@hub/event-store';
import { appendSigned, type Actor } from '@hub/service-kit';
import { metadataFor, type CommandEnv, type Trace } from '../cases/execute.js';
import { eventIdsFor } from '../idempotency.js';

/**
 * Appends one event of a meeting or warning stream: checked against the catalog's strict schema,
 * with the metadata every service event carries, signed by this agency. These streams have no
 * decider: their few rules are checked by the routes that call this.
 */
export async function appendRecord(
  env: CommandEnv,
  actor: Actor,
  stream: string,
  type: EventType,
  data: unknown,
  expected: ExpectedRevision,
  trace: Trace,
): Promise<{ revision: string; position: string }> {
  const valid = parseEventData(type, data);
  // With an Idempotency-Key the id is derived from it (a concurrent copy appends the same id); else the store mints one.
  const [derived] = eventIdsFor(env.agency, trace.request, stream, 1);
  const result = await appendSigned(
    env.store,
    env.agency,
    env.signer,
    stream,
    [{ ...(derived ? { id: derived } : {}), type, data: valid as unknown as JsonValue, metadata: metadataFor({ type }, actor, trace) }],
    { expectedRevision: expected },
  );
  return { revision: result.nextExpectedRevision.toString(), position: result.position.toString() };
}
