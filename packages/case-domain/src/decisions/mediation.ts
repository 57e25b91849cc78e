import { sumItems } from '@hub/contracts';
import type { AgencyId } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { ArbitrationState, CaseState, MediationState } from '../state.js';
import { compact, event, requireFen, requireItems, requireNew, requireOpen, requireRef, requireUtc, things, type Decision } from './guards.js';

export function holdNegotiation(data: CommandData<'HoldNegotiation'>, state: CaseState): Decision {
  const c = requireOpen(state);
  requireNew(data.negotiationId in c.negotiations, data.negotiationId);
  requireFen(data.amountAgreedFen, 'amountAgreedFen');
  return [
    event('NegotiationHeld', {
      negotiationId: data.negotiationId,
      outcome: data.outcome,
      amountAgreedFen: data.amountAgreedFen,
      summary: data.summary,
    }),
  ];
}

/** A delegated mediation is taken up by the union room; any other id starts the actor's own mediation. */
export function startMediation(data: CommandData<'StartMediation'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  const existing = c.mediations[data.mediationId];
  if (existing === undefined) {
    return [
      event('MediationStarted', compact({ mediationId: data.mediationId, mediator: ctx.actor.agency, mediationRoom: data.mediationRoom, delegated: false })),
    ];
  }
  if (existing.status !== 'delegated') throw violation('CHAIN.mediation-state');
  if (ctx.actor.agency !== 'union') throw violation('R4.union-room');
  return [
    event(
      'MediationStarted',
      compact({
        mediationId: data.mediationId,
        mediator: ctx.actor.agency,
        mediationRoom: data.mediationRoom ?? existing.mediationRoom ?? undefined,
        delegated: true,
      }),
    ),
  ];
}

/** 裁调对接: an arbitration still before the commission, and never a labor-relationship dispute (rule 4). */
export function delegableArbitration(state: CaseState, arbitrationId: string): ArbitrationState {
  const c = requireOpen(state);
  const arbitration = requireRef(c.arbitrations[arbitrationId], things.arbitration, arbitrationId);
  if (arbitration.status !== 'applied' && arbitration.status !== 'accepted') throw violation('CHAIN.arbitration-state');
  if (c.category === 'labor_relationship_confirmation' || arbitration.claimCategories.includes('labor_relationship_confirmation')) {
    throw violation('R4.labor-relationship');
  }
  return arbitration;
}

/** 裁调对接: rule 4's bar on labor-relationship disputes comes first, then both sides' consent. */
export function delegateMediation(data: CommandData<'DelegateMediation'>, state: CaseState): Decision {
  const c = requireOpen(state);
  requireNew(data.mediationId in c.mediations, data.mediationId);
  const arbitration = delegableArbitration(c, data.arbitrationId);
  if (!data.workerConsent || !data.employerConsent) throw violation('R4.consent');
  return [
    event('MediationDelegated', {
      mediationId: data.mediationId,
      arbitrationId: arbitration.arbitrationId,
      mediationRoom: data.mediationRoom,
      consent: { worker: true, employer: true },
    }),
  ];
}

/** The mediation, once started, and only for its own mediator. */
function ownMediation(state: CaseState, mediationId: string, agency: AgencyId): MediationState {
  const c = requireOpen(state);
  const mediation = requireRef(c.mediations[mediationId], things.mediation, mediationId);
  if (mediation.status === 'delegated') throw violation('CHAIN.mediation-state');
  if (mediation.mediator !== agency) throw violation('R1.mediator');
  return mediation;
}

/** A mediation `agency` runs that has no agreement yet. */
export function mediationToSign(state: CaseState, mediationId: string, agency: AgencyId): MediationState {
  const mediation = ownMediation(state, mediationId, agency);
  if (mediation.status !== 'started') throw violation('CHAIN.mediation-state');
  return mediation;
}

/** Rule 5: only a signed agreement is fulfilled. */
export function mediationToFulfil(state: CaseState, mediationId: string, agency: AgencyId): MediationState {
  const mediation = ownMediation(state, mediationId, agency);
  if (mediation.status === 'started') throw violation('R5.signed-first');
  if (mediation.status !== 'agreement_signed') throw violation('CHAIN.mediation-state');
  return mediation;
}

/** Also after signing: an agreement the employer does not honour ends the mediation as failed. */
export function mediationToFail(state: CaseState, mediationId: string, agency: AgencyId): MediationState {
  const mediation = ownMediation(state, mediationId, agency);
  if (mediation.status !== 'started' && mediation.status !== 'agreement_signed') throw violation('CHAIN.mediation-state');
  return mediation;
}

export function signMediationAgreement(data: CommandData<'SignMediationAgreement'>, state: CaseState, ctx: DecisionContext): Decision {
  const mediation = mediationToSign(state, data.mediationId, ctx.actor.agency);
  const agreedItems = requireItems(data.agreedItems, data.amountAgreedFen, 'amountAgreedFen');
  const due = data.fulfilmentDueAt === undefined ? undefined : requireUtc(data.fulfilmentDueAt, 'fulfilmentDueAt').toISOString();
  return [
    event(
      'MediationAgreementSigned',
      compact({ mediationId: mediation.mediationId, amountAgreedFen: sumItems(agreedItems), agreedItems, terms: data.terms, fulfilmentDueAt: due }),
    ),
  ];
}

export function fulfilMediationAgreement(data: CommandData<'FulfilMediationAgreement'>, state: CaseState, ctx: DecisionContext): Decision {
  const mediation = mediationToFulfil(state, data.mediationId, ctx.actor.agency);
  requireFen(data.amountPaidFen, 'amountPaidFen');
  return [event('MediationAgreementFulfilled', { mediationId: mediation.mediationId, amountPaidFen: data.amountPaidFen })];
}

export function failMediation(data: CommandData<'FailMediation'>, state: CaseState, ctx: DecisionContext): Decision {
  const mediation = mediationToFail(state, data.mediationId, ctx.actor.agency);
  return [event('MediationFailed', { mediationId: mediation.mediationId, reason: data.reason })];
}
