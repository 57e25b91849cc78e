import { describe, expect, it } from 'vitest';
import { caseWithItems, heldWithoutCases, holdBody, meetingEvents, meetingWorld, schedule } from './meetings.support.js';
import { streamOf } from './support.js';

/** Who may hold a joint meeting, on which cases, and what a recorded hold may carry out. */
describe('joint-meeting authority (联席会议的记录权限)', () => {
  const decided = async (w: Awaited<ReturnType<typeof meetingWorld>>, caseId: string) =>
    (await streamOf(w.e.store, caseId)).filter((e) => e.type === 'RectificationItemDecided');

  it('lets only the host agency record the hold (403 meeting.host), not an agency that merely lists itself as attending', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    const body = holdBody([caseId], [{ caseId, itemId: itemIds[0], decision: 'close', note: '销项' }]);
    const usurped = await w.procSecretary('POST', `/api/meetings/${meetingId}/hold`, body);
    expect(usurped).toMatchObject({ status: 403, body: { ruleId: 'meeting.host' } });
    expect(usurped.body.detail).toContain('工会主办');
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(1);
    expect(await decided(w, caseId)).toEqual([]);
    expect((await w.unionSecretary('POST', `/api/meetings/${meetingId}/hold`, body)).status).toBe(200);
  });

  it('refuses cases reviewed that are not on the agenda (400 meeting.agenda, naming them)', async () => {
    const w = await meetingWorld();
    const [onAgenda, offAgenda] = [await caseWithItems(w.unionLiaison, 1), await caseWithItems(w.unionLiaison, 1)];
    const meetingId = await schedule(w.unionSecretary, [onAgenda.caseId]);
    const refused = await w.unionSecretary(
      'POST',
      `/api/meetings/${meetingId}/hold`,
      holdBody([onAgenda.caseId, offAgenda.caseId], [{ caseId: offAgenda.caseId, itemId: offAgenda.itemIds[0], decision: 'close', note: '销项' }]),
    );
    expect(refused).toMatchObject({ status: 400, body: { ruleId: 'meeting.agenda' } });
    expect(refused.body.detailEn).toContain(offAgenda.caseId);
    expect(refused.body.detailEn).not.toContain(onAgenda.caseId);
    expect(refused.body.errors.map((i: { path: string }) => i.path)).toEqual(['casesReviewed']);
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(1);
    expect(await decided(w, offAgenda.caseId)).toEqual([]);
  });

  it('needs at least two distinct agencies attending (400 meeting.joint)', async () => {
    const w = await meetingWorld();
    const { caseId } = await caseWithItems(w.unionLiaison, 1);
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    for (const agencies of [['union'], ['union', 'union']]) {
      const alone = await w.unionSecretary('POST', `/api/meetings/${meetingId}/hold`, holdBody([caseId], [], agencies));
      expect(alone).toMatchObject({ status: 400, body: { ruleId: 'meeting.joint', errors: [{ path: 'attendees.agencies' }] } });
      expect(alone.body.detail).toContain('至少需要两个机构');
    }
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(1);
  });

  it('refuses a decision on a case no attending agency takes part in (409 meeting.case-participant); reviewing it alone is fine', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    // The HR bureau hosts, with the procuratorate: neither takes part in the union's case.
    const meetingId = await schedule(w.hrSecretary, [caseId]);
    const close = [{ caseId, itemId: itemIds[0], decision: 'close', note: '销项' }];
    const outside = await w.hrSecretary('POST', `/api/meetings/${meetingId}/hold`, holdBody([caseId], close, ['hr_bureau', 'procuratorate']));
    expect(outside).toMatchObject({ status: 409, body: { ruleId: 'meeting.case-participant' } });
    expect(outside.body.detailEn).toContain(caseId);
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(1);
    expect(await decided(w, caseId)).toEqual([]);

    // With the union attending, the meeting may decide on the union's case.
    const joined = await w.hrSecretary('POST', `/api/meetings/${meetingId}/hold`, holdBody([caseId], close, ['hr_bureau', 'union']));
    expect(joined.status).toBe(200);
    expect(joined.body.decisions).toEqual([expect.objectContaining({ applied: true })]);

    const reviewedOnly = await schedule(w.hrSecretary, [caseId]);
    expect((await w.hrSecretary('POST', `/api/meetings/${reviewedOnly}/hold`, holdBody([caseId], [], ['hr_bureau', 'procuratorate']))).status).toBe(200);
  });

  it('apply-decisions carries out only a hold that keeps the rules, and only for the host', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    const close = [{ caseId, itemId: itemIds[0], decision: 'close', note: '销项' }];

    // Hosted by the union, recorded past the service by the procuratorate.
    const usurped = await schedule(w.unionSecretary, [caseId]);
    await heldWithoutCases(w.e, usurped, holdBody([caseId], close), 'procuratorate');
    expect((await w.procSecretary('POST', `/api/meetings/${usurped}/apply-decisions`)).body).toMatchObject({ status: 403, ruleId: 'meeting.host' });
    expect((await w.unionSecretary('POST', `/api/meetings/${usurped}/apply-decisions`)).body).toMatchObject({ status: 409, ruleId: 'meeting.host' });

    // Held by the host, but off its agenda / by one agency.
    const other = await caseWithItems(w.unionLiaison, 1);
    const offAgenda = await schedule(w.unionSecretary, [other.caseId]);
    await heldWithoutCases(w.e, offAgenda, holdBody([caseId], close));
    expect((await w.unionSecretary('POST', `/api/meetings/${offAgenda}/apply-decisions`)).body).toMatchObject({ status: 409, ruleId: 'meeting.agenda' });
    const single = await schedule(w.unionSecretary, [caseId]);
    await heldWithoutCases(w.e, single, holdBody([caseId], close, ['union']));
    expect((await w.unionSecretary('POST', `/api/meetings/${single}/apply-decisions`)).body).toMatchObject({ status: 409, ruleId: 'meeting.joint' });

    // Hosted by the HR bureau with the procuratorate: no attendee takes part in the union's case.
    const outside = await schedule(w.hrSecretary, [caseId]);
    await heldWithoutCases(w.e, outside, holdBody([caseId], close, ['hr_bureau', 'procuratorate']), 'hr_bureau');
    expect((await w.hrSecretary('POST', `/api/meetings/${outside}/apply-decisions`)).body).toMatchObject({ status: 409, ruleId: 'meeting.case-participant' });

    expect(await decided(w, caseId)).toEqual([]);
    expect((await w.unionLiaison('GET', `/api/cases/${caseId}`)).body.items[itemIds[0]!].status).toBe('open');
  });
});
