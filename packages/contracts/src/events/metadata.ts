import { z } from 'zod';
import { actorSchema } from '../agencies.js';

/**
 * What the hub's services put in an event's metadata. Loose: the store adds recordedAt,
 * prevHash and hash, engines may add their own keys, and the first event of each append carries
 * the agency's `proof` over the append (service-kit's event-proof.ts), added after this is checked.
 */
export const hubEventMetadataSchema = z.looseObject({
  schemaVersion: z.int().min(1),
  actor: actorSchema.pick({ agency: true, userId: true }),
  correlationId: z.string().min(1).optional(),
  causationId: z.string().min(1).optional(),
});
export type HubEventMetadata = z.output<typeof hubEventMetadataSchema>;
