import { describe, expect, it } from 'vitest';
import { stateOf } from './support/given.js';
import { cmd, ctx, EMPLOYERS, feedbackGiven, hours, id, opened } from './support/fixtures.js';
import { given } from './support/given.js';

/** Issue 13.6 (docs/case-shape.md): several employers and categories; money itemized by kind. */
describe('cases as they are', () => {
  const lead = (caseId: string, extra: Record<string, unknown>) =>
    cmd('OpenCase', {
      caseId,
      channel: 'public_opinion',
      summary: '西湖区多家餐饮店欠薪并扣押押金',
      employers: [EMPLOYERS[0]!, { name: '西湖区某夜市餐饮摊位（未登记）' }],
      workerCount: 6,
      workers: [],
      region: '330106',
      ...extra,
    } as never);

  it('given nothing, when a case is opened with two employers (one without USCC), two categories and itemized claims, then CaseOpened carries them and their sum', () => {
    const caseId = id();
    given([])
      .when(
        lead(caseId, {
          categories: ['wage_arrears', 'withheld_deposit'],
          claimedItems: [
            { kind: 'wages', amountFen: 4_200_000 },
            { kind: 'deposits', amountFen: 300_000 },
          ],
        }),
        ctx('union'),
      )
      .thenAppends({
        type: 'CaseOpened',
        data: {
          employers: [EMPLOYERS[0], { name: '西湖区某夜市餐饮摊位（未登记）' }],
          category: 'wage_arrears',
          categories: ['wage_arrears', 'withheld_deposit'],
          amountClaimedFen: 4_500_000,
          claimedItems: [
            { kind: 'wages', amountFen: 4_200_000 },
            { kind: 'deposits', amountFen: 300_000 },
          ],
        },
      });
  });

  it('given nothing, when an older client sends one category and one amount, then they become a list of one and one item of the kind the category implies', () => {
    given([])
      .when(lead(id(), { category: 'social_insurance', amountClaimedFen: 88_000 }), ctx('union'))
      .thenAppends({
        type: 'CaseOpened',
        data: {
          category: 'social_insurance',
          categories: ['social_insurance'],
          amountClaimedFen: 88_000,
          claimedItems: [{ kind: 'social_insurance', amountFen: 88_000 }],
        },
      });
    given([])
      .when(lead(id(), { category: 'unlawful_dismissal', amountClaimedFen: 0 }), ctx('union'))
      .thenAppends({ type: 'CaseOpened', data: { categories: ['unlawful_dismissal'], amountClaimedFen: 0, claimedItems: [] } });
  });

  it('R9.items: a kind twice, a zero or fractional item, or both forms at once are refused, even past the edge', () => {
    const items = (claimedItems: unknown, extra: Record<string, unknown> = {}) => lead(id(), { categories: ['wage_arrears'], claimedItems, ...extra });
    given([])
      .when(
        items([
          { kind: 'wages', amountFen: 1 },
          { kind: 'wages', amountFen: 2 },
        ]),
        ctx('union'),
      )
      .thenThrows('R9.items');
    given([])
      .when(items([{ kind: 'wages', amountFen: 0 }]), ctx('union'))
      .thenThrows('R9.items');
    given([])
      .when(items([{ kind: 'wages', amountFen: 10.5 }]), ctx('union'))
      .thenThrows('R9.items');
    given([])
      .when(items([{ kind: 'bribes', amountFen: 10 }]), ctx('union'))
      .thenThrows('R9.items');
    given([])
      .when(items([], { amountClaimedFen: 5 }), ctx('union'))
      .thenThrows('R9.items');
    given([])
      .when(lead(id(), { categories: ['wage_arrears'] }), ctx('union'))
      .thenThrows('R9.items');
  });

  it('CHAIN.categories: no category, one twice, or both forms at once are refused', () => {
    const withCategories = (extra: Record<string, unknown>) => lead(id(), { claimedItems: [], ...extra });
    given([])
      .when(withCategories({ categories: [] }), ctx('union'))
      .thenThrows('CHAIN.categories');
    given([])
      .when(withCategories({ categories: ['wage_arrears', 'wage_arrears'] }), ctx('union'))
      .thenThrows('CHAIN.categories');
    given([])
      .when(withCategories({ categories: ['social_insurance'], category: 'social_insurance' }), ctx('union'))
      .thenThrows('CHAIN.categories');
    given([]).when(withCategories({}), ctx('union')).thenThrows('CHAIN.categories');
  });

  it('given an open case, when it closes with money recovered by kind, then CaseClosed itemizes it and the state keeps the items', () => {
    const negotiated = {
      type: 'NegotiationHeld' as const,
      data: { negotiationId: id(), outcome: 'settled' as const, amountAgreedFen: 3_500_000, summary: '协商一致' },
    };
    const history = [opened('union'), feedbackGiven(), negotiated];
    const items = [
      { kind: 'wages' as const, amountFen: 3_000_000 },
      { kind: 'economic_compensation' as const, amountFen: 500_000 },
    ];
    const events = given(history)
      .when(cmd('CloseCase', { resolution: 'settled_by_negotiation', recoveredItems: items, summary: '协商解决' }), ctx('union', hours(30)))
      .thenAppends({ type: 'CaseClosed', data: { amountRecoveredFen: 3_500_000, recoveredItems: items } });
    const state = stateOf([...history, ...events]);
    expect(state.status === 'closed' && state.closure).toEqual({ resolution: 'settled_by_negotiation', amountRecoveredFen: 3_500_000, recoveredItems: items });
  });

  it('given a filed suit, when the court gives a judgment itemized by kind, then JudgmentIssued carries the items and their sum', () => {
    const litigationId = id();
    const filed = [
      opened(),
      { type: 'LitigationFiled' as const, data: { litigationId, plaintiff: 'worker' as const, caseNumber: '（2026）浙0106民初7号', amountClaimedFen: 100 } },
    ];
    const awardedItems = [
      { kind: 'overtime' as const, amountFen: 120_000 },
      { kind: 'damages' as const, amountFen: 80_000 },
    ];
    given(filed)
      .when(cmd('IssueJudgment', { litigationId, judgmentNo: '（2026）浙0106民初7号', awardedItems, summary: '判决支付加班费及赔偿金' }), ctx('court'))
      .thenAppends({ type: 'JudgmentIssued', data: { amountAwardedFen: 200_000, awardedItems } });
  });

  it('an employer without USCC is not offered for credit listing; the one with a USCC is', () => {
    const caseWithUnnamed = opened('union', { employers: [{ name: '西湖区某夜市餐饮摊位（未登记）' }, EMPLOYERS[1]!] });
    const offered = given([caseWithUnnamed]).offers({ agency: 'hr_bureau', roles: ['liaison'] });
    const listing = offered.find((c) => c.name === 'ListEmployerForCredit');
    expect(listing?.choices.uscc?.map((c) => c.value)).toEqual([EMPLOYERS[1]!.uscc]);
  });
});
