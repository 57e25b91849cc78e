import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { feedbackChannels, resolutions } from '../vocabulary.js';
import { isoDateTimeSchema, strictError, textSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { moneyItemsSchema, sumItems, TOTAL_IS_SUM } from '../money.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

export const workerFeedbackGiven = defineEvent({
  type: 'WorkerFeedbackGiven',
  version: 1,
  data: z.strictObject({ givenBy: agencyIdSchema, channel: feedbackChannels.schema, summary: textSchema(2000) }, strictError),
  label: { zh: '向职工反馈', en: 'Worker feedback given' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.givenBy,
});

const caseClosedShape = { closedBy: agencyIdSchema, resolution: resolutions.schema, amountRecoveredFen: fenSchema, summary: textSchema(2000) };

/** CaseClosed v1: one amount recovered; kept to read old streams. */
export const caseClosedV1Data = z.strictObject(caseClosedShape, strictError);

/** 销号. Version 2 (issue 13.6): the money recovered itemized by kind; `amountRecoveredFen` is their sum. */
export const caseClosed = defineEvent({
  type: 'CaseClosed',
  version: 2,
  data: z
    .strictObject({ ...caseClosedShape, recoveredItems: moneyItemsSchema }, strictError)
    .refine((d) => d.amountRecoveredFen === sumItems(d.recoveredItems), { error: TOTAL_IS_SUM, path: ['amountRecoveredFen'] }),
  label: { zh: '销号', en: 'Case closed' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.closedBy,
});

export const caseReopened = defineEvent({
  type: 'CaseReopened',
  version: 1,
  data: z.strictObject(
    {
      reopenedBy: agencyIdSchema,
      reason: textSchema(1000),
      /** A reopened case owes the worker fresh feedback (rule 6). */
      workerFeedbackDueAt: isoDateTimeSchema,
    },
    strictError,
  ),
  label: { zh: '重新办理', en: 'Case reopened' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.reopenedBy,
});
