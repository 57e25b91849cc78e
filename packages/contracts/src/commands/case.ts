import { z } from 'zod';
import { ALL_AGENCIES } from '../events/define.js';
import { employerSchema } from '../parties.js';
import { workerIdentityInputSchema } from '../personal.js';
import { categories, channels, feedbackChannels, resolutions } from '../vocabulary.js';
import { bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { categoryListSchema, exactlyOne, itemizedInput } from '../money.js';
import { fenSchema } from '../values/fen.js';
import { regionCodeSchema } from '../values/regionCode.js';
import { defineCommand, LIAISON } from './define.js';

export const openCase = defineCommand({
  name: 'OpenCase',
  path: 'open-case',
  input: z
    .strictObject(
      {
        channel: channels.schema,
        /** Issue 13.6: one or more; the first is the primary category. */
        categories: categoryListSchema
          .optional()
          .meta({ description: 'The case categories, the first being the primary one (issue 13.6); give this or category.', 'x-replaces': 'category' }),
        category: categories.schema.optional().meta({
          deprecated: true,
          description: 'The older single category, still accepted: read as categories [category]. Give this or categories, not both.',
        }),
        summary: textSchema(2000),
        employers: z
          .array(employerSchema)
          .min(1, { error: bilingual('至少一个用人单位', 'at least one employer') })
          .max(500),
        workerCount: z.int({ error: bilingual('职工人数须为整数', 'workerCount must be an integer') }).nonnegative(),
        /** Plain identities: the service encrypts each into a WorkerRef before the decider sees it. */
        workers: z.array(workerIdentityInputSchema).max(1000).default([]),
        claimedItems: itemizedInput.items('The amount claimed', 'amountClaimedFen'),
        amountClaimedFen: fenSchema.optional().meta({
          deprecated: true,
          description:
            "The older single amount claimed in fen, still accepted: read as one item of the kind the primary category implies (wage_arrears → wages, social_insurance → social_insurance, withheld_deposit → deposits, otherwise 'other'). Give this or claimedItems, not both.",
        }),
        region: regionCodeSchema,
      },
      strictError,
    )
    .refine(...exactlyOne('categories', 'category'))
    .refine(...exactlyOne('claimedItems', 'amountClaimedFen')),
  label: { zh: '登记案件', en: 'Open case' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['CaseOpened'],
});

export const giveWorkerFeedback = defineCommand({
  name: 'GiveWorkerFeedback',
  path: 'give-worker-feedback',
  input: z.strictObject({ channel: feedbackChannels.schema, summary: textSchema(2000) }, strictError),
  label: { zh: '向职工反馈', en: 'Give worker feedback' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['WorkerFeedbackGiven'],
});

export const closeCase = defineCommand({
  name: 'CloseCase',
  path: 'close-case',
  input: z
    .strictObject(
      {
        resolution: resolutions.schema,
        recoveredItems: itemizedInput.items('The money recovered', 'amountRecoveredFen'),
        amountRecoveredFen: itemizedInput.legacy('recoveredItems'),
        summary: textSchema(2000),
      },
      strictError,
    )
    .refine(...exactlyOne('recoveredItems', 'amountRecoveredFen')),
  label: { zh: '销号', en: 'Close case' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['CaseClosed'],
});

export const reopenCase = defineCommand({
  name: 'ReopenCase',
  path: 'reopen-case',
  input: z.strictObject({ reason: textSchema(1000) }, strictError),
  label: { zh: '重新办理', en: 'Reopen case' },
  issuedBy: ALL_AGENCIES,
  roles: LIAISON,
  yields: ['CaseReopened'],
});

export const eraseWorkerData = defineCommand({
  name: 'EraseWorkerData',
  path: 'erase-worker-data',
  input: z.strictObject(
    {
      workerId: uuidSchema,
      reason: z.enum(['worker_request', 'retention_expired'], {
        error: bilingual('请选择删除原因', "reason must be 'worker_request' or 'retention_expired'"),
      }),
    },
    strictError,
  ),
  label: { zh: '删除职工个人信息', en: 'Erase worker data' },
  issuedBy: ALL_AGENCIES,
  /** Erasure destroys data for good: an administrator's act, on the worker's request. */
  roles: ['admin'],
  yields: ['WorkerDataErased'],
});

/**
 * 承办人: the agency names the person of its own who handles the case (and names another to
 * reassign it). The service looks the user up among its people and gives the decider their name
 * and standing; a liaison may take or pass a case, an administrator (who oversees the agency's
 * workload) may assign it too.
 */
export const assignHandler = defineCommand({
  name: 'AssignHandler',
  path: 'assign-handler',
  input: z.strictObject({ userId: uuidSchema, note: textSchema(500).optional() }, strictError),
  label: { zh: '指定承办人', en: 'Assign handler' },
  issuedBy: ALL_AGENCIES,
  roles: ['liaison', 'admin'],
  yields: ['HandlerAssigned'],
});
