import { z } from 'zod';
import { ALL_AGENCIES } from '../events/define.js';
import { followUpResultSchema, meetingDecisionSchema, rectificationItemSchema, SUPERVISORS } from '../events/rectification.js';
import { partySchema } from '../parties.js';
import { creditLists, letterKinds } from '../vocabulary.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { usccSchema } from '../values/uscc.js';
import { defineCommand, LIAISON } from './define.js';

export const issueSupervisionLetter = defineCommand({
  name: 'IssueSupervisionLetter',
  path: 'issue-supervision-letter',
  input: z.strictObject(
    {
      letterId: uuidSchema,
      kind: letterKinds.schema,
      addressee: partySchema,
      documentNo: textSchema(100).optional(),
      summary: textSchema(2000),
      /** Required for every kind but 检察建议, whose reply deadline the policy sets (rule 8). */
      replyDueAt: isoDateTimeSchema.optional(),
      urgent: z.boolean().default(false),
    },
    strictError,
  ),
  label: { zh: '发出监督文书', en: 'Issue supervision letter' },
  issuedBy: SUPERVISORS,
  roles: LIAISON,
  yields: ['SupervisionLetterIssued'],
});

export const replyToSupervisionLetter = defineCommand({
  name: 'ReplyToSupervisionLetter',
  path: 'reply-to-supervision-letter',
  input: z.strictObject({ letterId: uuidSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '回复监督文书', en: 'Reply to supervision letter' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['SupervisionLetterReplied'],
});

export const listEmployerForCredit = defineCommand({
  name: 'ListEmployerForCredit',
  path: 'list-employer-for-credit',
  /** Names the employer by its USCC; it must be one of the case's employers. */
  input: z.strictObject({ uscc: usccSchema, list: creditLists.schema, reason: textSchema(1000) }, strictError),
  label: { zh: '列入失信监控名单', en: 'List employer for credit' },
  issuedBy: ['hr_bureau'],
  roles: LIAISON,
  yields: ['EmployerCreditListed'],
});

export const orderRectification = defineCommand({
  name: 'OrderRectification',
  path: 'order-rectification',
  input: z.strictObject(
    {
      rectificationId: uuidSchema,
      letterId: uuidSchema.optional(),
      items: z
        .array(rectificationItemSchema)
        .min(1, { error: bilingual('整改清单至少一项', 'a rectification list needs at least one item') })
        .max(500),
    },
    strictError,
  ),
  label: { zh: '下达问题整改清单', en: 'Order rectification' },
  issuedBy: SUPERVISORS,
  roles: LIAISON,
  yields: ['RectificationOrdered'],
});

export const reportRectificationItem = defineCommand({
  name: 'ReportRectificationItem',
  path: 'report-rectification-item',
  input: z.strictObject({ itemId: uuidSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '报告整改情况', en: 'Report rectification item' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['RectificationItemReported'],
});

export const doFollowUp = defineCommand({
  name: 'DoFollowUp',
  path: 'do-follow-up',
  input: z.strictObject(
    {
      followUpId: uuidSchema,
      results: z
        .array(followUpResultSchema)
        .min(1, { error: bilingual('至少核查一项', 'check at least one item') })
        .max(500),
    },
    strictError,
  ),
  label: { zh: '回头看', en: 'Do follow-up' },
  issuedBy: SUPERVISORS,
  roles: LIAISON,
  yields: ['FollowUpDone'],
});

export const recordMeetingDecision = defineCommand({
  name: 'RecordMeetingDecision',
  path: 'record-meeting-decision',
  input: meetingDecisionSchema,
  label: { zh: '记录联席会议决定', en: 'Record meeting decision' },
  issuedBy: ALL_AGENCIES,
  roles: ['secretary'],
  yields: ['RectificationItemDecided'],
});
