import { z } from 'zod';
import { agencyIdSchema } from './agencies.js';
import { strictError, textSchema } from './values/common.js';
import { usccSchema } from './values/uscc.js';

/** An employer a case concerns; its USCC when known (a lead may name an employer that is not registered, or not yet identified). */
export const employerSchema = z.strictObject({ name: textSchema(200), uscc: usccSchema.optional() }, strictError);
export type Employer = z.output<typeof employerSchema>;

/** An employer that must be identified by its USCC: one put on a credit list or warned of. */
export const registeredEmployerSchema = z.strictObject({ name: textSchema(200), uscc: usccSchema }, strictError);
export type RegisteredEmployer = z.output<typeof registeredEmployerSchema>;

/**
 * Whom a letter is addressed to or who must rectify: an enterprise, or an agency — one of the
 * hub's four (then `agencyId` says which, and that agency records its own reply) or another
 * body such as 交通运输局 (name only).
 */
export const partySchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('enterprise'), name: textSchema(200), uscc: usccSchema.optional() }, strictError),
  z.strictObject({ kind: z.literal('agency'), name: textSchema(200), agencyId: agencyIdSchema.optional() }, strictError),
]);
export type Party = z.output<typeof partySchema>;
