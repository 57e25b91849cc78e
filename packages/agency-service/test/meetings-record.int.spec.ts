import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { caseWithItems, heldWithoutCases, holdBody, meetingWorld, schedule } from './meetings.support.js';
import { inDays, streamOf } from './support.js';

describe('POST /api/cases/:caseId/record-meeting-decision honours the meeting', () => {
  /** A union case, and a meeting on it held (its case records not written yet), hosted by `host`. */
  async function heldMeeting(host: 'union' | 'procuratorate' = 'union', agencies = ['union', 'procuratorate']) {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 2);
    const [extended, escalated] = itemIds as [string, string];
    const meetingId = await schedule(host === 'union' ? w.unionSecretary : w.procSecretary, [caseId]);
    const newDeadline = inDays(45);
    await heldWithoutCases(
      w.e,
      meetingId,
      holdBody(
        [caseId],
        [
          { caseId, itemId: extended, decision: 'extend', newDeadline, note: '延期' },
          { caseId, itemId: escalated, decision: 'escalate', note: '升级督办' },
        ],
        agencies,
      ),
      host,
    );
    const record = (body: Record<string, unknown>, as = w.unionSecretary) =>
      as('POST', `/api/cases/${caseId}/record-meeting-decision`, { meetingId, note: '按会议纪要记录', ...body });
    return { w, caseId, meetingId, extended, escalated, newDeadline, record };
  }

  it('refuses (409 R7.meeting-decision) a decision the meeting did not take, writing nothing', async () => {
    const { w, caseId, extended, escalated, newDeadline, record } = await heldMeeting();
    const before = await streamOf(w.e.store, caseId);
    expect(await record({ itemId: escalated, decision: 'close' })).toMatchObject({ status: 409, body: { ruleId: 'R7.meeting-decision' } });
    expect(await record({ itemId: extended, decision: 'extend', newDeadline: inDays(90) })).toMatchObject({
      status: 409,
      body: { ruleId: 'R7.meeting-decision' },
    });
    expect(await record({ itemId: escalated, decision: 'extend', newDeadline })).toMatchObject({ status: 409, body: { ruleId: 'R7.meeting-decision' } });
    const unknown = await record({ itemId: escalated, decision: 'escalate', meetingId: randomUUID() });
    expect(unknown).toMatchObject({ status: 409, body: { ruleId: 'R7.meeting-decision' } });
    expect(unknown.body.detail).toContain('尚未召开');
    expect(await streamOf(w.e.store, caseId)).toEqual(before);
  });

  it('refuses a decision of a meeting only scheduled, not held', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    const refused = await w.unionSecretary('POST', `/api/cases/${caseId}/record-meeting-decision`, {
      meetingId,
      itemId: itemIds[0],
      decision: 'close',
      note: '销项',
    });
    expect(refused).toMatchObject({ status: 409, body: { ruleId: 'R7.meeting-decision' } });
  });

  it('records the decision as taken, once, even by the host agency when it takes no other part in the case', async () => {
    const { w, caseId, meetingId, extended, newDeadline, record } = await heldMeeting('procuratorate');
    const recorded = await record({ itemId: extended, decision: 'extend', newDeadline }, w.procSecretary);
    expect(recorded).toMatchObject({ status: 200, body: { events: ['RectificationItemDecided'] } });
    const view = (await w.unionLiaison('GET', `/api/cases/${caseId}`)).body;
    expect(view.items[extended].deadline).toBe(newDeadline);
    expect(view.participants).toEqual(['procuratorate', 'union']);
    const twice = await record({ itemId: extended, decision: 'extend', newDeadline });
    expect(twice).toMatchObject({ status: 409, body: { ruleId: 'R7.meeting-decision' } });
    const decided = (await streamOf(w.e.store, caseId)).filter((e) => e.type === 'RectificationItemDecided');
    expect(decided.map((e) => e.data)).toEqual([expect.objectContaining({ meetingId, itemId: extended })]);
  });

  it('refuses an agency that neither attended nor takes part (403), and anyone not a secretary', async () => {
    const { w, caseId, escalated, record } = await heldMeeting();
    const outsider = await record({ itemId: escalated, decision: 'escalate' }, await w.courtSecretary());
    expect(outsider.status).toBe(403);
    expect(outsider.body.ruleId).toBeUndefined();
    expect(outsider.body.detail).toContain('未参与此案件');
    expect((await record({ itemId: escalated, decision: 'escalate' }, w.unionLiaison)).status).toBe(403);
    expect((await streamOf(w.e.store, caseId)).some((e) => e.type === 'RectificationItemDecided')).toBe(false);
  });

  it('refuses an attending agency that is not the host and takes no part in the case (403): attending is not enough', async () => {
    const { w, caseId, escalated, record } = await heldMeeting('union');
    const attendee = await record({ itemId: escalated, decision: 'escalate' }, w.procSecretary);
    expect(attendee.status).toBe(403);
    expect(attendee.body.detail).toContain('未参与此案件');
    expect((await streamOf(w.e.store, caseId)).some((e) => e.type === 'RectificationItemDecided')).toBe(false);
  });

  it('refuses (409) every decision of a recorded hold that breaks a meeting rule, even to the agency owning the case', async () => {
    const single = await heldMeeting('union', ['union']);
    expect(await single.record({ itemId: single.escalated, decision: 'escalate' })).toMatchObject({ status: 409, body: { ruleId: 'meeting.joint' } });
    // Recorded by the procuratorate, though the union hosted it.
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    await heldWithoutCases(w.e, meetingId, holdBody([caseId], [{ caseId, itemId: itemIds[0], decision: 'close', note: '销项' }]), 'procuratorate');
    const refused = await w.unionSecretary('POST', `/api/cases/${caseId}/record-meeting-decision`, {
      meetingId,
      itemId: itemIds[0],
      decision: 'close',
      note: '销项',
    });
    expect(refused).toMatchObject({ status: 409, body: { ruleId: 'meeting.host' } });
    expect(refused.body.detailEn).toContain('hosted by the');
    // Held, never scheduled: no host, no agenda.
    const unscheduled = randomUUID();
    await w.e.store.append(
      `meeting-${unscheduled}`,
      [
        {
          type: 'JointMeetingHeld',
          data: { meetingId: unscheduled, ...holdBody([caseId], [{ caseId, itemId: itemIds[0], decision: 'close', note: '销项' }]) } as never,
          metadata: { agency: 'union', schemaVersion: 1, actor: { agency: 'union', userId: 'someone' } },
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    const orphan = await w.unionSecretary('POST', `/api/cases/${caseId}/record-meeting-decision`, {
      meetingId: unscheduled,
      itemId: itemIds[0],
      decision: 'close',
      note: '销项',
    });
    expect(orphan).toMatchObject({ status: 409, body: { ruleId: 'meeting.host' } });
    expect((await streamOf(w.e.store, caseId)).some((e) => e.type === 'RectificationItemDecided')).toBe(false);
  });
});
