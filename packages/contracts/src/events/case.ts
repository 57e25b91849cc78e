import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { categoryListSchema, moneyItemsSchema, sumItems, TOTAL_IS_SUM } from '../money.js';
import { employerSchema } from '../parties.js';
import { workerRefSchema } from '../personal.js';
import { categories, channels } from '../vocabulary.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { regionCodeSchema } from '../values/regionCode.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

const caseOpenedShape = {
  caseId: uuidSchema,
  openedBy: agencyIdSchema,
  channel: channels.schema,
  category: categories.schema,
  summary: textSchema(2000),
  employers: z
    .array(employerSchema)
    .min(1, { error: bilingual('至少一个用人单位', 'at least one employer') })
    .max(500),
  workerCount: z.int().nonnegative({ error: bilingual('职工人数不能为负数', 'workerCount must not be negative') }),
  workers: z.array(workerRefSchema).max(1000),
  region: regionCodeSchema,
  /** Rule 6: computed from the deployment's policy when the case is opened. */
  workerFeedbackDueAt: isoDateTimeSchema,
};

/** CaseOpened v1 carried the claim as a decimal number of yuan; kept to read old streams. */
export const caseOpenedV1Data = z.strictObject({ ...caseOpenedShape, amountClaimedYuan: z.number().nonnegative() }, strictError);

/** CaseOpened v2: one category and one amount claimed in fen; kept to read old streams. */
export const caseOpenedV2Data = z.strictObject({ ...caseOpenedShape, amountClaimedFen: fenSchema }, strictError);

/**
 * Version 3 (issue 13.6): several categories and the claim itemized by kind. `category` stays as
 * the primary category (the first of `categories`) and `amountClaimedFen` as the total (the sum of
 * `claimedItems`), so readers that know one category and one amount keep working.
 */
export const caseOpened = defineEvent({
  type: 'CaseOpened',
  version: 3,
  data: z
    .strictObject({ ...caseOpenedShape, categories: categoryListSchema, amountClaimedFen: fenSchema, claimedItems: moneyItemsSchema }, strictError)
    .refine((d) => d.workers.length <= d.workerCount, {
      error: bilingual('列明的职工多于职工人数', 'more workers listed than workerCount'),
      path: ['workers'],
    })
    .refine((d) => d.categories[0] === d.category, {
      error: bilingual('主类别须为类别列表的第一项', 'category must be the first of categories'),
      path: ['category'],
    })
    .refine((d) => d.amountClaimedFen === sumItems(d.claimedItems), { error: TOTAL_IS_SUM, path: ['amountClaimedFen'] }),
  label: { zh: '案件登记', en: 'Case opened' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.openedBy,
});
