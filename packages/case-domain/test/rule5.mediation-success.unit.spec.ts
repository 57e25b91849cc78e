import { describe, expect, it } from 'vitest';
import { mediationOutcome, mediationOutcomes } from '../src/index.js';
import { agreementSigned, arbitrationAccepted, arbitrationApplied, cmd, ctx, feedbackGiven, id, mediationStarted, opened } from './support/fixtures.js';
import { given, stateOf } from './support/given.js';

describe('R5: a mediation succeeds only when signed and fulfilled, or signed and confirmed by an arbitration mediation document', () => {
  const mediationId = id();
  const started = [opened(), mediationStarted(mediationId)];
  const signed = [...started, agreementSigned(mediationId)];
  const fulfilled = { type: 'MediationAgreementFulfilled' as const, data: { mediationId, amountPaidFen: 3_000_000 } };

  it('is derived from the record, step by step', () => {
    expect(mediationOutcome(stateOf([opened()]))).toBe('none');
    expect(mediationOutcome(stateOf(started))).toBe('in_progress');
    expect(mediationOutcome(stateOf(signed))).toBe('in_progress'); // signed is not yet success
    expect(mediationOutcome(stateOf([...signed, fulfilled]))).toBe('successful');
    expect(mediationOutcome(stateOf([...signed, { type: 'MediationFailed', data: { mediationId, reason: '单位未按期支付' } }]))).toBe('failed');
    expect(mediationOutcomes(stateOf([...signed, fulfilled]))).toEqual([{ mediationId, status: 'fulfilled', successful: true }]);
  });

  it('counts a signed agreement confirmed by an arbitration mediation document', () => {
    const arbitrationId = id();
    const history = [
      opened(),
      arbitrationApplied(arbitrationId),
      arbitrationAccepted(arbitrationId),
      mediationStarted(mediationId),
      agreementSigned(mediationId),
    ];
    const document = cmd('IssueArbitrationMediationDocument', { arbitrationId, mediationId, documentNo: '西劳人仲调字〔2026〕3号', amountFen: 3_000_000 });
    const events = given(history).when(document, ctx('hr_bureau')).thenAppends({ type: 'ArbitrationMediationDocumentIssued', data: { mediationId } });
    expect(mediationOutcome(stateOf([...history, ...events]))).toBe('successful');
  });

  it('a signed agreement is fulfilled by its mediator', () => {
    given(signed)
      .when(cmd('FulfilMediationAgreement', { mediationId, amountPaidFen: 3_000_000 }), ctx('union'))
      .then([fulfilled]);
  });

  it('R5.signed-first: nothing is fulfilled or confirmed that was never signed', () => {
    given(started)
      .when(cmd('FulfilMediationAgreement', { mediationId, amountPaidFen: 1 }), ctx('union'))
      .thenThrows('R5.signed-first');
    const arbitrationId = id();
    const history = [opened(), arbitrationApplied(arbitrationId), arbitrationAccepted(arbitrationId), mediationStarted(mediationId)];
    const document = cmd('IssueArbitrationMediationDocument', { arbitrationId, mediationId, documentNo: '调字4号', amountFen: 1 });
    given(history).when(document, ctx('hr_bureau')).thenThrows('R5.signed-first');
  });

  it('an agreement is signed only in a mediation that was started', () => {
    const sign = cmd('SignMediationAgreement', { mediationId, amountAgreedFen: 1, terms: '支付' });
    given([opened()]).when(sign, ctx('union')).thenThrows('CHAIN.unknown-ref');
    given(signed).when(sign, ctx('union')).thenThrows('CHAIN.mediation-state');
    given([...signed, fulfilled])
      .when(cmd('FailMediation', { mediationId, reason: '反悔' }), ctx('union'))
      .thenThrows('CHAIN.mediation-state');
  });

  it('R5.resolution: a case closes as settled by mediation only after a successful one', () => {
    const close = cmd('CloseCase', { resolution: 'settled_by_mediation', amountRecoveredFen: 3_000_000, summary: '调解结案' });
    given([...signed, feedbackGiven()])
      .when(close, ctx('union'))
      .thenThrows('R5.resolution');
    given([...signed, fulfilled, feedbackGiven()])
      .when(close, ctx('union'))
      .thenAppends({
        type: 'CaseClosed',
        data: { resolution: 'settled_by_mediation', amountRecoveredFen: 3_000_000 },
      });
  });
});
