import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { stages } from '../vocabulary.js';
import { bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

export const jointReviewHeld = defineEvent({
  type: 'JointReviewHeld',
  version: 1,
  data: z.strictObject(
    {
      reviewId: uuidSchema,
      /** Rule 3: two or more of the hub's agencies, each named once. */
      agencies: z
        .array(agencyIdSchema)
        .min(2, { error: bilingual('共同研判至少需要两个机构', 'a joint review needs at least two agencies') })
        .refine((list) => new Set(list).size === list.length, { error: bilingual('机构重复', 'an agency is named twice') }),
      /** Bodies without a service of their own (司法局, 卫健委, industry associations), by name. */
      otherParticipants: z.array(textSchema(100)).max(20),
      conclusion: textSchema(2000),
      routeTo: stages.schema,
    },
    strictError,
  ),
  label: { zh: '共同研判', en: 'Joint review held' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => data.agencies.includes(agency),
});
