import { z } from 'zod';
import type { AgencyId } from '../agencies.js';
import { agencyIdSchema } from '../agencies.js';
import { negotiationOutcomes } from '../vocabulary.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { moneyItemsSchema, sumItems, TOTAL_IS_SUM } from '../money.js';
import { defineEvent } from './define.js';

/** The procuratorate supervises mediation but does not mediate. */
export const MEDIATORS: readonly AgencyId[] = ['union', 'hr_bureau', 'court'];

export const negotiationHeld = defineEvent({
  type: 'NegotiationHeld',
  version: 1,
  data: z.strictObject({ negotiationId: uuidSchema, outcome: negotiationOutcomes.schema, amountAgreedFen: fenSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '协商', en: 'Negotiation held' },
  recordedBy: ['union'],
});

export const mediationStarted = defineEvent({
  type: 'MediationStarted',
  version: 1,
  data: z.strictObject(
    {
      mediationId: uuidSchema,
      mediator: agencyIdSchema,
      mediationRoom: textSchema(200).optional(),
      /** True when this mediation was delegated by the arbitration commission (裁调对接). */
      delegated: z.boolean(),
    },
    strictError,
  ),
  label: { zh: '调解启动', en: 'Mediation started' },
  recordedBy: MEDIATORS,
  mayRecord: (agency, data) => agency === data.mediator,
});

export const mediationDelegated = defineEvent({
  type: 'MediationDelegated',
  version: 1,
  data: z.strictObject(
    {
      mediationId: uuidSchema,
      arbitrationId: uuidSchema,
      mediationRoom: textSchema(200),
      /** Rule 4: both sides consented; an event without both cannot exist. */
      consent: z.strictObject(
        {
          worker: z.literal(true, { error: bilingual('须经劳动者同意', "the worker's consent is required") }),
          employer: z.literal(true, { error: bilingual('须经用人单位同意', "the employer's consent is required") }),
        },
        strictError,
      ),
    },
    strictError,
  ),
  label: { zh: '委托调解', en: 'Mediation delegated' },
  recordedBy: ['hr_bureau'],
});

const mediationAgreementShape = { mediationId: uuidSchema, amountAgreedFen: fenSchema, terms: textSchema(2000), fulfilmentDueAt: isoDateTimeSchema.optional() };

/** MediationAgreementSigned v1: one amount agreed; kept to read old streams. */
export const mediationAgreementSignedV1Data = z.strictObject(mediationAgreementShape, strictError);

/** Version 2 (issue 13.6): the amount agreed itemized by kind; `amountAgreedFen` is their sum. */
export const mediationAgreementSigned = defineEvent({
  type: 'MediationAgreementSigned',
  version: 2,
  data: z
    .strictObject({ ...mediationAgreementShape, agreedItems: moneyItemsSchema }, strictError)
    .refine((d) => d.amountAgreedFen === sumItems(d.agreedItems), { error: TOTAL_IS_SUM, path: ['amountAgreedFen'] }),
  label: { zh: '调解协议签订', en: 'Mediation agreement signed' },
  recordedBy: MEDIATORS,
});

export const mediationAgreementFulfilled = defineEvent({
  type: 'MediationAgreementFulfilled',
  version: 1,
  data: z.strictObject({ mediationId: uuidSchema, amountPaidFen: fenSchema }, strictError),
  label: { zh: '调解协议履行', en: 'Mediation agreement fulfilled' },
  recordedBy: MEDIATORS,
});

export const mediationFailed = defineEvent({
  type: 'MediationFailed',
  version: 1,
  data: z.strictObject({ mediationId: uuidSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '调解不成', en: 'Mediation failed' },
  recordedBy: MEDIATORS,
});
