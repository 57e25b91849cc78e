import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { clockTo, close, counts, deadlines, enterprise, feedback, get, monthly } from './steps.js';

/**
 * Four cases in March 2026 (the fixture's clock starts on 2 March, 10:00 in Shanghai), three in
 * Zhejiang (two in 330106, one in 330110) and one in Shenzhen (440300).
 */
async function march(fx: HubFixture) {
  const [c1, c2, c3, c4] = [id(), id(), id(), id()];
  const ids = { c1, c2, c3, c4 };
  await fx.act('union', c1, openCase(c1, { channel: 'hotline_12351', category: 'wage_arrears', region: '330106' }));
  await fx.act('union', c2, openCase(c2, { channel: 'walk_in', category: 'wage_arrears', region: '330110' }));
  await fx.act('union', c3, openCase(c3, { channel: 'online_platform', category: 'social_insurance', region: '330106' }));
  await fx.act(
    'hr_bureau',
    c4,
    openCase(c4, {
      channel: 'inspection',
      category: 'female_worker_protection',
      region: '440300',
      employers: [EMPLOYERS[2]!],
    }),
  );
  for (const [agency, caseId] of [
    ['union', c1],
    ['union', c2],
    ['union', c3],
    ['hr_bureau', c4],
  ] as const)
    await feedback(fx, agency, caseId);

  // Letters: a 提示函 and a 检察建议 on c1, a 意见书 on c3, a 责令改正决定书 on c4.
  const letter = (kind: 'reminder_letter' | 'opinion_letter' | 'rectification_order') =>
    cmd('IssueSupervisionLetter', {
      letterId: id(),
      kind,
      addressee: enterprise,
      summary: '请依法整改',
      replyDueAt: '2026-04-20T02:00:00.000Z',
      urgent: false,
    });
  await fx.act('union', c1, letter('reminder_letter'));
  await fx.act(
    'procuratorate',
    c1,
    cmd('IssueSupervisionLetter', {
      letterId: id(),
      kind: 'procuratorial_recommendation',
      addressee: enterprise,
      summary: '检察建议',
      urgent: false,
    }),
  );
  await fx.act('union', c3, letter('opinion_letter'));
  await fx.act('hr_bureau', c4, letter('rectification_order'));

  // c1 settles at negotiation, c2 at mediation (signed and fulfilled), c3 and c4 are withdrawn.
  await fx.act('union', c1, cmd('HoldNegotiation', { negotiationId: id(), outcome: 'settled', amountAgreedFen: 1_000_000, summary: '达成和解' }));
  await close(fx, 'union', c1, 'settled_by_negotiation', 1_000_000);
  const mediationId = id();
  await fx.act('union', c2, cmd('StartMediation', { mediationId }));
  await fx.act('union', c2, cmd('SignMediationAgreement', { mediationId, amountAgreedFen: 2_500_000, terms: '一次性支付' }));
  await fx.act('union', c2, cmd('FulfilMediationAgreement', { mediationId, amountPaidFen: 2_500_000 }));
  await close(fx, 'union', c2, 'settled_by_mediation', 2_500_000);
  await close(fx, 'union', c3, 'withdrawn', 0);
  await close(fx, 'hr_bureau', c4, 'withdrawn', 300_000);
  return ids;
}

describe('monthly report: GET /api/reports/monthly', () => {
  it('counts cases by channel and category, closings, the share settled at 商/调, mediation success, letters, money and feedback deadlines', async () => {
    const fx = await hubFixture();
    await march(fx);
    const r = await monthly(fx, '2026-03');

    expect(r).toMatchObject({ month: '2026-03', region: null });
    expect(r.casesOpened.total).toBe(4);
    expect(counts(r.casesOpened.byChannel)).toEqual({ hotline_12351: 1, walk_in: 1, online_platform: 1, inspection: 1 });
    expect(counts(r.casesOpened.byCategory)).toEqual({ wage_arrears: 2, social_insurance: 1, female_worker_protection: 1 });
    expect(r.casesClosed.total).toBe(4);
    expect(counts(r.casesClosed.byResolution)).toEqual({ settled_by_negotiation: 1, settled_by_mediation: 1, withdrawn: 2 });
    // 2 of 4 closings settled at negotiation or mediation.
    expect(r.settledAtNegotiationOrMediation).toMatchObject({ settled: 2, closed: 4, ratio: 0.5 });
    expect(r.mediationSuccess).toMatchObject({ concluded: 1, successful: 1, failed: 0, ratio: 1 });
    expect(r.lettersIssued.total).toBe(4);
    expect(counts(r.lettersIssued.byKind)).toEqual({ reminder_letter: 1, procuratorial_recommendation: 1, opinion_letter: 1, rectification_order: 1 });
    expect(r.moneyRecovered.fen).toBe(1_000_000 + 2_500_000 + 0 + 300_000);
    // Four worker-feedback deadlines fell due in March (24 h after opening), each met within the hour.
    // The letters' replies fall due in April; the 检察建议's two months later, in May.
    expect(deadlines(r)).toEqual({
      worker_feedback: [4, 4, 0, 0],
      lead_feedback: [0, 0, 0, 0],
      letter_reply: [0, 0, 0, 0],
      rectification_item: [0, 0, 0, 0],
    });
    // April and May are still to come in March: not listed, and refused in words.
    expect((await get(fx, '/api/reports/months')).body.months).toEqual(['2026-03']);
    const ahead = await get(fx, '/api/reports/monthly?month=2026-04');
    expect(ahead.status).toBe(400);
    expect(JSON.stringify(ahead.body)).toContain('不能查看未来月份的报表：最近的月份是 2026年3月');
    clockTo(fx, '2026-05-01T00:00:00.000Z'); // 08:00 on 1 May in Shanghai
    expect((await get(fx, '/api/reports/months')).body.months).toEqual(['2026-05', '2026-04', '2026-03']);
    expect(deadlines(await monthly(fx, '2026-04')).letter_reply).toEqual([3, 0, 0, 3]);
    expect(deadlines(await monthly(fx, '2026-05')).letter_reply).toEqual([1, 0, 0, 1]);

    // Every key carries its zh/en label, every vocabulary code is listed (zeros too), and so is every figure.
    expect(r.casesOpened.byChannel).toContainEqual({ key: 'hotline_12351', label: { zh: '12351 热线', en: '12351 hotline' }, count: 1 });
    expect(r.casesOpened.byChannel).toContainEqual({ key: 'referral', label: { zh: '其他机构移送', en: 'Referred by another body' }, count: 0 });
    expect(r.casesOpened.byCategory).toHaveLength(9);
    expect(r.lettersIssued.byKind).toContainEqual({ key: 'rectification_order', label: { zh: '责令改正决定书', en: 'Rectification order' }, count: 1 });
    expect(r.casesClosed.byResolution).toContainEqual({ key: 'settled_by_mediation', label: { zh: '调解解决', en: 'Settled by mediation' }, count: 1 });
    expect(r.mediationSuccess.byResult).toEqual([
      { key: 'successful', label: { zh: '调解成功', en: 'Successful' }, count: 1 },
      { key: 'failed', label: { zh: '调解不成', en: 'Failed' }, count: 0 },
    ]);
    expect(r.deadlines.byKind[0]).toMatchObject({ key: 'worker_feedback', label: { zh: '向职工反馈', en: 'Worker feedback' } });
    expect(r.settledAtNegotiationOrMediation.label).toEqual({ zh: '协商调解化解率', en: 'Share settled at negotiation or mediation' });

    // A month with nothing: zeros, and no share where nothing was closed.
    const feb = await monthly(fx, '2026-02');
    expect([feb.casesOpened.total, feb.casesClosed.total, feb.moneyRecovered.fen]).toEqual([0, 0, 0]);
    expect([feb.settledAtNegotiationOrMediation.ratio, feb.mediationSuccess.ratio]).toEqual([null, null]);
  });

  it("opens the cases behind each bar of the monthly charts (GET /api/cases?report=…), in the report's region; a drill-down half given is refused", async () => {
    const fx = await hubFixture();
    const { c1, c2, c3, c4 } = await march(fx);
    const auditor = await fx.token('court', ['auditor']);
    const behind = async (query: string) => {
      const res = await fx.request('GET', `/api/cases?limit=50&${query}`, auditor);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(200);
      return (res.body.cases as { caseId: string }[]).map((c) => c.caseId).sort();
    };
    const sorted = (...caseIds: string[]) => [...caseIds].sort();
    expect(await behind('report=closed&reportPeriod=2026-03&reportKey=withdrawn')).toEqual(sorted(c3, c4));
    expect(await behind('report=closed&reportPeriod=2026-03&reportKey=withdrawn&region=33')).toEqual([c3]);
    expect(await behind('report=closed&reportPeriod=2026-03&reportKey=settled_by_mediation')).toEqual([c2]);
    expect(await behind('report=closed&reportPeriod=2026-02&reportKey=withdrawn')).toEqual([]);
    expect(await behind('report=letters&reportPeriod=2026-03&reportKey=procuratorial_recommendation')).toEqual([c1]);
    expect(await behind('report=letters&reportPeriod=2026-03&reportKey=rectification_order')).toEqual([c4]);
    expect(await behind('report=mediations&reportPeriod=2026-03&reportKey=successful')).toEqual([c2]);
    expect(await behind('report=mediations&reportPeriod=2026-03&reportKey=failed')).toEqual([]);
    // Deadlines by the month they fall due: the four worker feedbacks in March, met on time; the letters' replies in April, not met.
    expect(await behind('report=deadlines&reportPeriod=2026-03&reportKey=worker_feedback')).toEqual(sorted(c1, c2, c3, c4));
    expect(await behind('report=deadlines&reportPeriod=2026-03&reportKey=worker_feedback&reportSeries=metOnTime')).toEqual(sorted(c1, c2, c3, c4));
    expect(await behind('report=deadlines&reportPeriod=2026-03&reportKey=worker_feedback&reportSeries=metLate')).toEqual([]);
    expect(await behind('report=deadlines&reportPeriod=2026-04&reportKey=letter_reply&reportSeries=notMet')).toEqual(sorted(c1, c3, c4));
    // The other filters still apply on top.
    expect(await behind('report=closed&reportPeriod=2026-03&reportKey=withdrawn&category=social_insurance')).toEqual([c3]);
    // Someone who takes part in none of them sees none of them.
    const court = await fx.token('court');
    const res = await fx.request('GET', '/api/cases?report=closed&reportPeriod=2026-03&reportKey=withdrawn', court);
    expect([res.status, res.body.total]).toEqual([200, 0]);

    for (const bad of [
      'report=closed',
      'report=closed&reportPeriod=2026-03',
      'reportPeriod=2026-03&reportKey=withdrawn',
      'reportSeries=metLate',
      'report=everything&reportPeriod=2026-03&reportKey=withdrawn',
      'report=closed&reportPeriod=2026-13&reportKey=withdrawn',
      'report=closed&reportPeriod=2026-03-02&reportKey=withdrawn',
      'report=warnings&reportPeriod=2026-03&reportKey=red',
      "report=closed&reportPeriod=2026-03&reportKey=x'or'1",
      'report=deadlines&reportPeriod=2026-03&reportKey=worker_feedback&reportSeries=sometimes',
    ]) {
      expect((await fx.request('GET', `/api/cases?${bad}`, auditor)).status, bad).toBe(400);
    }
  });

  it('sums a region by the prefix of its 行政区划代码: province, city, district', async () => {
    const fx = await hubFixture();
    await march(fx);
    const zhejiang = await monthly(fx, '2026-03', '33');
    expect([zhejiang.region, zhejiang.casesOpened.total, zhejiang.casesClosed.total]).toEqual(['33', 3, 3]);
    expect(zhejiang.settledAtNegotiationOrMediation).toMatchObject({ settled: 2, closed: 3, ratio: 2 / 3 });
    expect(zhejiang.moneyRecovered.fen).toBe(3_500_000);
    expect(counts(zhejiang.lettersIssued.byKind)).toEqual({ reminder_letter: 1, procuratorial_recommendation: 1, opinion_letter: 1 });

    const hangzhou = await monthly(fx, '2026-03', '3301');
    expect([hangzhou.casesOpened.total, hangzhou.casesClosed.total, hangzhou.moneyRecovered.fen]).toEqual([3, 3, 3_500_000]);

    const shangcheng = await monthly(fx, '2026-03', '330106');
    expect(counts(shangcheng.casesOpened.byChannel)).toEqual({ hotline_12351: 1, online_platform: 1 });
    expect(shangcheng.settledAtNegotiationOrMediation).toMatchObject({ settled: 1, closed: 2, ratio: 0.5 });
    expect(shangcheng.mediationSuccess).toMatchObject({ concluded: 0, ratio: null });
    expect([shangcheng.moneyRecovered.fen, shangcheng.lettersIssued.total]).toEqual([1_000_000, 3]);
    expect(deadlines(shangcheng).worker_feedback).toEqual([2, 2, 0, 0]);

    const binjiang = await monthly(fx, '2026-03', '330110');
    expect(binjiang.mediationSuccess).toMatchObject({ concluded: 1, successful: 1, ratio: 1 });
    expect(binjiang.moneyRecovered.fen).toBe(2_500_000);

    const shenzhen = await monthly(fx, '2026-03', '44');
    expect(counts(shenzhen.casesOpened.byCategory)).toEqual({ female_worker_protection: 1 });
    expect(shenzhen.settledAtNegotiationOrMediation).toMatchObject({ settled: 0, closed: 1, ratio: 0 });
    expect([shenzhen.moneyRecovered.fen, shenzhen.lettersIssued.total]).toEqual([300_000, 1]);

    const beijing = await monthly(fx, '2026-03', '11');
    expect([beijing.casesOpened.total, beijing.casesClosed.total, beijing.lettersIssued.total]).toEqual([0, 0, 0]);
  });

  it('refuses a bad month or region with 400, and a request without a session with 401', async () => {
    const fx = await hubFixture();
    for (const query of [
      '',
      'month=2026-13',
      'month=2026-3',
      'month=March',
      'month=2026-03&region=3',
      'month=2026-03&region=3301061',
      'month=2026-03&region=99',
      'month=2026-03&region=33ab',
    ]) {
      const res = await get(fx, `/api/reports/monthly?${query}`);
      expect(res.status, query).toBe(400);
    }
    expect((await fx.request('GET', '/api/reports/monthly?month=2026-03')).status).toBe(401);
    expect((await fx.request('GET', '/api/reports/months')).status).toBe(401);
    expect((await get(fx, '/api/reports/monthly?month=2026-03&region=330106')).status).toBe(200);
  });
});
