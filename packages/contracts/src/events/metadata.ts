import { z } from 'zod';
import { actorSchema } from '../agencies.js';

/**
 * What the hub's services put in an event's metadata. Loose: the store adds recordedAt,
 * prevHash and hash, and engines may add their own keys.
 */
export const hubEventMetadataSchema = z.looseObject({
  schemaVersion: z.int().min(1),
  actor: actorSchema.pick({ agency: true, userId: true }),
  correlationId: z.string().min(1).optional(),
  causationId: z.string().min(1).optional(),
});
export type HubEventMetadata = z.output<typeof hubEventMetadataSchema>;
