import { describe, it } from 'vitest';
import { cmd, ctx, EMPLOYERS, id, mediationStarted, opened } from './support/fixtures.js';
import { given } from './support/given.js';

describe('R9: money is integer fen; time is UTC', () => {
  const mediationId = id();
  const history = [opened(), mediationStarted(mediationId)];
  const sign = (amountAgreedFen: number, fulfilmentDueAt?: string) =>
    cmd('SignMediationAgreement', { mediationId, amountAgreedFen, terms: '分期支付', ...(fulfilmentDueAt === undefined ? {} : { fulfilmentDueAt }) });

  it('accepts whole fen and UTC instants', () => {
    given(history)
      .when(sign(107_246, '2026-04-01T15:59:59.999Z'), ctx('union'))
      .then([
        {
          type: 'MediationAgreementSigned',
          data: {
            mediationId,
            amountAgreedFen: 107_246,
            agreedItems: [{ kind: 'other', amountFen: 107_246 }],
            terms: '分期支付',
            fulfilmentDueAt: '2026-04-01T15:59:59.999Z',
          },
        },
      ]);
  });

  it('R9.fen: refuses fractions, negatives and unsafe integers, even past the edge', () => {
    for (const amount of [1072.46, -1, 2 ** 53, Number.NaN]) given(history).when(sign(amount), ctx('union')).thenThrows('R9.fen');
    const open = cmd('OpenCase', {
      caseId: id(),
      channel: 'walk_in',
      category: 'wage_arrears',
      summary: '欠薪',
      employers: [EMPLOYERS[0]!],
      workerCount: 1,
      workers: [],
      amountClaimedFen: 99.5,
      region: '330106',
    });
    given([]).when(open, ctx('union')).thenThrows('R9.fen');
  });

  it('R9.utc: refuses local-offset or malformed times', () => {
    given(history).when(sign(100, '2026-04-01T23:59:59+08:00'), ctx('union')).thenThrows('R9.utc');
    given(history).when(sign(100, '2026-04-01'), ctx('union')).thenThrows('R9.utc');
    const transfer = cmd('TransferLead', { leadId: id(), to: 'court', summary: '线索', feedbackDueAt: 'next Friday' });
    given([opened()]).when(transfer, ctx('union')).thenThrows('R9.utc');
  });
});
