import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
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

export const caseOpened = defineEvent({
  type: 'CaseOpened',
  version: 2,
  data: z.strictObject({ ...caseOpenedShape, amountClaimedFen: fenSchema }, strictError).refine((d) => d.workers.length <= d.workerCount, {
    error: bilingual('列明的职工多于职工人数', 'more workers listed than workerCount'),
    path: ['workers'],
  }),
  label: { zh: '案件登记', en: 'Case opened' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.openedBy,
});
