import { z } from 'zod';
import { enforcementBasisSchema } from '../events/litigation.js';
import { bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { enforcementOutcomes } from '../vocabulary.js';
import { exactlyOne, itemizedInput } from '../money.js';
import { defineCommand, LIAISON } from './define.js';

const workerIdsSchema = z
  .array(uuidSchema)
  .min(1, { error: bilingual('至少一名职工', 'at least one worker') })
  .max(1000);

export const fileLitigation = defineCommand({
  name: 'FileLitigation',
  path: 'file-litigation',
  input: z.strictObject(
    {
      litigationId: uuidSchema,
      plaintiff: z.enum(['worker', 'employer', 'procuratorate'], {
        error: bilingual('请选择原告', "plaintiff must be 'worker', 'employer' or 'procuratorate'"),
      }),
      caseNumber: textSchema(100),
      amountClaimedFen: fenSchema,
      arbitrationId: uuidSchema.optional(),
    },
    strictError,
  ),
  label: { zh: '诉讼立案', en: 'File litigation' },
  issuedBy: ['court'],
  roles: LIAISON,
  yields: ['LitigationFiled'],
  joinsCase: true,
});

export const issueJudgment = defineCommand({
  name: 'IssueJudgment',
  path: 'issue-judgment',
  input: z
    .strictObject(
      {
        litigationId: uuidSchema,
        judgmentNo: textSchema(100),
        awardedItems: itemizedInput.items('The amount awarded', 'amountAwardedFen'),
        amountAwardedFen: itemizedInput.legacy('awardedItems'),
        summary: textSchema(2000),
      },
      strictError,
    )
    .refine(...exactlyOne('awardedItems', 'amountAwardedFen')),
  label: { zh: '作出判决', en: 'Issue judgment' },
  issuedBy: ['court'],
  roles: LIAISON,
  yields: ['JudgmentIssued'],
});

export const applyForEnforcement = defineCommand({
  name: 'ApplyForEnforcement',
  path: 'apply-for-enforcement',
  input: z.strictObject({ enforcementId: uuidSchema, basis: enforcementBasisSchema, amountFen: fenSchema }, strictError),
  label: { zh: '登记执行申请', en: 'Apply for enforcement' },
  issuedBy: ['court'],
  roles: LIAISON,
  yields: ['EnforcementApplied'],
  joinsCase: true,
});

export const completeEnforcement = defineCommand({
  name: 'CompleteEnforcement',
  path: 'complete-enforcement',
  input: z.strictObject(
    {
      enforcementId: uuidSchema,
      outcome: enforcementOutcomes.schema,
      amountRecoveredFen: fenSchema,
    },
    strictError,
  ),
  label: { zh: '执行完毕', en: 'Complete enforcement' },
  issuedBy: ['court'],
  roles: LIAISON,
  yields: ['EnforcementCompleted'],
});

export const assignLegalAid = defineCommand({
  name: 'AssignLegalAid',
  path: 'assign-legal-aid',
  input: z.strictObject({ legalAidId: uuidSchema, provider: textSchema(200), workerIds: workerIdsSchema }, strictError),
  label: { zh: '指派法律援助', en: 'Assign legal aid' },
  issuedBy: ['union'],
  roles: LIAISON,
  yields: ['LegalAidAssigned'],
});

export const supportProsecution = defineCommand({
  name: 'SupportProsecution',
  path: 'support-prosecution',
  input: z.strictObject({ supportId: uuidSchema, documentNo: textSchema(100).optional(), summary: textSchema(2000), workerIds: workerIdsSchema }, strictError),
  label: { zh: '支持起诉', en: 'Support prosecution' },
  issuedBy: ['procuratorate'],
  roles: LIAISON,
  yields: ['ProsecutionSupported'],
  joinsCase: true,
});
