import { z } from 'zod';
import type { AgencyId } from '../agencies.js';
import { agencyIdSchema } from '../agencies.js';
import { employerSchema, partySchema } from '../parties.js';
import { creditLists, letterKinds, type LetterKind } from '../vocabulary.js';
import { isoDateTimeSchema, strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/** Rule 1 by letter kind: the 一函两书 are the union's, 检察建议 the procuratorate's, 责令改正 the HR bureau's. */
export const letterIssuer: { readonly [K in LetterKind]: AgencyId } = {
  reminder_letter: 'union',
  opinion_letter: 'union',
  recommendation_letter: 'union',
  procuratorial_recommendation: 'procuratorate',
  rectification_order: 'hr_bureau',
};

export const supervisionLetterIssued = defineEvent({
  type: 'SupervisionLetterIssued',
  version: 1,
  data: z.strictObject(
    {
      letterId: uuidSchema,
      kind: letterKinds.schema,
      issuedBy: agencyIdSchema,
      addressee: partySchema,
      documentNo: textSchema(100).optional(),
      summary: textSchema(2000),
      /** Written on the letter, or for 检察建议 computed from the policy (rule 8). */
      replyDueAt: isoDateTimeSchema,
      urgent: z.boolean(),
    },
    strictError,
  ),
  label: { zh: '监督文书发出', en: 'Supervision letter issued' },
  recordedBy: ['union', 'procuratorate', 'hr_bureau'],
  mayRecord: (agency, data) => agency === data.issuedBy && agency === letterIssuer[data.kind],
});

/** Recorded by the addressed agency itself, or by the issuer when the addressee has no service here. */
export const supervisionLetterReplied = defineEvent({
  type: 'SupervisionLetterReplied',
  version: 1,
  data: z.strictObject({ letterId: uuidSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '监督文书回复', en: 'Supervision letter replied' },
  recordedBy: ALL_AGENCIES,
});

export const employerCreditListed = defineEvent({
  type: 'EmployerCreditListed',
  version: 1,
  data: z.strictObject({ employer: employerSchema, list: creditLists.schema, reason: textSchema(1000) }, strictError),
  label: { zh: '列入失信监控名单', en: 'Employer credit-listed' },
  recordedBy: ['hr_bureau'],
});
