import { z } from 'zod';
import { actorSchema } from '../agencies.js';
import { actorVias } from '../business-time.js';
import { isoDateTimeSchema } from '../values/common.js';

/**
 * What the hub's services put in an event's metadata. Loose: the store adds recordedAt,
 * prevHash and hash (recordedAt is when the act was recorded, occurredAt when it happened), engines may add their own keys, and the first event of each append carries
 * the agency's `proof` over the append (service-kit's event-proof.ts), added after this is checked.
 */
export const hubEventMetadataSchema = z.looseObject({
  schemaVersion: z.int().min(1),
  /** `via: 'api_key'` when a machine client (a service account) recorded the act (issue 13.8). */
  actor: actorSchema.pick({ agency: true, userId: true }).extend({ via: z.enum(actorVias).optional() }),
  /** When the act happened (business time, issue 13.4); absent on older events: read it with occurredAtOf. */
  occurredAt: isoDateTimeSchema.optional(),
  correlationId: z.string().min(1).optional(),
  causationId: z.string().min(1).optional(),
});
export type HubEventMetadata = z.output<typeof hubEventMetadataSchema>;
