import { z } from 'zod';
import { categories } from '../vocabulary.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { moneyItemsSchema, sumItems, TOTAL_IS_SUM } from '../money.js';
import { defineEvent } from './define.js';

/** Every arbitration act is the commission's (劳动人事争议仲裁委员会, part of hr_bureau). */
const COMMISSION = ['hr_bureau'] as const;

export const arbitrationApplied = defineEvent({
  type: 'ArbitrationApplied',
  version: 1,
  data: z.strictObject(
    {
      arbitrationId: uuidSchema,
      applicant: z.enum(['worker', 'employer'], { error: bilingual('请选择申请人', "applicant must be 'worker' or 'employer'") }),
      claimCategories: z.array(categories.schema).min(1, { error: bilingual('至少一项请求类别', 'at least one claim category') }),
      amountClaimedFen: fenSchema,
      /** Rule 8: the commission decides on acceptance by this time (Art. 29). */
      acceptanceDueAt: isoDateTimeSchema,
    },
    strictError,
  ),
  label: { zh: '仲裁申请', en: 'Arbitration applied' },
  recordedBy: COMMISSION,
});

export const arbitrationAccepted = defineEvent({
  type: 'ArbitrationAccepted',
  version: 1,
  data: z.strictObject(
    {
      arbitrationId: uuidSchema,
      caseNumber: textSchema(100),
      /** Rule 8: the award is due by this time (Art. 43). */
      conclusionDueAt: isoDateTimeSchema,
    },
    strictError,
  ),
  label: { zh: '仲裁受理', en: 'Arbitration accepted' },
  recordedBy: COMMISSION,
});

/** 不予受理: after it the worker may go to court (Art. 29). */
export const arbitrationDeclined = defineEvent({
  type: 'ArbitrationDeclined',
  version: 1,
  data: z.strictObject({ arbitrationId: uuidSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '仲裁不予受理', en: 'Arbitration declined' },
  recordedBy: COMMISSION,
});

export const arbitrationExtended = defineEvent({
  type: 'ArbitrationExtended',
  version: 1,
  data: z.strictObject({ arbitrationId: uuidSchema, reason: textSchema(1000), conclusionDueAt: isoDateTimeSchema }, strictError),
  label: { zh: '仲裁延期', en: 'Arbitration extended' },
  recordedBy: COMMISSION,
});

export const arbitrationMediationDocumentIssued = defineEvent({
  type: 'ArbitrationMediationDocumentIssued',
  version: 1,
  data: z.strictObject(
    {
      arbitrationId: uuidSchema,
      /** The mediation whose signed agreement this document confirms (rule 5), when there was one. */
      mediationId: uuidSchema.optional(),
      documentNo: textSchema(100),
      amountFen: fenSchema,
    },
    strictError,
  ),
  label: { zh: '仲裁调解书出具', en: 'Arbitration mediation document issued' },
  recordedBy: COMMISSION,
});

const arbitrationAwardShape = {
  arbitrationId: uuidSchema,
  awardNo: textSchema(100),
  amountAwardedFen: fenSchema,
  /** 终局裁决 (Art. 47): final for the employer. */
  final: z.boolean(),
  summary: textSchema(2000),
};

/** ArbitrationAwardIssued v1: one amount awarded; kept to read old streams. */
export const arbitrationAwardIssuedV1Data = z.strictObject(arbitrationAwardShape, strictError);

/** Version 2 (issue 13.6): the amount awarded itemized by kind; `amountAwardedFen` is their sum. */
export const arbitrationAwardIssued = defineEvent({
  type: 'ArbitrationAwardIssued',
  version: 2,
  data: z
    .strictObject({ ...arbitrationAwardShape, awardedItems: moneyItemsSchema }, strictError)
    .refine((d) => d.amountAwardedFen === sumItems(d.awardedItems), { error: TOTAL_IS_SUM, path: ['amountAwardedFen'] }),
  label: { zh: '仲裁裁决作出', en: 'Arbitration award issued' },
  recordedBy: COMMISSION,
});
