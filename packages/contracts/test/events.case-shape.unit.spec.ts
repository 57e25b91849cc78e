import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commandCatalog, itemsFromAmount, kindImpliedBy, parseEventData, readCatalogEvent, sumByKind, upcast } from '../src/index.js';

/** Issue 13.6, docs/case-shape.md: several employers and categories; money itemized by kind. */

const v2Opened = (category: string, amountClaimedFen: number) => ({
  caseId: randomUUID(),
  openedBy: 'union',
  channel: 'hotline_12351',
  category,
  summary: '拖欠工资并扣押押金',
  employers: [{ name: '某餐饮管理有限公司', uscc: '91330106MA2KQ7T39F' }],
  workerCount: 3,
  workers: [],
  amountClaimedFen,
  region: '330106',
  workerFeedbackDueAt: '2026-03-03T02:00:00.000Z',
});

describe('upcasting to itemized money (old event in, new shape out)', () => {
  it('CaseOpened v2: the single category becomes a list of one, the amount one item of the kind the category implies', () => {
    for (const [category, kind] of [
      ['wage_arrears', 'wages'],
      ['social_insurance', 'social_insurance'],
      ['withheld_deposit', 'deposits'],
      ['unlawful_dismissal', 'other'],
      ['female_worker_protection', 'other'],
    ] as const) {
      const old = v2Opened(category, 360_000);
      const read = readCatalogEvent({ type: 'CaseOpened', data: old, metadata: { schemaVersion: 2 } });
      expect(read.data).toEqual({ ...old, categories: [category], claimedItems: [{ kind, amountFen: 360_000 }] });
      expect(kindImpliedBy(category)).toBe(kind);
    }
  });

  it('CaseOpened v2 with nothing claimed reads as no items, total 0', () => {
    const old = v2Opened('female_worker_protection', 0);
    expect(upcast('CaseOpened', 2, old)).toMatchObject({ amountClaimedFen: 0, claimedItems: [], categories: ['female_worker_protection'] });
  });

  it('MediationAgreementSigned, ArbitrationAwardIssued, JudgmentIssued and CaseClosed v1: one item of kind other, the total kept', () => {
    const agreement = { mediationId: randomUUID(), amountAgreedFen: 3_000_000, terms: '分两期支付' };
    expect(readCatalogEvent({ type: 'MediationAgreementSigned', data: agreement }).data).toEqual({
      ...agreement,
      agreedItems: [{ kind: 'other', amountFen: 3_000_000 }],
    });
    const award = { arbitrationId: randomUUID(), awardNo: '杭西劳人仲案字〔2026〕第3号', amountAwardedFen: 120_000, final: true, summary: '裁决支付' };
    expect(upcast('ArbitrationAwardIssued', 1, award)).toEqual({ ...award, awardedItems: [{ kind: 'other', amountFen: 120_000 }] });
    const judgment = { litigationId: randomUUID(), judgmentNo: '（2026）浙0106民初12号', amountAwardedFen: 99, summary: '判决' };
    expect(upcast('JudgmentIssued', 1, judgment)).toEqual({ ...judgment, awardedItems: [{ kind: 'other', amountFen: 99 }] });
    const closed = { closedBy: 'union', resolution: 'withdrawn', amountRecoveredFen: 0, summary: '撤回' };
    expect(readCatalogEvent({ type: 'CaseClosed', data: closed, metadata: { schemaVersion: 1 } }).data).toEqual({ ...closed, recoveredItems: [] });
  });

  it('current versions refuse a total that is not the sum of the items, a kind twice, a zero item, and a primary category that is not first', () => {
    const old = v2Opened('wage_arrears', 100);
    const good = {
      ...old,
      categories: ['wage_arrears', 'withheld_deposit'],
      claimedItems: [
        { kind: 'wages', amountFen: 60 },
        { kind: 'deposits', amountFen: 40 },
      ],
    };
    expect(parseEventData('CaseOpened', good)).toEqual(good);
    expect(() => parseEventData('CaseOpened', { ...good, amountClaimedFen: 99 })).toThrow(/各分项之和/);
    expect(() =>
      parseEventData('CaseOpened', {
        ...good,
        claimedItems: [
          { kind: 'wages', amountFen: 50 },
          { kind: 'wages', amountFen: 50 },
        ],
      }),
    ).toThrow(/only once/);
    expect(() =>
      parseEventData('CaseOpened', {
        ...good,
        claimedItems: [
          { kind: 'wages', amountFen: 100 },
          { kind: 'deposits', amountFen: 0 },
        ],
      }),
    ).toThrow(/more than zero/);
    expect(() => parseEventData('CaseOpened', { ...good, categories: ['withheld_deposit', 'wage_arrears'] })).toThrow(/first of categories/);
    expect(() => parseEventData('CaseOpened', { ...good, categories: ['wage_arrears', 'wage_arrears'] })).toThrow(/only once/);
  });

  it('an employer of a case may have no USCC; one given is checked by its check character', () => {
    const old = v2Opened('wage_arrears', 0);
    const unnamed = { ...old, categories: ['wage_arrears'], claimedItems: [], employers: [{ name: '西湖区某夜市摊位（未登记）' }, ...old.employers] };
    expect(parseEventData('CaseOpened', unnamed).employers).toEqual(unnamed.employers);
    expect(() => parseEventData('CaseOpened', { ...unnamed, employers: [{ name: '某公司', uscc: '91330106MA2KQ7T39X' }] })).toThrow(/校验位/);
  });

  it('sums items by kind, every kind present', () => {
    expect(sumByKind([...itemsFromAmount(5, 'wages'), { kind: 'wages', amountFen: 7 }, { kind: 'deposits', amountFen: 1 }])).toMatchObject({
      wages: 12,
      deposits: 1,
      other: 0,
    });
  });
});

describe('commands take the itemized form or the older single field, exactly one', () => {
  const body = {
    channel: 'walk_in',
    summary: '欠薪并扣押押金',
    employers: [{ name: '某餐饮管理有限公司' }],
    workerCount: 2,
    region: '330106',
  };
  it('OpenCase: categories + claimedItems, or category + amountClaimedFen', () => {
    const input = commandCatalog.OpenCase.input;
    expect(input.safeParse({ ...body, categories: ['wage_arrears', 'withheld_deposit'], claimedItems: [{ kind: 'wages', amountFen: 100 }] }).success).toBe(
      true,
    );
    expect(input.safeParse({ ...body, category: 'wage_arrears', amountClaimedFen: 100 }).success).toBe(true);
    const both = input.safeParse({ ...body, category: 'wage_arrears', categories: ['wage_arrears'], amountClaimedFen: 100 });
    expect(both.error?.issues.map((i) => i.path.join('.'))).toEqual(['categories']);
    const neither = input.safeParse({ ...body, category: 'wage_arrears' });
    expect(neither.error?.issues.map((i) => i.path.join('.'))).toEqual(['claimedItems']);
  });

  it('CloseCase, SignMediationAgreement, IssueArbitrationAward, IssueJudgment likewise', () => {
    const close = commandCatalog.CloseCase.input;
    expect(close.safeParse({ resolution: 'withdrawn', recoveredItems: [], summary: '撤回' }).success).toBe(true);
    expect(close.safeParse({ resolution: 'withdrawn', amountRecoveredFen: 0, summary: '撤回' }).success).toBe(true);
    expect(close.safeParse({ resolution: 'withdrawn', summary: '撤回' }).success).toBe(false);
    const sign = commandCatalog.SignMediationAgreement.input;
    expect(sign.safeParse({ mediationId: randomUUID(), agreedItems: [{ kind: 'overtime', amountFen: 5 }], terms: '一次付清' }).success).toBe(true);
    const award = commandCatalog.IssueArbitrationAward.input;
    expect(award.safeParse({ arbitrationId: randomUUID(), awardNo: '1号', amountAwardedFen: 5, awardedItems: [], summary: '裁决' }).success).toBe(false);
    const judge = commandCatalog.IssueJudgment.input;
    expect(judge.safeParse({ litigationId: randomUUID(), judgmentNo: '1号', awardedItems: [{ kind: 'damages', amountFen: 5 }], summary: '判决' }).success).toBe(
      true,
    );
  });
});
