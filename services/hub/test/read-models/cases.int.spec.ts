import type { AgencyId, Role } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture, sealed, T0, type HubFixture } from '../support/fixture.js';

const HOUR = 3_600_000;
const [E0, E1, E2] = [EMPLOYERS[0]!, EMPLOYERS[1]!, EMPLOYERS[2]!];
const firm = { kind: 'enterprise' as const, name: E0.name, uscc: E0.uscc };

async function search(fx: HubFixture, query: string, agency: AgencyId = 'union', roles: Role[] = ['liaison']) {
  const res = await fx.request('GET', `/api/cases${query}`, await fx.token(agency, roles));
  expect(res.status).toBe(200);
  return res.body as { total: number; cases: any[]; upToDate: boolean };
}

async function entry(fx: HubFixture, caseId: string, agency: AgencyId = 'union') {
  const res = await fx.request('GET', `/api/cases/${caseId}`, await fx.token(agency));
  expect(res.status).toBe(200);
  return res.body.case;
}

describe('cases read model and GET /api/cases', () => {
  it('given a case along 商→调→裁→诉→执 with supervision beside it, its entry follows stage, status, supervision and counts', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const workerId = id();
    const summary = '工地拖欠𠮷'.repeat(50); // 250 characters, one of them outside the BMP
    await fx.act('union', caseId, openCase(caseId, { summary, workers: [{ workerId, name: sealed() }] }));
    expect(await entry(fx, caseId)).toEqual({
      caseId, openedAt: T0.toISOString(), openedBy: 'union', channel: 'hotline_12351', category: 'wage_arrears',
      summary: Array.from(summary).slice(0, 200).join(''), employers: [E0], region: '330106', workerCount: 3,
      amountClaimedFen: 3_600_000, amountRecoveredFen: null, status: 'open', stage: null, supervisionUnderWay: false,
      agencies: ['union'], lastActivityAt: T0.toISOString(), openLeads: 0, openRectificationItems: 0,
      labels: { channel: { zh: '12351 热线', en: '12351 hotline' }, category: { zh: '欠薪', en: 'Wage arrears' }, stage: null },
    });
    const shape = async () => {
      const e = await entry(fx, caseId);
      return { stage: e.stage, supervision: e.supervisionUnderWay, leads: e.openLeads, items: e.openRectificationItems, status: e.status };
    };

    await fx.act('union', caseId, cmd('HoldNegotiation', { negotiationId: id(), outcome: 'not_settled', amountAgreedFen: 0, summary: '企业拒绝' }));
    expect(await shape()).toMatchObject({ stage: 'negotiation', supervision: false });
    const mediationId = id();
    await fx.act('union', caseId, cmd('StartMediation', { mediationId }));
    expect((await entry(fx, caseId)).labels.stage).toEqual({ zh: '调解', en: 'Mediation' });
    await fx.act('union', caseId, cmd('FailMediation', { mediationId, reason: '调解不成' }));
    expect((await shape()).stage).toBe('mediation');

    // 督: a lead the procuratorate holds, a letter awaiting its reply, an item not yet verified.
    const leadId = id();
    await fx.act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '欠薪线索', feedbackDueAt: '2026-03-30T02:00:00.000Z' }));
    expect(await shape()).toMatchObject({ supervision: true, leads: 1 });
    expect((await entry(fx, caseId)).agencies).toEqual(['procuratorate', 'union']);
    await fx.act('procuratorate', caseId, cmd('AcceptLead', { leadId }));
    await fx.act('procuratorate', caseId, cmd('GiveLeadFeedback', { leadId, summary: '已核实' }));
    expect(await shape()).toMatchObject({ supervision: false, leads: 0 });
    const letterId = id();
    await fx.act('union', caseId, cmd('IssueSupervisionLetter', { letterId, kind: 'reminder_letter', addressee: firm, summary: '提示函', replyDueAt: '2026-03-20T15:59:59.999Z', urgent: false }));
    expect((await shape()).supervision).toBe(true);
    await fx.act('union', caseId, cmd('ReplyToSupervisionLetter', { letterId, summary: '企业回复' }));
    expect((await shape()).supervision).toBe(false);
    const itemId = id();
    await fx.act('union', caseId, cmd('OrderRectification', { rectificationId: id(), items: [{ itemId, description: '补发工资', deadline: '2026-03-31T15:59:59.999Z', responsibleParty: firm }] }));
    await fx.act('union', caseId, cmd('ReportRectificationItem', { itemId, summary: '已补发' }));
    expect(await shape()).toMatchObject({ supervision: true, items: 1 });
    await fx.act('union', caseId, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId, verified: true, findings: '属实' }] }));
    expect(await shape()).toMatchObject({ supervision: false, items: 0 });

    const arbitrationId = id();
    await fx.act('hr_bureau', caseId, cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }));
    expect((await shape()).stage).toBe('arbitration');
    await fx.act('hr_bureau', caseId, cmd('AcceptArbitration', { arbitrationId, caseNumber: '仲案1号' }));
    await fx.act('hr_bureau', caseId, cmd('IssueArbitrationAward', { arbitrationId, awardNo: '裁字1号', amountAwardedFen: 3_000_000, final: false, summary: '支持' }));
    await fx.act('procuratorate', caseId, cmd('SupportProsecution', { supportId: id(), summary: '支持起诉', workerIds: [workerId] }));
    expect(await shape()).toMatchObject({ stage: 'arbitration', supervision: true });
    const litigationId = id();
    await fx.act('court', caseId, cmd('FileLitigation', { litigationId, plaintiff: 'worker', caseNumber: '民初1号', amountClaimedFen: 3_600_000, arbitrationId }));
    expect((await shape()).stage).toBe('litigation');
    await fx.act('court', caseId, cmd('IssueJudgment', { litigationId, judgmentNo: '判字1号', amountAwardedFen: 3_000_000, summary: '判决支付' }));
    expect((await shape()).supervision).toBe(false);
    const enforcementId = id();
    await fx.act('court', caseId, cmd('ApplyForEnforcement', { enforcementId, basis: { kind: 'judgment', ref: litigationId }, amountFen: 3_000_000 }));
    expect((await shape()).stage).toBe('enforcement');
    await fx.act('court', caseId, cmd('CompleteEnforcement', { enforcementId, outcome: 'full', amountRecoveredFen: 3_000_000 }));

    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '执行到位' }));
    await fx.act('union', caseId, cmd('CloseCase', { resolution: 'enforced', amountRecoveredFen: 3_000_000, summary: '执行完毕' }));
    expect(await entry(fx, caseId)).toMatchObject({ status: 'closed', amountRecoveredFen: 3_000_000, stage: 'enforcement', agencies: ['court', 'hr_bureau', 'procuratorate', 'union'] });

    fx.advance(HOUR);
    await fx.act('union', caseId, cmd('ReopenCase', { reason: '职工反映仍有差额' }));
    expect(await entry(fx, caseId)).toMatchObject({ status: 'open', amountRecoveredFen: 3_000_000, lastActivityAt: fx.now().toISOString(), openedAt: T0.toISOString() });
  });

  it('searches by employer, USCC, category, status, agency, region prefix, Shanghai dates and text, newest activity first', async () => {
    const fx = await hubFixture();
    const [a, b, c] = [id(), id(), id()];
    await fx.act('union', a, openCase(a, { employers: [E0], summary: '工地拖欠农民工工资' }));
    fx.advance(15 * HOUR); // 17:00 UTC on 2 March is 01:00 on 3 March in Shanghai
    await fx.act('union', b, openCase(b, { employers: [E1], category: 'social_insurance', region: '330110', summary: '未缴纳社会保险' }));
    fx.advance(24 * HOUR);
    await fx.act('hr_bureau', c, openCase(c, { employers: [E2], region: '440300', summary: '押金未退' }));
    await fx.act('hr_bureau', c, cmd('GiveWorkerFeedback', { channel: 'sms', summary: '已受理' }));
    await fx.act('hr_bureau', c, cmd('CloseCase', { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '撤回' }));
    fx.advance(HOUR);
    await fx.act('union', a, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已受理' }));

    const ids = async (query: string) => (await search(fx, query, 'union', ['auditor'])).cases.map((x) => x.caseId);
    expect(await ids('')).toEqual([a, c, b]);
    expect(await ids(`?employer=${encodeURIComponent('乙')}`)).toEqual([b]);
    expect(await ids(`?uscc=${E2.uscc}`)).toEqual([c]);
    expect(await ids('?category=wage_arrears')).toEqual([a, c]);
    expect(await ids('?status=closed')).toEqual([c]);
    expect(await ids('?status=open')).toEqual([a, b]);
    expect(await ids('?agency=hr_bureau')).toEqual([c]);
    expect(await ids('?region=3301')).toEqual([a, b]);
    expect(await ids('?region=330106')).toEqual([a]);
    expect(await ids('?region=44')).toEqual([c]);
    expect(await ids('?openedFrom=2026-03-03')).toEqual([c, b]);
    expect(await ids('?openedTo=2026-03-02')).toEqual([a]);
    expect(await ids('?openedFrom=2026-03-03&openedTo=2026-03-03')).toEqual([b]);
    expect(await ids(`?q=${encodeURIComponent('社会')}`)).toEqual([b]);
    expect(await ids(`?q=${E0.uscc}`)).toEqual([a]);
    expect(await ids(`?q=${c.slice(0, 13)}`)).toEqual([c]);
    expect(await ids('?category=wage_arrears&status=open&region=33')).toEqual([a]);
    const page = await search(fx, '?limit=1&offset=1', 'union', ['auditor']);
    expect([page.total, page.cases.map((x) => x.caseId)]).toEqual([3, [c]]);

    // A liaison searches the cases its agency takes part in.
    const union = await search(fx, '');
    expect([union.total, union.cases.map((x) => x.caseId)]).toEqual([2, [a, b]]);
    expect((await search(fx, '?agency=hr_bureau')).total).toBe(0);
  });

  it('a court liaison does not see a union-only case, an auditor does; the same 404 for absent and hidden; bad parameters give 400', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    const court = await fx.token('court');

    expect((await search(fx, '', 'court')).total).toBe(0);
    const hidden = await fx.request('GET', `/api/cases/${caseId}`, court);
    const absent = await fx.request('GET', `/api/cases/${id()}`, court);
    expect([hidden.status, absent.status]).toEqual([404, 404]);
    expect(hidden.body.detail).toBe(absent.body.detail);
    expect((await fx.request('GET', `/api/cases/${caseId}`, await fx.token('court', ['auditor']))).body.case.caseId).toBe(caseId);
    expect((await search(fx, '', 'court', ['auditor'])).total).toBe(1);
    expect((await fx.request('GET', '/api/cases')).status).toBe(401);

    const bad = [
      'uscc=123', 'region=abc', 'region=3', 'openedFrom=2026-02-30', 'openedTo=2026/03/01', 'status=pending',
      'category=theft', 'limit=0', 'offset=x', 'agency=police', 'q=',
    ];
    for (const query of bad) {
      const res = await fx.request('GET', `/api/cases?${query}`, court);
      expect([query, res.status, res.body?.status]).toEqual([query, 400, 400]);
    }
    const reversed = await fx.request('GET', '/api/cases?openedFrom=2026-03-05&openedTo=2026-03-01', court);
    expect([reversed.status, reversed.body.detail, reversed.body.detailEn]).toEqual([400, '开始日期不能晚于结束日期', 'openedFrom must not be after openedTo']);
    expect((await fx.request('GET', '/api/cases/not-a-uuid', court)).status).toBe(400);
  });
});
