import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

export const leadTransferred = defineEvent({
  type: 'LeadTransferred',
  version: 1,
  data: z
    .strictObject({ leadId: uuidSchema, from: agencyIdSchema, to: agencyIdSchema, summary: textSchema(2000), feedbackDueAt: isoDateTimeSchema }, strictError)
    .refine((d) => d.from !== d.to, { error: bilingual('不能移送给本机构', 'a lead cannot go to its sender'), path: ['to'] }),
  label: { zh: '线索移送', en: 'Lead transferred' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.from,
});

export const leadAccepted = defineEvent({
  type: 'LeadAccepted',
  version: 1,
  data: z.strictObject({ leadId: uuidSchema, acceptedBy: agencyIdSchema, note: textSchema(1000).optional() }, strictError),
  label: { zh: '线索接收', en: 'Lead accepted' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.acceptedBy,
});

export const leadDeclined = defineEvent({
  type: 'LeadDeclined',
  version: 1,
  data: z.strictObject({ leadId: uuidSchema, declinedBy: agencyIdSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '线索退回', en: 'Lead declined' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.declinedBy,
});

export const leadFeedbackGiven = defineEvent({
  type: 'LeadFeedbackGiven',
  version: 1,
  data: z.strictObject({ leadId: uuidSchema, givenBy: agencyIdSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '线索反馈', en: 'Lead feedback given' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.givenBy,
});
