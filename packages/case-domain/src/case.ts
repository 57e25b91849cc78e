import type { CaseEvent } from '@hub/contracts';
import type { CaseState, ItemState, OpenedCase } from './state.js';

export type * from './state.js';

export const initialState: CaseState = { status: 'none' };

function patch<T>(map: Readonly<Record<string, T>>, id: string, change: Partial<T>): Readonly<Record<string, T>> {
  const current = map[id];
  return current === undefined ? map : { ...map, [id]: { ...current, ...change } };
}

const patchItem = (c: OpenedCase, itemId: string, change: Partial<ItemState>): OpenedCase => ({ ...c, items: patch(c.items, itemId, change) });

/** Folds one event into the state. Pure and total: an event that does not fit leaves the state as it was. */
export function evolve(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') {
    if (state.status !== 'none') return state;
    const d = event.data;
    return {
      status: 'open',
      caseId: d.caseId,
      openedBy: d.openedBy,
      channel: d.channel,
      category: d.category,
      categories: d.categories,
      region: d.region,
      employers: d.employers,
      workerCount: d.workerCount,
      amountClaimedFen: d.amountClaimedFen,
      claimedItems: d.claimedItems,
      workers: Object.fromEntries(
        d.workers.map((w) => [
          w.workerId,
          { workerId: w.workerId, erased: false, fields: (['name', 'idNumber', 'phone'] as const).filter((f) => w[f] !== undefined) },
        ]),
      ),
      workerFeedback: { dueAt: d.workerFeedbackDueAt, owedBy: d.openedBy, given: false },
      leads: {},
      reviewIds: [],
      negotiations: {},
      mediations: {},
      arbitrations: {},
      litigations: {},
      enforcements: {},
      legalAidIds: [],
      supportIds: [],
      letters: {},
      creditListings: [],
      rectificationIds: [],
      items: {},
      followUpIds: [],
      closure: null,
      handlers: {},
    };
  }
  if (state.status === 'none') return state;
  const c = state;

  switch (event.type) {
    case 'LeadTransferred': {
      const { leadId, from, to, summary, feedbackDueAt } = event.data;
      return { ...c, leads: { ...c.leads, [leadId]: { leadId, from, to, summary, feedbackDueAt, status: 'transferred', feedbackGiven: false } } };
    }
    case 'LeadAccepted':
      return { ...c, leads: patch(c.leads, event.data.leadId, { status: 'accepted' }) };
    case 'LeadDeclined':
      return { ...c, leads: patch(c.leads, event.data.leadId, { status: 'declined' }) };
    case 'LeadFeedbackGiven':
      return { ...c, leads: patch(c.leads, event.data.leadId, { feedbackGiven: true }) };
    case 'JointReviewHeld':
      return { ...c, reviewIds: [...c.reviewIds, event.data.reviewId] };
    case 'NegotiationHeld':
      return { ...c, negotiations: { ...c.negotiations, [event.data.negotiationId]: { outcome: event.data.outcome } } };
    case 'MediationDelegated': {
      const { mediationId, arbitrationId, mediationRoom } = event.data;
      const delegated = { mediationId, mediator: null, arbitrationId, mediationRoom, status: 'delegated', fulfilmentDueAt: null } as const;
      return { ...c, mediations: { ...c.mediations, [mediationId]: delegated } };
    }
    case 'MediationStarted': {
      const { mediationId, mediator, mediationRoom } = event.data;
      const before = c.mediations[mediationId];
      const started = {
        mediationId,
        mediator,
        arbitrationId: before?.arbitrationId ?? null,
        mediationRoom: mediationRoom ?? before?.mediationRoom ?? null,
        status: 'started',
        fulfilmentDueAt: null,
      } as const;
      return { ...c, mediations: { ...c.mediations, [mediationId]: started } };
    }
    case 'MediationAgreementSigned':
      return {
        ...c,
        mediations: patch(c.mediations, event.data.mediationId, { status: 'agreement_signed', fulfilmentDueAt: event.data.fulfilmentDueAt ?? null }),
      };
    case 'MediationAgreementFulfilled':
      return { ...c, mediations: patch(c.mediations, event.data.mediationId, { status: 'fulfilled' }) };
    case 'MediationFailed':
      return { ...c, mediations: patch(c.mediations, event.data.mediationId, { status: 'failed' }) };
    case 'ArbitrationApplied': {
      const { arbitrationId, claimCategories, acceptanceDueAt } = event.data;
      const applied = { arbitrationId, status: 'applied', claimCategories, acceptanceDueAt, conclusionDueAt: null, extended: false } as const;
      return { ...c, arbitrations: { ...c.arbitrations, [arbitrationId]: applied } };
    }
    case 'ArbitrationAccepted':
      return { ...c, arbitrations: patch(c.arbitrations, event.data.arbitrationId, { status: 'accepted', conclusionDueAt: event.data.conclusionDueAt }) };
    case 'ArbitrationDeclined':
      return { ...c, arbitrations: patch(c.arbitrations, event.data.arbitrationId, { status: 'declined' }) };
    case 'ArbitrationExtended':
      return { ...c, arbitrations: patch(c.arbitrations, event.data.arbitrationId, { conclusionDueAt: event.data.conclusionDueAt, extended: true }) };
    case 'ArbitrationMediationDocumentIssued': {
      const { arbitrationId, mediationId } = event.data;
      const arbitrations = patch(c.arbitrations, arbitrationId, { status: 'mediation_document_issued' });
      // Rule 5: a signed agreement confirmed by the commission's document counts as success.
      const confirmed = mediationId !== undefined && c.mediations[mediationId]?.status === 'agreement_signed';
      return { ...c, arbitrations, mediations: confirmed ? patch(c.mediations, mediationId, { status: 'confirmed_by_document' }) : c.mediations };
    }
    case 'ArbitrationAwardIssued':
      return { ...c, arbitrations: patch(c.arbitrations, event.data.arbitrationId, { status: 'award_issued' }) };
    case 'LitigationFiled':
      return { ...c, litigations: { ...c.litigations, [event.data.litigationId]: { litigationId: event.data.litigationId, status: 'filed' } } };
    case 'JudgmentIssued':
      return { ...c, litigations: patch(c.litigations, event.data.litigationId, { status: 'judged' }) };
    case 'EnforcementApplied': {
      const { enforcementId } = event.data;
      return { ...c, enforcements: { ...c.enforcements, [enforcementId]: { enforcementId, status: 'applied' } } };
    }
    case 'EnforcementCompleted':
      return { ...c, enforcements: patch(c.enforcements, event.data.enforcementId, { status: 'completed' }) };
    case 'LegalAidAssigned':
      return { ...c, legalAidIds: [...c.legalAidIds, event.data.legalAidId] };
    case 'ProsecutionSupported':
      return { ...c, supportIds: [...c.supportIds, event.data.supportId] };
    case 'SupervisionLetterIssued': {
      const { letterId, kind, issuedBy, addressee, replyDueAt, urgent } = event.data;
      return { ...c, letters: { ...c.letters, [letterId]: { letterId, kind, issuedBy, addressee, replyDueAt, urgent, replied: false } } };
    }
    case 'SupervisionLetterReplied':
      return { ...c, letters: patch(c.letters, event.data.letterId, { replied: true }) };
    case 'EmployerCreditListed':
      return { ...c, creditListings: [...c.creditListings, { uscc: event.data.employer.uscc, list: event.data.list }] };
    case 'RectificationOrdered': {
      const { rectificationId, orderedBy, items } = event.data;
      const added = items.map((i): ItemState => ({ ...i, rectificationId, orderedBy, status: 'open', escalated: false }));
      return {
        ...c,
        rectificationIds: [...c.rectificationIds, rectificationId],
        items: { ...c.items, ...Object.fromEntries(added.map((i) => [i.itemId, i])) },
      };
    }
    case 'RectificationItemReported':
      return patchItem(c, event.data.itemId, { status: 'reported' });
    case 'FollowUpDone': {
      // A failed check sends the item back to work: it must be reported again.
      const checked = event.data.results.reduce((acc, r) => patchItem(acc, r.itemId, { status: r.verified ? 'verified' : 'open' }), c);
      return { ...checked, followUpIds: [...c.followUpIds, event.data.followUpId] };
    }
    case 'RectificationItemDecided': {
      const d = event.data;
      if (d.decision === 'extend') return patchItem(c, d.itemId, { deadline: d.newDeadline });
      if (d.decision === 'escalate') return patchItem(c, d.itemId, { escalated: true });
      return patchItem(c, d.itemId, { status: 'closed' });
    }
    case 'WorkerFeedbackGiven':
      return { ...c, workerFeedback: { ...c.workerFeedback, given: true } };
    case 'CaseClosed':
      return {
        ...c,
        status: 'closed',
        closure: { resolution: event.data.resolution, amountRecoveredFen: event.data.amountRecoveredFen, recoveredItems: event.data.recoveredItems },
      };
    case 'CaseReopened':
      return { ...c, status: 'open', workerFeedback: { dueAt: event.data.workerFeedbackDueAt, owedBy: event.data.reopenedBy, given: false } };
    case 'WorkerDataErased':
      return { ...c, workers: patch(c.workers, event.data.workerId, { erased: true }) };
    case 'DocumentAttached':
      // A file adds to the case file, not to the case's course (documents.ts decides on the stream itself).
      return c;
    case 'CaseNumberAssigned':
      // A case has one number: the first assignment stands.
      return c.caseNumber === undefined ? { ...c, caseNumber: event.data.caseNumber } : c;
    case 'HandlerAssigned': {
      const { agency, handler } = event.data;
      return { ...c, handlers: { ...c.handlers, [agency]: { userId: handler.userId, displayName: handler.displayName } } };
    }
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
