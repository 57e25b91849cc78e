import { randomUUID } from 'node:crypto';
import { parseEventData, type EventType } from '@hub/contracts';
import type { ExpectedRevision, JsonValue } from '@hub/event-store';
import { appendSigned, type Actor } from '@hub/service-kit';
import { metadataFor, type CommandEnv, type Trace } from '../cases/execute.js';

/**
 * Appends one event of a meeting or warning stream: checked against the catalog's strict schema,
 * with the metadata every service event carries, signed by this agency. These streams have no
 * decider: their few rules are checked by the routes that call this.
 */
export async function appendRecord(
  env: CommandEnv, actor: Actor, stream: string, type: EventType, data: unknown, expected: ExpectedRevision, trace: Trace,
): Promise<{ eventId: string; revision: string; position: string }> {
  const valid = parseEventData(type, data);
  const eventId = randomUUID();
  const result = await appendSigned(env.store, env.agency, env.signer, stream, [
    { id: eventId, type, data: valid as unknown as JsonValue, metadata: metadataFor({ type }, actor, trace) },
  ], { expectedRevision: expected });
  return { eventId, revision: result.nextExpectedRevision.toString(), position: result.position.toString() };
}
