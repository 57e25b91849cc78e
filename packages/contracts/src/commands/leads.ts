import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { ALL_AGENCIES } from '../events/define.js';
import { stages } from '../vocabulary.js';
import { isoDateTimeSchema, strictError, textSchema, uuidSchema } from '../values/common.js';
import { defineCommand, LIAISON } from './define.js';

export const transferLead = defineCommand({
  name: 'TransferLead',
  path: 'transfer-lead',
  input: z.strictObject({ leadId: uuidSchema, to: agencyIdSchema, summary: textSchema(2000), feedbackDueAt: isoDateTimeSchema }, strictError),
  label: { zh: '移送线索', en: 'Transfer lead' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['LeadTransferred'],
});

export const acceptLead = defineCommand({
  name: 'AcceptLead',
  path: 'accept-lead',
  input: z.strictObject({ leadId: uuidSchema, note: textSchema(1000).optional() }, strictError),
  label: { zh: '接收线索', en: 'Accept lead' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['LeadAccepted'],
});

export const declineLead = defineCommand({
  name: 'DeclineLead',
  path: 'decline-lead',
  input: z.strictObject({ leadId: uuidSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '退回线索', en: 'Decline lead' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['LeadDeclined'],
});

export const giveLeadFeedback = defineCommand({
  name: 'GiveLeadFeedback',
  path: 'give-lead-feedback',
  input: z.strictObject({ leadId: uuidSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '反馈线索办理情况', en: 'Give lead feedback' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['LeadFeedbackGiven'],
});

export const holdJointReview = defineCommand({
  name: 'HoldJointReview',
  path: 'hold-joint-review',
  input: z.strictObject(
    {
      reviewId: uuidSchema,
      /** Rule 3 (two or more, the recorder among them) is the decider's to enforce, with its rule id. */
      agencies: z.array(agencyIdSchema).min(1).max(4),
      otherParticipants: z.array(textSchema(100)).max(20).default([]),
      conclusion: textSchema(2000),
      routeTo: stages.schema,
    },
    strictError,
  ),
  label: { zh: '共同研判', en: 'Hold joint review' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['JointReviewHeld'],
});
