import { describe, expect, it } from 'vitest';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { clockTo, close, counts, enterprise, feedback, get, monthly } from './steps.js';

describe('reports cut months in Asia/Shanghai', () => {
  it('puts a fact recorded at 2026-03-31T17:00Z in April, and one at 15:59Z in March', async () => {
    const fx = await hubFixture();
    const [early, late] = [id(), id()];
    const mediationId = id();
    const letter = () =>
      cmd('IssueSupervisionLetter', {
        letterId: id(),
        kind: 'reminder_letter',
        addressee: enterprise,
        summary: '提示',
        replyDueAt: '2026-04-20T02:00:00.000Z',
        urgent: false,
      });

    await fx.act('union', early, openCase(early, { channel: 'walk_in' }));
    await feedback(fx, 'union', early);
    await fx.act('union', early, cmd('StartMediation', { mediationId }));
    await fx.act('union', early, cmd('SignMediationAgreement', { mediationId, amountAgreedFen: 800_000, terms: '月底前支付' }));

    clockTo(fx, '2026-03-31T15:59:59.000Z'); // 23:59:59 on 31 March in Shanghai
    await fx.act('union', late, openCase(late, { channel: 'online_platform' }));
    await fx.act('union', early, letter());

    clockTo(fx, '2026-03-31T17:00:00.000Z'); // 01:00 on 1 April in Shanghai, still 31 March in UTC
    await fx.act('union', late, letter());
    await fx.act('union', early, cmd('FulfilMediationAgreement', { mediationId, amountPaidFen: 800_000 }));
    await close(fx, 'union', early, 'settled_by_mediation', 800_000);

    const march = await monthly(fx, '2026-03');
    expect(counts(march.casesOpened.byChannel)).toEqual({ walk_in: 1, online_platform: 1 });
    expect(march.lettersIssued.total).toBe(1);
    expect([march.casesClosed.total, march.moneyRecovered.fen, march.mediationSuccess.concluded]).toEqual([0, 0, 0]);

    const april = await monthly(fx, '2026-04');
    expect(april.casesOpened.total).toBe(0);
    expect(april.lettersIssued.total).toBe(1);
    expect(counts(april.casesClosed.byResolution)).toEqual({ settled_by_mediation: 1 });
    expect(april.moneyRecovered.fen).toBe(800_000);
    expect(april.mediationSuccess).toMatchObject({ concluded: 1, successful: 1, ratio: 1 });
    expect(april.settledAtNegotiationOrMediation).toMatchObject({ settled: 1, closed: 1, ratio: 1 });
    // The late case's feedback fell due at 2026-04-01T15:59:59Z: April, and not met.
    expect(april.deadlines.byKind[0]).toMatchObject({ key: 'worker_feedback', due: 1, metOnTime: 0, metLate: 0, notMet: 1 });
    expect(march.deadlines.byKind[0]).toMatchObject({ key: 'worker_feedback', due: 1, metOnTime: 1 });

    const months = await get(fx, '/api/reports/months');
    expect(months.status).toBe(200);
    expect(months.body.months).toEqual(['2026-04', '2026-03']);
  });
});
