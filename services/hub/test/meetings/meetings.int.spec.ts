import { caseStream } from '@hub/case-domain';
import type { HubEvent } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { meetingStream } from '../../src/streams.js';
import { cmd, EMPLOYERS, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';

const enterprise = { kind: 'enterprise' as const, name: EMPLOYERS[0]!.name, uscc: EMPLOYERS[0]!.uscc };

async function caseWithItems(fx: HubFixture, caseId: string, itemIds: string[]): Promise<void> {
  await fx.act('union', caseId, openCase(caseId));
  await fx.act(
    'union',
    caseId,
    cmd('OrderRectification', {
      rectificationId: id(),
      items: itemIds.map((itemId) => ({ itemId, description: '组织女职工妇科检查', deadline: '2026-04-30T02:00:00.000Z', responsibleParty: enterprise })),
    }),
  );
}

const scheduled = (meetingId: string, hostAgency: 'union' | 'procuratorate' | 'hr_bureau', scheduledFor: string, caseIds: string[]): HubEvent => ({
  type: 'JointMeetingScheduled',
  data: { meetingId, hostAgency, title: `联席会议 ${scheduledFor.slice(0, 10)}`, scheduledFor, agenda: '审议整改清单', caseIds },
});

const decided = (meetingId: string, itemId: string, decision: 'extend' | 'close' | 'escalate'): HubEvent => ({
  type: 'RectificationItemDecided',
  data:
    decision === 'extend'
      ? { meetingId, itemId, decision, newDeadline: '2026-05-31T02:00:00.000Z', note: '会议决定延期' }
      : { meetingId, itemId, decision, note: '会议决定' },
});

describe('meetings read model and GET /api/meetings', () => {
  it('lists meetings newest first, filters by status and Shanghai dates, and shows each decision with whether it was applied', async () => {
    const fx = await hubFixture();
    const [caseA, caseB] = [id(), id()];
    const [i1, i2, i3] = [id(), id(), id()];
    await caseWithItems(fx, caseA, [i1, i2]);
    await caseWithItems(fx, caseB, [i3]);

    const [m1, m2, m3] = [id(), id(), id()];
    await fx.record('union', meetingStream(m1), [scheduled(m1, 'union', '2026-03-10T02:00:00.000Z', [caseA, caseB])]);
    await fx.record('procuratorate', meetingStream(m2), [scheduled(m2, 'procuratorate', '2026-04-05T02:00:00.000Z', [caseB])]);
    // 17:00 UTC on 5 March is 01:00 on 6 March in Shanghai.
    await fx.record('hr_bureau', meetingStream(m3), [scheduled(m3, 'hr_bureau', '2026-03-05T17:00:00.000Z', [])]);

    fx.advance(3_600_000);
    const heldAt = fx.now().toISOString();
    await fx.record('union', meetingStream(m1), [
      {
        type: 'JointMeetingHeld',
        data: {
          meetingId: m1,
          attendees: { agencies: ['union', 'procuratorate'], otherBodies: ['卫健委', '物流行业协会'] },
          casesReviewed: [caseA, caseB],
          decisions: [
            { caseId: caseA, itemId: i1, decision: 'extend', newDeadline: '2026-05-31T02:00:00.000Z', note: '延期至五月底' },
            { caseId: caseA, itemId: i2, decision: 'close', note: '已整改，销项' },
            { caseId: caseB, itemId: i3, decision: 'escalate', note: '升级督办' },
          ],
          minutes: '会议审议了两案整改清单',
        },
      },
    ]);

    fx.advance(3_600_000);
    const appliedAt = fx.now().toISOString();
    await fx.record('union', caseStream(caseA), [decided(m1, i1, 'extend')]);
    // Not applications of m1's decisions: another meeting's id, and i2 recorded on the wrong case.
    await fx.record('union', caseStream(caseB), [decided(m2, i3, 'escalate')]);
    await fx.record('union', caseStream(caseB), [decided(m1, i2, 'close')]);

    // Meetings are cross-agency: the court, which hosts none and attends none, reads them all.
    const court = await fx.token('court');
    const all = await fx.request('GET', '/api/meetings', court);
    expect(all.status).toBe(200);
    expect(all.body.upToDate).toBe(true);
    expect(all.body.meetings.map((m: any) => m.meetingId)).toEqual([m2, m1, m3]);
    expect(all.body.meetings[1]).toEqual({
      meetingId: m1,
      hostAgency: 'union',
      title: '联席会议 2026-03-10',
      scheduledFor: '2026-03-10T02:00:00.000Z',
      status: 'held',
      statusLabel: { zh: '已召开', en: 'Held' },
      heldAt,
      caseCount: 2,
      decisionCount: 3,
      appliedCount: 1,
    });
    expect(all.body.meetings[0]).toMatchObject({ meetingId: m2, status: 'scheduled', heldAt: null, caseCount: 1, decisionCount: 0, appliedCount: 0 });

    const ids = async (query: string) => (await fx.request('GET', `/api/meetings?${query}`, court)).body.meetings.map((m: any) => m.meetingId);
    expect(await ids('status=held')).toEqual([m1]);
    expect(await ids('status=scheduled')).toEqual([m2, m3]);
    expect(await ids('from=2026-03-06')).toEqual([m2, m1, m3]);
    expect(await ids('to=2026-03-05')).toEqual([]);
    expect(await ids('from=2026-03-07&to=2026-03-31')).toEqual([m1]);
    expect(await ids('to=2026-03-05T17:00:00.000Z')).toEqual([m3]);
    expect(await ids('status=scheduled&from=2026-04-01')).toEqual([m2]);

    const detail = await fx.request('GET', `/api/meetings/${m1}`, court);
    expect(detail.status).toBe(200);
    expect(detail.body.meeting).toEqual({
      meetingId: m1,
      hostAgency: 'union',
      title: '联席会议 2026-03-10',
      scheduledFor: '2026-03-10T02:00:00.000Z',
      status: 'held',
      statusLabel: { zh: '已召开', en: 'Held' },
      heldAt,
      agenda: '审议整改清单',
      caseIds: [caseA, caseB],
      attendees: { agencies: ['union', 'procuratorate'], otherBodies: ['卫健委', '物流行业协会'] },
      casesReviewed: [caseA, caseB],
      minutes: '会议审议了两案整改清单',
      // Held without the minutes' own fields (as a version 1 hold reads): none recorded.
      location: null,
      chair: null,
      recorder: null,
      resolutions: [],
      // Cases opened here without a number (as before numbering): the minutes read 未编号案件.
      caseNumbers: { [caseA]: null, [caseB]: null },
      decisions: [
        {
          caseId: caseA,
          itemId: i1,
          decision: 'extend',
          label: { zh: '延期', en: 'Extend' },
          newDeadline: '2026-05-31T02:00:00.000Z',
          note: '延期至五月底',
          applied: true,
          appliedAt,
        },
        {
          caseId: caseA,
          itemId: i2,
          decision: 'close',
          label: { zh: '销项', en: 'Close' },
          newDeadline: null,
          note: '已整改，销项',
          applied: false,
          appliedAt: null,
        },
        {
          caseId: caseB,
          itemId: i3,
          decision: 'escalate',
          label: { zh: '升级督办', en: 'Escalate' },
          newDeadline: null,
          note: '升级督办',
          applied: false,
          appliedAt: null,
        },
      ],
    });
    const planned = await fx.request('GET', `/api/meetings/${m3}`, court);
    expect(planned.body.meeting).toMatchObject({
      status: 'scheduled',
      statusLabel: { zh: '已安排', en: 'Scheduled' },
      attendees: null,
      decisions: [],
      minutes: null,
    });

    // Applying the remaining decisions on their own cases flips their flags.
    fx.advance(60_000);
    const laterAt = fx.now().toISOString();
    await fx.record('union', caseStream(caseA), [decided(m1, i2, 'close')]);
    await fx.record('union', caseStream(caseB), [decided(m1, i3, 'escalate')]);
    const after = await fx.request('GET', `/api/meetings/${m1}`, court);
    expect(after.body.meeting.decisions.map((d: any) => [d.applied, d.appliedAt])).toEqual([
      [true, appliedAt],
      [true, laterAt],
      [true, laterAt],
    ]);
    expect((await fx.request('GET', '/api/meetings?status=held', court)).body.meetings[0].appliedCount).toBe(3);
  });

  it('answers 404 for an unknown meeting, 400 for bad ids and filters, 401 without a session', async () => {
    const fx = await hubFixture();
    const union = await fx.token('union');
    const unknown = await fx.request('GET', `/api/meetings/${id()}`, union);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe('没有找到该联席会议');
    expect((await fx.request('GET', '/api/meetings/not-a-uuid', union)).status).toBe(400);
    expect((await fx.request('GET', '/api/meetings?status=cancelled', union)).status).toBe(400);
    expect((await fx.request('GET', '/api/meetings?from=2026-02-30', union)).status).toBe(400);
    expect((await fx.request('GET', '/api/meetings?to=2026-03-02T10:00:00+08:00', union)).status).toBe(400);
    expect((await fx.request('GET', '/api/meetings')).status).toBe(401);
    expect((await fx.request('GET', `/api/meetings/${id()}`)).status).toBe(401);
    expect((await fx.request('GET', '/api/meetings', union)).body.meetings).toEqual([]);
  });
});
