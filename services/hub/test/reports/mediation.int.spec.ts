import { describe, expect, it } from 'vitest';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { clockTo, monthly } from './steps.js';

async function signed(fx: HubFixture, caseId: string, mediationId: string): Promise<void> {
  await fx.act('union', caseId, cmd('StartMediation', { mediationId }));
  await fx.act('union', caseId, cmd('SignMediationAgreement', { mediationId, amountAgreedFen: 1_000_000, terms: '分期支付' }));
}

async function arbitrated(fx: HubFixture, caseId: string, arbitrationId: string): Promise<void> {
  await fx.act(
    'hr_bureau',
    caseId,
    cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 1_000_000 }),
  );
  await fx.act('hr_bureau', caseId, cmd('AcceptArbitration', { arbitrationId, caseNumber: '西劳人仲案字〔2026〕7号' }));
}

describe('mediation success rate (rule 5)', () => {
  it('counts signed-and-fulfilled and signed-and-confirmed-by-document as successes, over mediations concluded', async () => {
    const fx = await hubFixture();
    const [a, b, c, d, e] = [id(), id(), id(), id(), id()];
    for (const caseId of [a, b, c, d, e]) await fx.act('union', caseId, openCase(caseId));
    const [ma, mb, mc, md, me] = [id(), id(), id(), id(), id()];

    // a: signed, not (yet) fulfilled: neither a success nor concluded.
    await signed(fx, a, ma);
    // b: signed, then confirmed by the commission's mediation document naming it: a success.
    const arbB = id();
    await arbitrated(fx, b, arbB);
    await signed(fx, b, mb);
    await fx.act(
      'hr_bureau',
      b,
      cmd('IssueArbitrationMediationDocument', { arbitrationId: arbB, mediationId: mb, documentNo: '调字1号', amountFen: 1_000_000 }),
    );
    // c: signed, then fulfilled: a success.
    await signed(fx, c, mc);
    await fx.act('union', c, cmd('FulfilMediationAgreement', { mediationId: mc, amountPaidFen: 1_000_000 }));
    // d: started, then failed: concluded, not a success.
    await fx.act('union', d, cmd('StartMediation', { mediationId: md }));
    await fx.act('union', d, cmd('FailMediation', { mediationId: md, reason: '单位拒绝调解' }));
    // e: signed, and a mediation document issued that does not name the mediation: not a success.
    const arbE = id();
    await arbitrated(fx, e, arbE);
    await signed(fx, e, me);
    await fx.act('hr_bureau', e, cmd('IssueArbitrationMediationDocument', { arbitrationId: arbE, documentNo: '调字2号', amountFen: 1_000_000 }));

    const march = await monthly(fx, '2026-03');
    expect(march.mediationSuccess).toMatchObject({ concluded: 3, successful: 2, failed: 1 });
    expect(march.mediationSuccess.ratio).toBeCloseTo(2 / 3, 10);

    // a's agreement is fulfilled in April: a success of April; March's figures do not move.
    clockTo(fx, '2026-04-03T02:00:00.000Z');
    await fx.act('union', a, cmd('FulfilMediationAgreement', { mediationId: ma, amountPaidFen: 1_000_000 }));
    // e's agreement then fails: April's failure.
    await fx.act('union', e, cmd('FailMediation', { mediationId: me, reason: '单位反悔' }));
    const april = await monthly(fx, '2026-04');
    expect(april.mediationSuccess).toMatchObject({ concluded: 2, successful: 1, failed: 1, ratio: 0.5 });
    expect((await monthly(fx, '2026-03')).mediationSuccess).toMatchObject({ concluded: 3, successful: 2, failed: 1 });
  });
});
