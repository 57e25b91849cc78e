import type { AgencyId, Role } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture, T0, type HubFixture } from '../support/fixture.js';
import { meetingDecides } from './support.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const E0 = EMPLOYERS[0]!;
const enterprise = { kind: 'enterprise' as const, name: E0.name, uscc: E0.uscc };
const hrBureau = { kind: 'agency' as const, name: '区人力资源和社会保障局', agencyId: 'hr_bureau' as const };

/** Sessions last an hour on the fixture's clock, so each request gets a fresh one. */
async function deadlines(fx: HubFixture, query: string, agency: AgencyId, roles: Role[] = ['liaison']) {
  const res = await fx.request('GET', `/api/deadlines${query}`, await fx.token(agency, roles));
  expect(res.status).toBe(200);
  return res.body as { counts: Record<string, number>; total: number; deadlines: any[]; upToDate: boolean };
}

describe('deadlines read model and GET /api/deadlines', () => {
  it('given a case with a lead, letters, items and an arbitration, each deadline names who answers and who watches', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const [leadId, letterToFirm, letterToHr, itemOfFirm, itemOfHr, arbitrationId] = [id(), id(), id(), id(), id(), id()];
    await fx.act('union', caseId, openCase(caseId));
    await fx.act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
    await fx.act('union', caseId, cmd('IssueSupervisionLetter', {
      letterId: letterToFirm, kind: 'reminder_letter', addressee: enterprise, summary: '提示依法支付工资', replyDueAt: '2026-03-16T15:59:59.999Z', urgent: false,
    }));
    await fx.act('union', caseId, cmd('IssueSupervisionLetter', {
      letterId: letterToHr, kind: 'opinion_letter', addressee: hrBureau, summary: '建议开展专项检查', replyDueAt: '2026-03-18T15:59:59.999Z', urgent: false,
    }));
    await fx.act('union', caseId, cmd('OrderRectification', {
      rectificationId: id(),
      items: [
        { itemId: itemOfFirm, description: '补发拖欠工资', deadline: '2026-03-31T15:59:59.999Z', responsibleParty: enterprise },
        { itemId: itemOfHr, description: '开展欠薪专项检查', deadline: '2026-04-15T15:59:59.999Z', responsibleParty: hrBureau },
      ],
    }));
    const applied = await fx.act('hr_bureau', caseId, cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 3_600_000 }));
    const acceptanceDueAt = (applied.events[0]!.data as { acceptanceDueAt: string }).acceptanceDueAt;

    const all = await deadlines(fx, `?caseId=${caseId}`, 'union');
    expect(all.upToDate).toBe(true);
    expect(all.deadlines.map((d) => [d.kind, d.ref, d.responsibleAgency, d.party, d.watching, d.dueAt])).toEqual([
      ['worker_feedback', caseId, 'union', null, [], '2026-03-03T02:00:00.000Z'],
      ['arbitration_acceptance', arbitrationId, 'hr_bureau', null, [], acceptanceDueAt],
      ['letter_reply', letterToFirm, null, E0.name, ['union'], '2026-03-16T15:59:59.999Z'],
      ['letter_reply', letterToHr, 'hr_bureau', null, ['union'], '2026-03-18T15:59:59.999Z'],
      ['lead_feedback', leadId, 'procuratorate', null, ['union'], '2026-03-20T02:00:00.000Z'],
      ['rectification_item', itemOfFirm, null, E0.name, ['union'], '2026-03-31T15:59:59.999Z'],
      ['rectification_item', itemOfHr, 'hr_bureau', null, ['union'], '2026-04-15T15:59:59.999Z'],
    ]);
    expect(all.deadlines.every((d) => d.met === false && d.metAt === null && d.late === false)).toBe(true);
    // At T0 (Monday 10:00 in Shanghai) only the worker feedback, due tomorrow, is near.
    expect(all.counts).toEqual({ overdue: 0, due_today: 0, due_soon: 1, pending: 6, met: 0 });

    // Per agency: what it answers for, and what it waits on.
    const hr = await deadlines(fx, '', 'hr_bureau');
    expect(hr.deadlines.map((d) => d.ref)).toEqual([arbitrationId, letterToHr, itemOfHr]);
    const procuratorate = await deadlines(fx, '', 'procuratorate');
    expect(procuratorate.deadlines.map((d) => d.ref)).toEqual([leadId]);
    const mine = await deadlines(fx, '', 'union');
    expect(mine.deadlines.map((d) => d.ref)).toEqual([caseId, letterToFirm, letterToHr, leadId, itemOfFirm, itemOfHr]);
    expect((await deadlines(fx, '?agency=hr_bureau', 'union')).total).toBe(3);
  });

  it('when deadlines are met they record when and whether late; a failed follow-up reopens an item; extensions move due dates', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const [leadId, itemId, arbitrationId] = [id(), id(), id()];
    await fx.act('union', caseId, openCase(caseId));
    await fx.act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-04T02:00:00.000Z' }));
    await fx.act('union', caseId, cmd('OrderRectification', {
      rectificationId: id(), items: [{ itemId, description: '补发拖欠工资', deadline: '2026-03-10T15:59:59.999Z', responsibleParty: enterprise }],
    }));
    await fx.act('hr_bureau', caseId, cmd('ApplyForArbitration', { arbitrationId, applicant: 'worker', claimCategories: ['wage_arrears'], amountClaimedFen: 100 }));
    const byRef = async () => Object.fromEntries((await deadlines(fx, `?caseId=${caseId}`, 'union')).deadlines.map((d) => [`${d.kind}:${d.ref}`, d]));

    fx.advance(2 * HOUR);
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已电话告知受理' }));
    expect((await byRef())[`worker_feedback:${caseId}`]).toMatchObject({ met: true, metAt: new Date(T0.getTime() + 2 * HOUR).toISOString(), late: false, status: null });

    await fx.act('procuratorate', caseId, cmd('AcceptLead', { leadId }));
    fx.advance(3 * DAY);
    await fx.act('procuratorate', caseId, cmd('GiveLeadFeedback', { leadId, summary: '已立案审查' }));
    expect((await byRef())[`lead_feedback:${leadId}`]).toMatchObject({ met: true, late: true, metAt: fx.now().toISOString() });

    // Reported: met. Follow-up finds it not done: owed again, and the earlier meeting no longer counts.
    await fx.act('union', caseId, cmd('ReportRectificationItem', { itemId, summary: '企业称已补发' }));
    expect((await byRef())[`rectification_item:${itemId}`]).toMatchObject({ met: true, late: false });
    await fx.act('union', caseId, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId, verified: false, findings: '仍有 2 人未发' }] }));
    expect((await byRef())[`rectification_item:${itemId}`]).toMatchObject({ met: false, metAt: null, status: 'pending' });
    await meetingDecides(fx, caseId, { itemId, decision: 'extend', newDeadline: '2026-03-20T15:59:59.999Z', note: '延期十日' });
    expect((await byRef())[`rectification_item:${itemId}`]).toMatchObject({ met: false, dueAt: '2026-03-20T15:59:59.999Z' });

    // Arbitration: acceptance met, the 45 days start; one extension moves them by 15.
    await fx.act('hr_bureau', caseId, cmd('AcceptArbitration', { arbitrationId, caseNumber: '杭劳人仲案〔2026〕1号' }));
    const accepted = await byRef();
    expect(accepted[`arbitration_acceptance:${arbitrationId}`]).toMatchObject({ met: true, late: false });
    const conclusion = accepted[`arbitration_conclusion:${arbitrationId}`];
    expect(conclusion).toMatchObject({ met: false, responsibleAgency: 'hr_bureau' });
    await fx.act('hr_bureau', caseId, cmd('ExtendArbitration', { arbitrationId, reason: '案情复杂' }));
    const extended = (await byRef())[`arbitration_conclusion:${arbitrationId}`];
    expect(new Date(extended.dueAt).getTime() - new Date(conclusion.dueAt).getTime()).toBeGreaterThanOrEqual(15 * DAY);
    // Later events leave alone when a deadline was first met.
    expect((await byRef())[`worker_feedback:${caseId}`].metAt).toBe(new Date(T0.getTime() + 2 * HOUR).toISOString());
  });

  it('a reopened case owes the worker fresh feedback; the first round stays on record as met', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已告知' }));
    await fx.act('union', caseId, cmd('CloseCase', { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '职工撤回' }));
    fx.advance(5 * DAY);
    await fx.act('procuratorate', caseId, cmd('ReopenCase', { reason: '职工再次反映' }));
    const body = await deadlines(fx, `?caseId=${caseId}`, 'union');
    expect(body.deadlines.map((d) => [d.kind, d.responsibleAgency, d.met, d.dueAt])).toEqual([
      ['worker_feedback', 'procuratorate', false, new Date(fx.now().getTime() + DAY).toISOString()],
      ['worker_feedback', 'union', true, '2026-03-03T02:00:00.000Z'],
    ]);
    expect(body.counts).toMatchObject({ met: 1, due_soon: 1 });
  });

  it('status follows the hub clock in Shanghai days, overdue first, filterable and paged', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const [early, late] = [id(), id()];
    await fx.act('union', caseId, openCase(caseId)); // worker feedback due Tue 3 March 10:00 Shanghai
    // Transferred out of due order: the list sorts by due date, not by arrival.
    await fx.act('union', caseId, cmd('TransferLead', { leadId: late, to: 'court', summary: '移送法院', feedbackDueAt: '2026-03-10T15:59:59.999Z' }));
    await fx.act('union', caseId, cmd('TransferLead', { leadId: early, to: 'procuratorate', summary: '移送检察院', feedbackDueAt: '2026-03-06T15:59:59.999Z' }));
    const statuses = async () => (await deadlines(fx, '', 'union')).deadlines.map((d) => [d.ref, d.status]);

    expect(await statuses()).toEqual([[caseId, 'due_soon'], [early, 'pending'], [late, 'pending']]);
    fx.advance(DAY); // exactly the worker-feedback instant: not yet past it
    expect(await statuses()).toEqual([[caseId, 'due_today'], [early, 'due_soon'], [late, 'pending']]);
    fx.advance(1);
    expect(await statuses()).toEqual([[caseId, 'overdue'], [early, 'due_soon'], [late, 'pending']]);
    fx.advance(3 * DAY); // Friday 6 March, 10:00 in Shanghai
    expect(await statuses()).toEqual([[caseId, 'overdue'], [early, 'due_today'], [late, 'pending']]);
    fx.advance(DAY);
    const saturday = await deadlines(fx, '', 'union');
    expect(saturday.deadlines.map((d) => [d.ref, d.status])).toEqual([[caseId, 'overdue'], [early, 'overdue'], [late, 'due_soon']]);
    expect(saturday.counts).toEqual({ overdue: 2, due_today: 0, due_soon: 1, pending: 0, met: 0 });

    const overdue = await deadlines(fx, '?status=overdue', 'union');
    expect([overdue.total, overdue.deadlines.map((d) => d.ref)]).toEqual([2, [caseId, early]]);
    expect(overdue.counts.due_soon).toBe(1);
    const second = await deadlines(fx, '?limit=1&offset=1', 'union');
    expect([second.total, second.deadlines.map((d) => d.ref)]).toEqual([3, [early]]);
  });

  it('a court liaison does not see a union-only case; a court auditor does; bad parameters give 400', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    const court = await fx.token('court');
    expect((await deadlines(fx, '', 'court')).total).toBe(0);
    expect((await deadlines(fx, '?agency=union', 'court')).total).toBe(0);
    expect((await fx.request('GET', `/api/deadlines?caseId=${caseId}`, court)).status).toBe(404);
    expect((await fx.request('GET', `/api/deadlines?caseId=${id()}`, court)).status).toBe(404);

    expect((await deadlines(fx, `?caseId=${caseId}`, 'court', ['auditor'])).deadlines.map((d) => d.kind)).toEqual(['worker_feedback']);
    expect((await deadlines(fx, '', 'court', ['auditor'])).total).toBe(1);
    expect((await deadlines(fx, '?agency=court', 'court', ['auditor'])).total).toBe(0);

    for (const bad of ['status=late', 'limit=0', 'offset=-1', 'caseId=nope', 'agency=police']) {
      const res = await fx.request('GET', `/api/deadlines?${bad}`, court);
      expect([bad, res.status]).toEqual([bad, 400]);
    }
    expect((await fx.request('GET', '/api/deadlines')).status).toBe(401);
  });
});
