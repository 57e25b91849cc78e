import { describe, it } from 'vitest';
import { arbitrationAccepted, arbitrationApplied, cmd, ctx, id, opened } from './support/fixtures.js';
import { given } from './support/given.js';

describe('R4: delegating mediation to a union mediation room', () => {
  const arbitrationId = id();
  const mediationId = id();
  const history = [opened(), arbitrationApplied(arbitrationId), arbitrationAccepted(arbitrationId)];
  const delegate = (workerConsent: boolean, employerConsent: boolean) =>
    cmd('DelegateMediation', { mediationId, arbitrationId, mediationRoom: '区总工会劳动争议调解室', workerConsent, employerConsent });

  it('with both sides’ consent the commission delegates', () => {
    given(history)
      .when(delegate(true, true), ctx('hr_bureau'))
      .then([
        {
          type: 'MediationDelegated',
          data: { mediationId, arbitrationId, mediationRoom: '区总工会劳动争议调解室', consent: { worker: true, employer: true } },
        },
      ]);
  });

  it('R4.consent: not without the worker’s, nor without the employer’s', () => {
    given(history).when(delegate(false, true), ctx('hr_bureau')).thenThrows('R4.consent');
    given(history).when(delegate(true, false), ctx('hr_bureau')).thenThrows('R4.consent');
  });

  it('R4.labor-relationship: never for a labor-relationship confirmation dispute', () => {
    const confirmationCase = [
      opened('union', { category: 'labor_relationship_confirmation' }),
      arbitrationApplied(arbitrationId, ['labor_relationship_confirmation']),
    ];
    given(confirmationCase).when(delegate(true, true), ctx('hr_bureau')).thenThrows('R4.labor-relationship');
    const claimInside = [opened(), arbitrationApplied(arbitrationId, ['wage_arrears', 'labor_relationship_confirmation'])];
    given(claimInside).when(delegate(true, true), ctx('hr_bureau')).thenThrows('R4.labor-relationship');
  });

  it('only the commission delegates (R1)', () => {
    given(history).when(delegate(true, true), ctx('union')).thenThrows('R1');
  });

  it('R4.union-room: the union room takes the delegated mediation up, no one else', () => {
    const delegated = [
      ...history,
      {
        type: 'MediationDelegated' as const,
        data: { mediationId, arbitrationId, mediationRoom: '区总工会劳动争议调解室', consent: { worker: true as const, employer: true as const } },
      },
    ];
    const start = cmd('StartMediation', { mediationId });
    given(delegated)
      .when(start, ctx('union'))
      .then([{ type: 'MediationStarted', data: { mediationId, mediator: 'union', mediationRoom: '区总工会劳动争议调解室', delegated: true } }]);
    given(delegated).when(start, ctx('hr_bureau')).thenThrows('R4.union-room');
  });

  it('needs an arbitration that is still pending', () => {
    given([opened()]).when(delegate(true, true), ctx('hr_bureau')).thenThrows('CHAIN.unknown-ref');
    const awarded = [
      ...history,
      {
        type: 'ArbitrationAwardIssued' as const,
        data: {
          arbitrationId,
          awardNo: '裁决书1号',
          amountAwardedFen: 1,
          awardedItems: [{ kind: 'wages' as const, amountFen: 1 }],
          final: false,
          summary: '裁决',
        },
      },
    ];
    given(awarded).when(delegate(true, true), ctx('hr_bureau')).thenThrows('CHAIN.arbitration-state');
  });
});
