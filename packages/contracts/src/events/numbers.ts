import { z } from 'zod';
import { agencyIdSchema } from '../agencies.js';
import { bilingual, strictError, uuidSchema } from '../values/common.js';
import { ALL_AGENCIES, defineEvent } from './define.js';

/**
 * Numbers an agency issues (案号 for cases, 文号 for letters): one register stream per issuer,
 * kind and year, whose events are the numbers in order (sequence = stream revision + 1). See
 * docs/case-numbers.md for why this gives no gaps and no duplicates on every engine.
 */

/** A register's kind: `case`, or a letter kind such as `reminder_letter`; lower case, as stream names use it. */
export const registerKindSchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: bilingual('编号种类须为小写字母、数字或下划线', 'a register kind is lower-case letters, digits or _') });
export const registerYearSchema = z
  .int()
  .min(2000, { error: bilingual('年份须在 2000 至 2199 之间', 'year must be 2000 to 2199') })
  .max(2199, { error: bilingual('年份须在 2000 至 2199 之间', 'year must be 2000 to 2199') });
/** What a number is issued for (a case id, a letter id): printable, no white space. */
export const registerSubjectSchema = z
  .string()
  .regex(/^[^\s\p{Cc}]{1,200}$/u, { error: bilingual('编号对象须为 1 至 200 个非空白字符', 'a subject is 1 to 200 printable characters') });
export const sequenceSchema = z.int().min(1).max(Number.MAX_SAFE_INTEGER);

export const numberIssued = defineEvent({
  type: 'NumberIssued',
  version: 1,
  data: z.strictObject(
    {
      issuer: agencyIdSchema,
      kind: registerKindSchema,
      year: registerYearSchema,
      /** 1, 2, 3…: always the register stream's revision + 1. */
      sequence: sequenceSchema,
      subject: registerSubjectSchema,
      /**
       * What the subject needs to be completed from the register alone (for a case: the opening's
       * events as decided), so a crash after the number was issued never leaves a hole.
       */
      record: z.record(z.string(), z.json()).optional(),
    },
    strictError,
  ),
  label: { zh: '编号登记', en: 'Number issued' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.issuer,
});

export const caseNumberAssigned = defineEvent({
  type: 'CaseNumberAssigned',
  version: 1,
  data: z.strictObject(
    {
      caseId: uuidSchema,
      /** The number as people read it, e.g. 〔2026〕浙0106工维字第12号; fixed when issued (a later pattern does not renumber). */
      caseNumber: z.string().min(1).max(100),
      issuer: agencyIdSchema,
      year: registerYearSchema,
      sequence: sequenceSchema,
    },
    strictError,
  ),
  label: { zh: '案号编定', en: 'Case number assigned' },
  recordedBy: ALL_AGENCIES,
  mayRecord: (agency, data) => agency === data.issuer,
});
