import type { AgencyId, Party, Role } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { meetingDecides } from './support.js';

const DAY = 24 * 3_600_000;
const [E0, E1, E2] = [EMPLOYERS[0]!, EMPLOYERS[1]!, EMPLOYERS[2]!];
const firm = (e: { name: string; uscc: string }): Party => ({ kind: 'enterprise', name: e.name, uscc: e.uscc });
const hrBureau: Party = { kind: 'agency', name: '区人力资源和社会保障局', agencyId: 'hr_bureau' };
const transport: Party = { kind: 'agency', name: '某区交通运输局' };
const item = (itemId: string, deadline: string, responsibleParty: Party, description = '整改事项') => ({ itemId, description, deadline, responsibleParty });

async function list(fx: HubFixture, query: string, agency: AgencyId = 'union', roles: Role[] = ['liaison']) {
  const res = await fx.request('GET', `/api/rectifications${query}`, await fx.token(agency, roles));
  expect(res.status).toBe(200);
  return res.body as { items: any[]; total: number; totals: Record<string, number>; overdue: number; upToDate: boolean };
}

describe('rectifications read model and GET /api/rectifications', () => {
  it('given a rectification list, each item moves through report, follow-up and meeting decisions', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const rectificationId = id();
    const [a, b, c] = [id(), id(), id()];
    await fx.act('union', caseId, openCase(caseId, { employers: [E0, E1] }));
    await fx.act('union', caseId, cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '欠薪线索', feedbackDueAt: '2026-03-30T02:00:00.000Z' }));
    fx.advance(60_000);
    const orderedAt = fx.now().toISOString();
    await fx.act('procuratorate', caseId, cmd('OrderRectification', {
      rectificationId,
      items: [
        item(a, '2026-03-31T15:59:59.999Z', firm(E1), '补发拖欠工资'),
        item(b, '2026-04-15T15:59:59.999Z', hrBureau, '开展欠薪专项检查'),
        item(c, '2026-04-10T15:59:59.999Z', transport, '核查运输企业用工'),
      ],
    }));
    const byId = async () => Object.fromEntries((await list(fx, `?caseId=${caseId}`, 'procuratorate')).items.map((i) => [i.itemId, i]));

    const ordered = await list(fx, `?caseId=${caseId}`, 'procuratorate');
    expect(ordered.items.map((i) => i.itemId)).toEqual([a, c, b]);
    expect(ordered.items[0]).toEqual({
      caseId, rectificationId, itemId: a, description: '补发拖欠工资', orderedBy: 'procuratorate', orderedAt,
      responsibleParty: firm(E1), responsibleAgency: null, employers: [{ name: E1.name, uscc: E1.uscc }],
      deadline: '2026-03-31T15:59:59.999Z', originalDeadline: '2026-03-31T15:59:59.999Z', extensions: 0,
      status: 'open', escalated: false, overdue: false, deadlineStatus: 'pending', lastReport: null, followUps: [], decisions: [],
    });
    // Not an enterprise: the case's own employers are the ones concerned.
    expect(ordered.items[1]).toMatchObject({ itemId: c, responsibleParty: transport, responsibleAgency: null, employers: [E0, E1] });
    expect(ordered.items[2]).toMatchObject({ itemId: b, responsibleAgency: 'hr_bureau', employers: [E0, E1] });
    expect([ordered.totals, ordered.overdue]).toEqual([{ open: 3, reported: 0, verified: 0, not_verified: 0, escalated: 0, closed_by_meeting: 0 }, 0]);

    // Item a: reported, found not done, reported again, verified.
    await fx.act('procuratorate', caseId, cmd('ReportRectificationItem', { itemId: a, summary: '企业称已补发' }));
    expect((await byId())[a]).toMatchObject({ status: 'reported', lastReport: { summary: '企业称已补发', at: fx.now().toISOString() }, deadlineStatus: null });
    const firstCheck = id();
    await fx.act('procuratorate', caseId, cmd('DoFollowUp', { followUpId: firstCheck, results: [{ itemId: a, verified: false, findings: '仍有 2 人未发' }] }));
    expect((await byId())[a]).toMatchObject({ status: 'not_verified', deadlineStatus: 'pending', followUps: [{ followUpId: firstCheck, verified: false, findings: '仍有 2 人未发' }] });
    await fx.act('procuratorate', caseId, cmd('ReportRectificationItem', { itemId: a, summary: '已全部补发' }));
    expect((await byId())[a]).toMatchObject({ status: 'reported', lastReport: { summary: '已全部补发' } });
    await fx.act('procuratorate', caseId, cmd('DoFollowUp', { followUpId: id(), results: [{ itemId: a, verified: true, findings: '核查属实' }] }));
    const verified = (await byId())[a];
    expect([verified.status, verified.followUps.map((f: any) => f.verified)]).toEqual(['verified', [false, true]]);

    // Item b: the HR bureau reports its own; the meeting closes it.
    await fx.act('hr_bureau', caseId, cmd('ReportRectificationItem', { itemId: b, summary: '专项检查已开展' }));
    expect((await byId())[b].status).toBe('reported');
    const closing = id();
    await meetingDecides(fx, caseId, { meetingId: closing, itemId: b, decision: 'close', note: '销项' });
    expect((await byId())[b]).toMatchObject({ status: 'closed_by_meeting', decisions: [{ meetingId: closing, decision: 'close', note: '销项', at: fx.now().toISOString() }] });

    // Item c: extended (status unchanged, the first deadline kept), then escalated.
    await meetingDecides(fx, caseId, { itemId: c, decision: 'extend', newDeadline: '2026-05-10T15:59:59.999Z', note: '延期一个月' });
    expect((await byId())[c]).toMatchObject({ status: 'open', deadline: '2026-05-10T15:59:59.999Z', originalDeadline: '2026-04-10T15:59:59.999Z', extensions: 1 });
    await meetingDecides(fx, caseId, { itemId: c, decision: 'escalate', note: '升级督办' });
    const escalated = (await byId())[c];
    expect([escalated.status, escalated.escalated, escalated.decisions.map((d: any) => d.decision)]).toEqual(['escalated', true, ['extend', 'escalate']]);

    const final = await list(fx, `?caseId=${caseId}`, 'procuratorate');
    expect(final.totals).toEqual({ open: 0, reported: 0, verified: 1, not_verified: 0, escalated: 1, closed_by_meeting: 1 });
  });

  it('orders overdue items first, then by deadline, and filters by employer, agency, case, status and overdue', async () => {
    const fx = await hubFixture();
    const [case1, case2] = [id(), id()];
    const [x, y, z, w] = [id(), id(), id(), id()];
    await fx.act('union', case1, openCase(case1, { employers: [E0] }));
    await fx.act('union', case1, cmd('OrderRectification', {
      rectificationId: id(),
      items: [item(x, '2026-03-05T15:59:59.999Z', firm(E0)), item(y, '2026-03-04T15:59:59.999Z', firm(E0)), item(z, '2026-03-20T15:59:59.999Z', hrBureau)],
    }));
    await fx.act('union', case1, cmd('ReportRectificationItem', { itemId: y, summary: '已整改' }));
    await fx.act('union', case2, openCase(case2, { employers: [E2], region: '440300' }));
    await fx.act('hr_bureau', case2, cmd('OrderRectification', { rectificationId: id(), items: [item(w, '2026-03-06T15:59:59.999Z', firm(E2))] }));

    const ids = async (query: string) => (await list(fx, query)).items.map((i) => i.itemId);
    // Before any deadline passes: by deadline alone.
    expect(await ids('')).toEqual([y, x, w, z]);
    expect((await list(fx, '')).overdue).toBe(0);

    fx.advance(5 * DAY); // Saturday 7 March: x and w are past due; y was reported in time
    const all = await list(fx, '');
    expect(all.items.map((i) => [i.itemId, i.overdue])).toEqual([[x, true], [w, true], [y, false], [z, false]]);
    expect([all.total, all.overdue, all.totals.open, all.totals.reported]).toEqual([4, 2, 3, 1]);
    expect(all.items.map((i) => i.deadlineStatus)).toEqual(['overdue', 'overdue', null, 'pending']);

    expect(await ids(`?employer=${E0.uscc}`)).toEqual([x, y, z]);
    expect(await ids(`?employer=${E2.uscc}`)).toEqual([w]);
    expect(await ids(`?employer=${encodeURIComponent('丙')}`)).toEqual([w]);
    expect(await ids(`?employer=${encodeURIComponent('有限公司')}`)).toEqual([x, w, y, z]);
    expect(await ids('?agency=hr_bureau')).toEqual([w, z]); // ordered w, must do z
    expect(await ids(`?caseId=${case2}`)).toEqual([w]);
    expect(await ids('?overdueOnly=true')).toEqual([x, w]);
    expect(await ids('?overdueOnly=false')).toEqual([x, w, y, z]);
    expect(await ids(`?overdueOnly=1&employer=${E0.uscc}`)).toEqual([x]);

    const reported = await list(fx, '?status=reported');
    expect([reported.items.map((i) => i.itemId), reported.total, reported.totals.open, reported.overdue]).toEqual([[y], 1, 3, 2]);
    const page = await list(fx, '?limit=2&offset=1');
    expect([page.items.map((i) => i.itemId), page.total]).toEqual([[w, y], 4]);
  });

  it('a court liaison does not see a union-only list; a secretary and an auditor do; bad parameters give 400', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    await fx.act('union', caseId, cmd('OrderRectification', { rectificationId: id(), items: [item(id(), '2026-03-31T15:59:59.999Z', firm(E0))] }));

    expect((await list(fx, '', 'union')).total).toBe(1);
    expect((await list(fx, '', 'court')).total).toBe(0);
    expect((await list(fx, `?caseId=${caseId}`, 'court')).items).toEqual([]);
    expect((await list(fx, '', 'court', ['secretary'])).total).toBe(1);
    expect((await list(fx, '', 'court', ['auditor'])).total).toBe(1);

    const court = await fx.token('court');
    for (const bad of ['status=done', 'overdueOnly=yes', 'limit=5000', 'caseId=nope', 'agency=police', 'employer=']) {
      const res = await fx.request('GET', `/api/rectifications?${bad}`, court);
      expect([bad, res.status, res.body?.status]).toEqual([bad, 400, 400]);
    }
  });
});
