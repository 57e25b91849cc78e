import { z } from 'zod';
import { MEDIATORS } from '../events/mediation.js';
import { negotiationOutcomes } from '../vocabulary.js';
import { isoDateTimeSchema, bilingual, strictError, textSchema, uuidSchema } from '../values/common.js';
import { fenSchema } from '../values/fen.js';
import { exactlyOne, itemizedInput } from '../money.js';
import { defineCommand, LIAISON } from './define.js';

export const holdNegotiation = defineCommand({
  name: 'HoldNegotiation',
  path: 'hold-negotiation',
  input: z.strictObject({ negotiationId: uuidSchema, outcome: negotiationOutcomes.schema, amountAgreedFen: fenSchema, summary: textSchema(2000) }, strictError),
  label: { zh: '组织协商', en: 'Hold negotiation' },
  issuedBy: ['union'],
  roles: LIAISON,
  yields: ['NegotiationHeld'],
});

export const startMediation = defineCommand({
  name: 'StartMediation',
  path: 'start-mediation',
  /** A mediationId that was delegated starts that delegated mediation; a new one starts the actor's own. */
  input: z.strictObject({ mediationId: uuidSchema, mediationRoom: textSchema(200).optional() }, strictError),
  label: { zh: '启动调解', en: 'Start mediation' },
  issuedBy: MEDIATORS,
  roles: LIAISON,
  yields: ['MediationStarted'],
});

const consent = (who: string, whoEn: string) => z.boolean({ error: bilingual(`须说明${who}是否同意`, `say whether the ${whoEn} consents (true/false)`) });

export const delegateMediation = defineCommand({
  name: 'DelegateMediation',
  path: 'delegate-mediation',
  input: z.strictObject(
    {
      mediationId: uuidSchema,
      arbitrationId: uuidSchema,
      mediationRoom: textSchema(200),
      workerConsent: consent('劳动者', 'worker'),
      employerConsent: consent('用人单位', 'employer'),
    },
    strictError,
  ),
  label: { zh: '委托调解', en: 'Delegate mediation' },
  issuedBy: ['hr_bureau'],
  roles: LIAISON,
  yields: ['MediationDelegated'],
});

export const signMediationAgreement = defineCommand({
  name: 'SignMediationAgreement',
  path: 'sign-mediation-agreement',
  input: z
    .strictObject(
      {
        mediationId: uuidSchema,
        agreedItems: itemizedInput.items('The amount agreed', 'amountAgreedFen'),
        amountAgreedFen: itemizedInput.legacy('agreedItems'),
        terms: textSchema(2000),
        fulfilmentDueAt: isoDateTimeSchema.optional(),
      },
      strictError,
    )
    .refine(...exactlyOne('agreedItems', 'amountAgreedFen')),
  label: { zh: '签订调解协议', en: 'Sign mediation agreement' },
  issuedBy: MEDIATORS,
  roles: LIAISON,
  yields: ['MediationAgreementSigned'],
});

export const fulfilMediationAgreement = defineCommand({
  name: 'FulfilMediationAgreement',
  path: 'fulfil-mediation-agreement',
  input: z.strictObject({ mediationId: uuidSchema, amountPaidFen: fenSchema }, strictError),
  label: { zh: '确认调解协议履行', en: 'Fulfil mediation agreement' },
  issuedBy: MEDIATORS,
  roles: LIAISON,
  yields: ['MediationAgreementFulfilled'],
});

export const failMediation = defineCommand({
  name: 'FailMediation',
  path: 'fail-mediation',
  input: z.strictObject({ mediationId: uuidSchema, reason: textSchema(1000) }, strictError),
  label: { zh: '调解终结（不成）', en: 'Fail mediation' },
  issuedBy: MEDIATORS,
  roles: LIAISON,
  yields: ['MediationFailed'],
});
