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

const heldAttendeesV1 = {
  agencies: z.array(agencyIdSchema).min(1, { error: bilingual('至少一个机构出席', 'at least one agency attends') }),
  /** 司法局, 卫健委, industry associations… by name. */
  otherBodies: z.array(textSchema(100)).max(50),
};

/** Version 1 of JointMeetingHeld's data (before the minutes' own fields, issue 14.5), for its upcaster. */
export const jointMeetingHeldV1Data = z.strictObject(
  {
    meetingId: uuidSchema,
    attendees: z.strictObject(heldAttendeesV1, strictError),
    casesReviewed: z.array(uuidSchema).max(1000),
    decisions: z.array(meetingItemDecisionSchema).max(1000),
    minutes: textSchema(8000),
  },
  strictError,
);

/** A person the minutes name: their unit (an agency's or another body's name), name and post. */
export const meetingPersonSchema = z.strictObject({ unit: textSchema(100), name: textSchema(64), post: textSchema(64).optional() }, strictError);
export type MeetingPerson = z.infer<typeof meetingPersonSchema>;

/**
 * Version 2 (issue 14.5) carries what official minutes (会议纪要) record: 会议地点, 主持人, 记录人,
 * the people attending by unit (出席单位及人员) and the matters agreed (议定事项). They are optional
 * in the event, since a version 1 meeting reads as one that did not record them (its minutes print
 * 未记录 there); the console's form asks for every one.
 */
export const jointMeetingHeld = defineEvent({
  type: 'JointMeetingHeld',
  version: 2,
  data: z.strictObject(
    {
      meetingId: uuidSchema,
      attendees: z.strictObject({ ...heldAttendeesV1, persons: z.array(meetingPersonSchema).max(200).optional() }, strictError),
      casesReviewed: z.array(uuidSchema).max(1000),
      decisions: z.array(meetingItemDecisionSchema).max(1000),
      minutes: textSchema(8000),
      location: textSchema(200).optional(),
      chair: meetingPersonSchema.optional(),
      recorder: meetingPersonSchema.optional(),
      resolutions: z.array(textSchema(1000)).max(100).optional(),
    },
    strictError,
  ),
  label: { zh: '联席会议召开', en: 'Joint meeting held' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => data.attendees.agencies.includes(agency),
});
