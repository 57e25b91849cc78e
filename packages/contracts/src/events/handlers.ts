import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/**
 * A person of an agency as the case file names them: the user's id at the agency's service (the
 * machine id) and the name people read, as it was when the act was recorded. Staff names are not
 * workers' personal data: they sign every act already (the metadata's userName).
 */
export const staffMemberSchema = z.strictObject(
  {
    userId: z.string().trim().min(1).max(200),
    displayName: textSchema(64),
  },
  strictError,
);
export type StaffMember = z.output<typeof staffMemberSchema>;

/**
 * 承办人: the person of `agency` who handles the case there. Each agency taking part in a case has
 * its own (at most one at a time); an assignment while another person handles it is a
 * reassignment, and names that person in `previous`, so the record reads "from A to B" without
 * folding the stream. Recorded by the agency itself, signed and timed like every act.
 */
export const handlerAssigned = defineEvent({
  type: 'HandlerAssigned',
  version: 1,
  data: z.strictObject(
    {
      agency: agencyIdSchema,
      handler: z.strictObject({ userId: uuidSchema, displayName: textSchema(64) }, strictError),
      assignedBy: staffMemberSchema,
      previous: staffMemberSchema.optional(),
      note: textSchema(500).optional(),
    },
    strictError,
  ),
  label: { zh: '指定承办人', en: 'Handler assigned' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.agency,
});
