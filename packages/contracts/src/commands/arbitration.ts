import { z } from 'zod';
import { categories } from '../vocabulary.js';
import { bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { exactlyOne, itemizedInput } from '../money.js';
import { defineCommand, LIAISON } from './define.js';

const COMMISSION = ['hr_bureau'] as const;

/** Recorded by the commission when the application is received; deadlines run from then. */
export const applyForArbitration = defineCommand({
  name: 'ApplyForArbitration',
  path: 'apply-for-arbitration',
  input: z.strictObject(
    {
      arbitrationId: uuidSchema,
      applicant: z.enum(['worker', 'employer'], { error: bilingual('请选择申请人', "applicant must be 'worker' or 'employer'") }),
      claimCategories: z.array(categories.schema).min(1, { error: bilingual('至少一项请求类别', 'at least one claim category') }),
      amountClaimedFen: fenSchema,
    },
    strictError,
  ),
  label: { zh: '登记仲裁申请', en: 'Apply for arbitration' },
  issuedBy: COMMISSION,
  roles: LIAISON,
  yields: ['ArbitrationApplied'],
  joinsCase: true,
});

export const acceptArbitration = defineCommand({
  name: 'AcceptArbitration',
  path: 'accept-arbitration',
  input: z.strictObject({ arbitrationId: uuidSchema, caseNumber: textSchema(100) }, strictError),
  label: { zh: '受理仲裁', en: 'Accept arbitration' },
  issuedBy: COMMISSION,
  roles: LIAISON,
  yields: ['ArbitrationAccepted'],
});

export const declineArbitration = defineCommand({
  name: 'DeclineArbitration',
  path: 'decline-arbitration',
  input: z.strictObject({ arbitrationId: uuidSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '不予受理仲裁', en: 'Decline arbitration' },
  issuedBy: COMMISSION,
  roles: LIAISON,
  yields: ['ArbitrationDeclined'],
});

export const extendArbitration = defineCommand({
  name: 'ExtendArbitration',
  path: 'extend-arbitration',
  input: z.strictObject({ arbitrationId: uuidSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '仲裁延期', en: 'Extend arbitration' },
  issuedBy: COMMISSION,
  roles: LIAISON,
  yields: ['ArbitrationExtended'],
});

export const issueArbitrationMediationDocument = defineCommand({
  name: 'IssueArbitrationMediationDocument',
  path: 'issue-arbitration-mediation-document',
  input: z.strictObject({ arbitrationId: uuidSchema, mediationId: uuidSchema.optional(), documentNo: textSchema(100), amountFen: fenSchema }, strictError),
  label: { zh: '出具仲裁调解书', en: 'Issue arbitration mediation document' },
  issuedBy: COMMISSION,
  roles: LIAISON,
  yields: ['ArbitrationMediationDocumentIssued'],
});

export const issueArbitrationAward = defineCommand({
  name: 'IssueArbitrationAward',
  path: 'issue-arbitration-award',
  input: z
    .strictObject(
      {
        arbitrationId: uuidSchema,
        awardNo: textSchema(100),
        awardedItems: itemizedInput.items('The amount awarded', 'amountAwardedFen'),
        amountAwardedFen: itemizedInput.legacy('awardedItems'),
        final: z.boolean().default(false),
        summary: textSchema(2000),
      },
      strictError,
    )
    .refine(...exactlyOne('awardedItems', 'amountAwardedFen')),
  label: { zh: '作出仲裁裁决', en: 'Issue arbitration award' },
  issuedBy: COMMISSION,
  roles: LIAISON,
  yields: ['ArbitrationAwardIssued'],
});
