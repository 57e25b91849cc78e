import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { counts, feedback, get, monthly } from './steps.js';

/** Issue 13.6 (docs/case-shape.md) at the hub: the case directory, the monthly report and the exports. */
describe('cases as they are at the hub', () => {
  const unnamed = { name: '西湖区某夜市餐饮摊位（未登记）' };

  it('given a case of two employers and two categories with itemized money, the directory shows them and the report counts and sums by kind', async () => {
    const fx = await hubFixture();
    const c1 = id();
    await fx.act(
      'union',
      c1,
      openCase(c1, {
        category: undefined,
        amountClaimedFen: undefined,
        categories: ['wage_arrears', 'withheld_deposit'],
        claimedItems: [
          { kind: 'wages', amountFen: 4_200_000 },
          { kind: 'deposits', amountFen: 300_000 },
        ],
        employers: [EMPLOYERS[0]!, unnamed],
      } as never),
    );
    await feedback(fx, 'union', c1);
    await fx.act('union', c1, cmd('HoldNegotiation', { negotiationId: id(), outcome: 'settled', amountAgreedFen: 4_000_000, summary: '协商一致' }));
    const recoveredItems = [
      { kind: 'wages' as const, amountFen: 3_800_000 },
      { kind: 'deposits' as const, amountFen: 200_000 },
    ];
    await fx.act('union', c1, cmd('CloseCase', { resolution: 'settled_by_negotiation', recoveredItems, summary: '已付清' }));
    // An older client's case: one category, one amount (social insurance implies its kind).
    const c2 = id();
    await fx.act('union', c2, openCase(c2, { category: 'social_insurance', amountClaimedFen: 50_000 }));
    await fx.settle();

    const entry = (await get(fx, `/api/cases/${c1}`, 'union')).body.case;
    expect(entry).toMatchObject({
      category: 'wage_arrears',
      categories: ['wage_arrears', 'withheld_deposit'],
      employers: [EMPLOYERS[0], unnamed],
      amountClaimedFen: 4_500_000,
      claimedItems: [
        { kind: 'wages', amountFen: 4_200_000 },
        { kind: 'deposits', amountFen: 300_000 },
      ],
      amountRecoveredFen: 4_000_000,
      recoveredItems,
      labels: { categories: [{ zh: '欠薪' }, { zh: '押金/保证金' }] },
    });
    // Searching by a category finds the case under its second category too.
    const byDeposit = (await get(fx, '/api/cases?category=withheld_deposit', 'union')).body;
    expect(byDeposit.cases.map((c: { caseId: string }) => c.caseId)).toEqual([c1]);

    const r = await monthly(fx, '2026-03');
    expect(r.casesOpened.total).toBe(2);
    // A case of two categories counts under each.
    expect(counts(r.casesOpened.byCategory)).toEqual({ wage_arrears: 1, withheld_deposit: 1, social_insurance: 1 });
    const byKind = Object.fromEntries(
      r.moneyByKind.byKind.filter((k: any) => k.claimedFen + k.recoveredFen > 0).map((k: any) => [k.key, [k.claimedFen, k.recoveredFen]]),
    );
    expect(byKind).toEqual({ wages: [4_200_000, 3_800_000], deposits: [300_000, 200_000], social_insurance: [50_000, 0] });
    expect(r.moneyRecovered.fen).toBe(4_000_000);
  });

  it('given events written before itemization (CaseOpened v2, CaseClosed v1), the directory and the report read them as one category and one item', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const stream = `case-${caseId}`;
    const v2 = {
      caseId,
      openedBy: 'union',
      channel: 'walk_in',
      category: 'withheld_deposit',
      summary: '扣押押金',
      employers: [EMPLOYERS[1]!],
      workerCount: 1,
      workers: [],
      amountClaimedFen: 120_000,
      region: '330106',
      workerFeedbackDueAt: new Date(fx.now().getTime() + 86_400_000).toISOString(),
    };
    await fx.record('union', stream, [{ type: 'CaseOpened', data: v2 } as never], { schemaVersion: 2 });
    await fx.record('union', stream, [{ type: 'WorkerFeedbackGiven', data: { givenBy: 'union', channel: 'phone', summary: '已告知' } }]);
    await fx.record(
      'union',
      stream,
      [{ type: 'CaseClosed', data: { closedBy: 'union', resolution: 'withdrawn', amountRecoveredFen: 7_000, summary: '撤回' } } as never],
      {
        schemaVersion: 1,
      },
    );
    await fx.settle();
    const entry = (await get(fx, `/api/cases/${caseId}`, 'union')).body.case;
    expect(entry).toMatchObject({
      categories: ['withheld_deposit'],
      claimedItems: [{ kind: 'deposits', amountFen: 120_000 }],
      recoveredItems: [{ kind: 'other', amountFen: 7_000 }],
    });
    const r = await monthly(fx, '2026-03');
    const kind = (key: string) => r.moneyByKind.byKind.find((k: any) => k.key === key);
    expect(kind('deposits')).toMatchObject({ claimedFen: 120_000, recoveredFen: 0 });
    expect(kind('other')).toMatchObject({ recoveredFen: 7_000 });
  });

  it('the exports show the money items and every employer (a USCC only when known)', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act(
      'union',
      caseId,
      openCase(caseId, {
        category: undefined,
        amountClaimedFen: undefined,
        categories: ['wage_arrears', 'social_insurance'],
        claimedItems: [
          { kind: 'wages', amountFen: 1_000_000 },
          { kind: 'social_insurance', amountFen: 250_050 },
        ],
        employers: [EMPLOYERS[0]!, unnamed],
      } as never),
    );
    await fx.settle();
    const csv = await get(fx, `/api/cases/${caseId}/export?format=csv`, 'union');
    expect(csv.status).toBe(200);
    const text = typeof csv.body === 'string' ? csv.body : JSON.stringify(csv.body);
    expect(text).toContain(',款项,');
    expect(text).toContain('工资 ¥10,000.00；社会保险 ¥2,500.50');
    expect(text).toContain('欠薪、社保');
    expect(text).toContain('西湖区某夜市餐饮摊位（未登记）（无统一社会信用代码）');
  });
});
