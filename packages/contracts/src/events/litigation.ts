import { z } from 'zod';
import { bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { moneyItemsSchema, sumItems, TOTAL_IS_SUM } from '../money.js';
import { enforcementOutcomes } from '../vocabulary.js';
import { defineEvent } from './define.js';

const workerIdsSchema = z
  .array(uuidSchema)
  .min(1, { error: bilingual('至少一名职工', 'at least one worker') })
  .max(1000);

export const litigationFiled = defineEvent({
  type: 'LitigationFiled',
  version: 1,
  data: z.strictObject(
    {
      litigationId: uuidSchema,
      plaintiff: z.enum(['worker', 'employer', 'procuratorate'], {
        error: bilingual('请选择原告', "plaintiff must be 'worker', 'employer' or 'procuratorate'"),
      }),
      caseNumber: textSchema(100),
      amountClaimedFen: fenSchema,
      /** The arbitration this suit follows (裁审衔接), when there was one. */
      arbitrationId: uuidSchema.optional(),
    },
    strictError,
  ),
  label: { zh: '诉讼立案', en: 'Litigation filed' },
  recordedBy: ['court'],
});

const judgmentShape = { litigationId: uuidSchema, judgmentNo: textSchema(100), amountAwardedFen: fenSchema, summary: textSchema(2000) };

/** JudgmentIssued v1: one amount awarded; kept to read old streams. */
export const judgmentIssuedV1Data = z.strictObject(judgmentShape, strictError);

/** Version 2 (issue 13.6): the amount awarded itemized by kind; `amountAwardedFen` is their sum. */
export const judgmentIssued = defineEvent({
  type: 'JudgmentIssued',
  version: 2,
  data: z
    .strictObject({ ...judgmentShape, awardedItems: moneyItemsSchema }, strictError)
    .refine((d) => d.amountAwardedFen === sumItems(d.awardedItems), { error: TOTAL_IS_SUM, path: ['amountAwardedFen'] }),
  label: { zh: '判决作出', en: 'Judgment issued' },
  recordedBy: ['court'],
});

export const enforcementBasisSchema = z.strictObject(
  {
    kind: z.enum(['judgment', 'arbitration_award', 'arbitration_mediation_document'], {
      error: bilingual('执行依据须为判决、仲裁裁决或仲裁调解书', 'basis must be a judgment, an arbitration award or an arbitration mediation document'),
    }),
    /** litigationId for a judgment, arbitrationId otherwise. */
    ref: uuidSchema,
  },
  strictError,
);

export const enforcementApplied = defineEvent({
  type: 'EnforcementApplied',
  version: 1,
  data: z.strictObject({ enforcementId: uuidSchema, basis: enforcementBasisSchema, amountFen: fenSchema }, strictError),
  label: { zh: '申请执行', en: 'Enforcement applied' },
  recordedBy: ['court'],
});

export const enforcementCompleted = defineEvent({
  type: 'EnforcementCompleted',
  version: 1,
  data: z.strictObject(
    {
      enforcementId: uuidSchema,
      outcome: enforcementOutcomes.schema,
      amountRecoveredFen: fenSchema,
    },
    strictError,
  ),
  label: { zh: '执行完毕', en: 'Enforcement completed' },
  recordedBy: ['court'],
});

export const legalAidAssigned = defineEvent({
  type: 'LegalAidAssigned',
  version: 1,
  data: z.strictObject({ legalAidId: uuidSchema, provider: textSchema(200), workerIds: workerIdsSchema }, strictError),
  label: { zh: '指派法律援助', en: 'Legal aid assigned' },
  recordedBy: ['union'],
});

export const prosecutionSupported = defineEvent({
  type: 'ProsecutionSupported',
  version: 1,
  data: z.strictObject({ supportId: uuidSchema, documentNo: textSchema(100).optional(), summary: textSchema(2000), workerIds: workerIdsSchema }, strictError),
  label: { zh: '支持起诉', en: 'Prosecution supported' },
  recordedBy: ['procuratorate'],
});
