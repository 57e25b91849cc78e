import { z } from 'zod';
import type { AgencyId } from '../agencies.js';
import { agencyIdSchema } from '../agencies.js';
import { registeredEmployerSchema, partySchema } from '../parties.js';
import { creditLists, letterKinds, type LetterKind } from '../vocabulary.js';
import { bilingual, isoDateTimeSchema, strictError, textSchema, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/** Rule 1 by letter kind: the 一函两书 are the union's, 检察建议 the procuratorate's, 责令改正 the HR bureau's. */
export const letterIssuer: { readonly [K in LetterKind]: AgencyId } = {
  reminder_letter: 'union',
  opinion_letter: 'union',
  recommendation_letter: 'union',
  procuratorial_recommendation: 'procuratorate',
  rectification_order: 'hr_bureau',
};

const supervisionLetterV1Fields = {
  letterId: uuidSchema,
  kind: letterKinds.schema,
  issuedBy: agencyIdSchema,
  addressee: partySchema,
  documentNo: textSchema(100).optional(),
  summary: textSchema(2000),
  /** Written on the letter, or for 检察建议 computed from the policy (rule 8). */
  replyDueAt: isoDateTimeSchema,
  urgent: z.boolean(),
};

/** Version 1 of SupervisionLetterIssued's data (before the letter was a PDF document), for its upcaster. */
export const supervisionLetterIssuedV1Data = z.strictObject(supervisionLetterV1Fields, strictError);

/**
 * The letter as an A4 PDF document (GB/T 9704-2012), issued by the agency's register with the
 * event's `documentNo`: what it was rendered from beside the event's own fields (the issuer's
 * full name, the title, the moment of issue) and the proof of the bytes. Rendering the event again
 * gives the same bytes (see @hub/letters).
 */
export const letterDocumentSchema = z.strictObject(
  {
    issuerName: textSchema(100),
    title: textSchema(300),
    /** The act's time: 成文日期 (its day in Asia/Shanghai) and the PDF's creation date. */
    issuedAt: isoDateTimeSchema,
    sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: bilingual('须为 64 位十六进制 SHA-256', 'must be a 64-digit hex SHA-256') }),
    size: z.int().positive().max(50_000_000),
    pages: z.int().positive().max(1000),
    /**
     * The case's 案号 when the letter was issued, which the PDF names (a 案号 line opening the
     * 正文). Absent on letters issued before (or on a case not numbered): their PDF has no such
     * line, so rendering them again still gives the bytes recorded.
     */
    caseNumber: z.string().min(1).max(100).optional(),
  },
  strictError,
);
export type LetterDocument = z.output<typeof letterDocumentSchema>;

export const supervisionLetterIssued = defineEvent({
  type: 'SupervisionLetterIssued',
  version: 2,
  data: z.strictObject(
    {
      ...supervisionLetterV1Fields,
      /** Version 2: the PDF issued with a register number; absent on older letters and on letters numbered outside the hub. */
      document: letterDocumentSchema.optional(),
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
  data: z.strictObject({ employer: registeredEmployerSchema, list: creditLists.schema, reason: textSchema(1000) }, strictError),
  label: { zh: '列入失信监控名单', en: 'Employer credit-listed' },
  recordedBy: ['hr_bureau'],
});
