import { z } from 'zod';
import type { AgencyId } from '../agencies.js';
import { agencyIdSchema } from '../agencies.js';
import { partySchema } from '../parties.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/** Agencies that order and check rectification; the court acts through judgments instead. */
export const SUPERVISORS: readonly AgencyId[] = ['union', 'procuratorate', 'hr_bureau'];

export const rectificationItemSchema = z.strictObject(
  { itemId: uuidSchema, description: textSchema(1000), deadline: isoDateTimeSchema, responsibleParty: partySchema },
  strictError,
);

const uniqueBy =
  <T>(key: (item: T) => string) =>
  (list: readonly T[]) =>
    new Set(list.map(key)).size === list.length;

export const rectificationOrdered = defineEvent({
  type: 'RectificationOrdered',
  version: 1,
  data: z.strictObject(
    {
      rectificationId: uuidSchema,
      orderedBy: agencyIdSchema,
      /** The letter this list follows (a 检察建议, a 责令改正决定书…), when there is one. */
      letterId: uuidSchema.optional(),
      items: z
        .array(rectificationItemSchema)
        .min(1, { error: bilingual('整改清单至少一项', 'a rectification list needs at least one item') })
        .max(500)
        .refine(
          uniqueBy((i: { itemId: string }) => i.itemId),
          { error: bilingual('整改事项编号重复', 'an itemId appears twice') },
        ),
    },
    strictError,
  ),
  label: { zh: '问题整改清单下达', en: 'Rectification ordered' },
  recordedBy: SUPERVISORS,
  mayRecord: (agency, data) => agency === data.orderedBy,
});

export const rectificationItemReported = defineEvent({
  type: 'RectificationItemReported',
  version: 1,
  data: z.strictObject({ itemId: uuidSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '整改情况报告', en: 'Rectification item reported' },
  recordedBy: ALL_AGENCIES,
});

export const followUpResultSchema = z.strictObject({ itemId: uuidSchema, verified: z.boolean(), findings: textSchema(2000) }, strictError);

/** 回头看: one visit, a verdict per item. */
export const followUpDone = defineEvent({
  type: 'FollowUpDone',
  version: 1,
  data: z.strictObject(
    {
      followUpId: uuidSchema,
      results: z
        .array(followUpResultSchema)
        .min(1, { error: bilingual('至少核查一项', 'check at least one item') })
        .max(500)
        .refine(
          uniqueBy((r: { itemId: string }) => r.itemId),
          { error: bilingual('同一事项核查两次', 'an item is checked twice') },
        ),
    },
    strictError,
  ),
  label: { zh: '回头看', en: 'Follow-up done' },
  recordedBy: SUPERVISORS,
});

const decisionBase = { itemId: uuidSchema, meetingId: uuidSchema, note: textSchema(1000) };

export const meetingDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject({ ...decisionBase, decision: z.literal('extend'), newDeadline: isoDateTimeSchema }, strictError),
  z.strictObject({ ...decisionBase, decision: z.literal('escalate') }, strictError),
  z.strictObject({ ...decisionBase, decision: z.literal('close') }, strictError),
]);

export { meetingDecisionLabels } from '../words.js';

/** A joint meeting's decision on one item, applied to the item's case stream. */
export const rectificationItemDecided = defineEvent({
  type: 'RectificationItemDecided',
  version: 1,
  data: meetingDecisionSchema,
  label: { zh: '联席会议决定', en: 'Rectification item decided' },
  recordedBy: ALL_AGENCIES,
});
