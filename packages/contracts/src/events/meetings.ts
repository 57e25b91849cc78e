import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

export const jointMeetingScheduled = defineEvent({
  type: 'JointMeetingScheduled',
  version: 1,
  data: z.strictObject(
    {
      meetingId: uuidSchema,
      hostAgency: agencyIdSchema,
      title: textSchema(200),
      scheduledFor: isoDateTimeSchema,
      agenda: textSchema(4000),
      caseIds: z.array(uuidSchema).max(1000),
    },
    strictError,
  ),
  label: { zh: '联席会议安排', en: 'Joint meeting scheduled' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.hostAgency,
});

/** One decision as the meeting took it; each is then applied to its case as RectificationItemDecided. */
export const meetingItemDecisionSchema = z.discriminatedUnion('decision', [
  z.strictObject(
    { caseId: uuidSchema, itemId: uuidSchema, decision: z.literal('extend'), newDeadline: isoDateTimeSchema, note: textSchema(1000) },
    strictError,
  ),
  z.strictObject({ caseId: uuidSchema, itemId: uuidSchema, decision: z.literal('escalate'), note: textSchema(1000) }, strictError),
  z.strictObject({ caseId: uuidSchema, itemId: uuidSchema, decision: z.literal('close'), note: textSchema(1000) }, strictError),
]);

export const jointMeetingHeld = defineEvent({
  type: 'JointMeetingHeld',
  version: 1,
  data: z.strictObject(
    {
      meetingId: uuidSchema,
      attendees: z.strictObject(
        {
          agencies: z.array(agencyIdSchema).min(1, { error: bilingual('至少一个机构出席', 'at least one agency attends') }),
          /** 司法局, 卫健委, industry associations… by name. */
          otherBodies: z.array(textSchema(100)).max(50),
        },
        strictError,
      ),
      casesReviewed: z.array(uuidSchema).max(1000),
      decisions: z.array(meetingItemDecisionSchema).max(1000),
      minutes: textSchema(8000),
    },
    strictError,
  ),
  label: { zh: '联席会议召开', en: 'Joint meeting held' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => data.attendees.agencies.includes(agency),
});
