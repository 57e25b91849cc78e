import { describe, expect, it } from 'vitest';
import { evolve, initialState, type OpenedCase } from '../src/index.js';
import {
  agreementSigned,
  arbitrationAccepted,
  arbitrationApplied,
  closed,
  days,
  feedbackGiven,
  id,
  leadTransferred,
  mediationStarted,
  opened,
  rectificationOrdered,
  workerRef,
} from './support/fixtures.js';
import { stateOf } from './support/given.js';

const open = (events: Parameters<typeof stateOf>[0]) => stateOf(events) as OpenedCase;

describe('evolve', () => {
  it('starts with no case and ignores anything before CaseOpened', () => {
    expect(initialState).toEqual({ status: 'none' });
    expect(evolve(initialState, feedbackGiven())).toBe(initialState);
  });

  it('opens a case with what the event says, workers by id and which fields they carry', () => {
    const workerId = id();
    const event = opened('procuratorate', { workers: [workerRef(workerId)] });
    const state = open([event]);
    expect(state).toMatchObject({
      status: 'open',
      caseId: event.data.caseId,
      openedBy: 'procuratorate',
      workerFeedback: { dueAt: event.data.workerFeedbackDueAt, owedBy: 'procuratorate', given: false },
      workers: { [workerId]: { workerId, erased: false, fields: ['name', 'phone'] } },
    });
  });

  it('does not open twice', () => {
    const first = opened();
    const state = stateOf([first, opened('court')]) as OpenedCase;
    expect(state.caseId).toBe(first.data.caseId);
  });

  it('follows a lead from transfer to feedback', () => {
    const leadId = id();
    const transferred = [opened(), leadTransferred('union', 'hr_bureau', leadId)];
    expect(open(transferred).leads[leadId]).toMatchObject({ from: 'union', to: 'hr_bureau', status: 'transferred', feedbackGiven: false });
    const answered = [
      ...transferred,
      { type: 'LeadAccepted' as const, data: { leadId, acceptedBy: 'hr_bureau' as const } },
      { type: 'LeadFeedbackGiven' as const, data: { leadId, givenBy: 'hr_bureau' as const, summary: '已立案查处' } },
    ];
    expect(open(answered).leads[leadId]).toMatchObject({ status: 'accepted', feedbackGiven: true });
  });

  it('tracks mediations through delegation, start and agreement', () => {
    const arbitrationId = id();
    const mediationId = id();
    const history = [
      opened(),
      arbitrationApplied(arbitrationId),
      arbitrationAccepted(arbitrationId),
      {
        type: 'MediationDelegated' as const,
        data: { mediationId, arbitrationId, mediationRoom: '调解室', consent: { worker: true as const, employer: true as const } },
      },
    ];
    expect(open(history).mediations[mediationId]).toMatchObject({ status: 'delegated', mediator: null, arbitrationId, mediationRoom: '调解室' });
    const signed = [
      ...history,
      { type: 'MediationStarted' as const, data: { mediationId, mediator: 'union' as const, delegated: true } },
      agreementSigned(mediationId),
    ];
    expect(open(signed).mediations[mediationId]).toMatchObject({ status: 'agreement_signed', mediator: 'union', arbitrationId, mediationRoom: '调解室' });
    const confirmed = [
      ...signed,
      { type: 'ArbitrationMediationDocumentIssued' as const, data: { arbitrationId, mediationId, documentNo: '调字1号', amountFen: 1 } },
    ];
    expect(open(confirmed).mediations[mediationId]?.status).toBe('confirmed_by_document');
    expect(open(confirmed).arbitrations[arbitrationId]?.status).toBe('mediation_document_issued');
    expect(open([opened(), mediationStarted(mediationId, 'court')]).mediations[mediationId]).toMatchObject({ mediator: 'court', arbitrationId: null });
  });

  it('records an arbitration extension', () => {
    const arbitrationId = id();
    const extended = [
      opened(),
      arbitrationApplied(arbitrationId),
      arbitrationAccepted(arbitrationId),
      { type: 'ArbitrationExtended' as const, data: { arbitrationId, reason: '延期', conclusionDueAt: days(60).toISOString() } },
    ];
    expect(open(extended).arbitrations[arbitrationId]).toMatchObject({ status: 'accepted', extended: true, conclusionDueAt: days(60).toISOString() });
  });

  it('sends an item that failed its follow-up back to work, and applies meeting decisions', () => {
    const [a, b] = [id(), id()];
    const ordered = [opened(), rectificationOrdered('hr_bureau', [a, b])];
    expect(open(ordered).items[a]).toMatchObject({ status: 'open', orderedBy: 'hr_bureau', escalated: false });
    const checked = [
      ...ordered,
      { type: 'RectificationItemReported' as const, data: { itemId: a, summary: '已整改' } },
      {
        type: 'FollowUpDone' as const,
        data: {
          followUpId: id(),
          results: [
            { itemId: a, verified: false, findings: '未落实' },
            { itemId: b, verified: true, findings: '属实' },
          ],
        },
      },
    ];
    expect(open(checked).items[a]?.status).toBe('open');
    expect(open(checked).items[b]?.status).toBe('verified');
    const meetingId = id();
    const decided = [
      ...checked,
      {
        type: 'RectificationItemDecided' as const,
        data: { itemId: a, meetingId, decision: 'extend' as const, newDeadline: days(90).toISOString(), note: '延期' },
      },
      { type: 'RectificationItemDecided' as const, data: { itemId: a, meetingId, decision: 'escalate' as const, note: '升级' } },
    ];
    expect(open(decided).items[a]).toMatchObject({ deadline: days(90).toISOString(), escalated: true, status: 'open' });
  });

  it('closes, reopens with a fresh feedback debt, and erases', () => {
    const workerId = id();
    const history = [opened('union', { workers: [workerRef(workerId)] }), feedbackGiven(), closed()];
    expect(open(history)).toMatchObject({ status: 'closed', closure: { resolution: 'withdrawn', amountRecoveredFen: 0 } });
    const reopened = [
      ...history,
      { type: 'CaseReopened' as const, data: { reopenedBy: 'court' as const, reason: '复查', workerFeedbackDueAt: days(3).toISOString() } },
    ];
    expect(open(reopened)).toMatchObject({ status: 'open', workerFeedback: { owedBy: 'court', given: false, dueAt: days(3).toISOString() } });
    const erased = [
      ...reopened,
      {
        type: 'WorkerDataErased' as const,
        data: { workerId, erasedBy: 'union' as const, reason: 'worker_request' as const, fields: ['name' as const, 'phone' as const] },
      },
    ];
    expect(open(erased).workers[workerId]?.erased).toBe(true);
  });
});
