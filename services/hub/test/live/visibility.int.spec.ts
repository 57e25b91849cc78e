import { describe, expect, it } from 'vitest';
import type { HubEvent } from '@hub/contracts';
import { meetingStream } from '../../src/streams.js';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { expectExactly, liveClient, note, POLL, record, viewerOf } from './support.js';

const lead = (leadId: string) => cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' });

describe('live feed: who sees what', () => {
  it('filters all, inbox and case feeds by role and agency, catch-up and live alike', async () => {
    const fx = await hubFixture();
    const [withLead, unionOnly, courtJoins] = [id(), id(), id()];
    const firstLead = id();
    await fx.act('union', withLead, openCase(withLead));
    await fx.act('union', withLead, lead(firstLead));
    await fx.act('procuratorate', withLead, cmd('AcceptLead', { leadId: firstLead }));
    await fx.act('union', unionOnly, openCase(unionOnly));
    await fx.act('union', courtJoins, openCase(courtJoins));
    await note(fx, courtJoins, 'court');
    const meetingId = id();
    await fx.record('hr_bureau', meetingStream(meetingId), [
      {
        type: 'JointMeetingScheduled',
        data: { meetingId, hostAgency: 'hr_bureau', title: '联席会议', scheduledFor: '2026-03-10T02:00:00.000Z', agenda: '整改清单', caseIds: [withLead] },
      } as HubEvent,
    ]);

    const union = await liveClient(fx, 'union');
    const court = await liveClient(fx, 'court');
    const auditor = await liveClient(fx, 'court', ['auditor']);
    const procuratorate = await liveClient(fx, 'procuratorate');
    const feeds = {
      unionAll: record(union, { kind: 'all' }, 'start'),
      unionInbox: record(union, { kind: 'inbox' }, 'start'),
      courtAll: record(court, { kind: 'all' }, 'start'),
      courtInbox: record(court, { kind: 'inbox' }, 'start'),
      courtCase: record(court, { kind: 'case', caseId: courtJoins }, 'start'),
      courtRefused: record(court, { kind: 'case', caseId: withLead }, 'start'),
      courtUnknown: record(court, { kind: 'case', caseId: id() }, 'start'),
      auditorAll: record(auditor, { kind: 'all' }, 'start'),
      auditorCase: record(auditor, { kind: 'case', caseId: withLead }, 'start'),
      procuratorateInbox: record(procuratorate, { kind: 'inbox' }, 'start'),
    };
    await expect.poll(() => feeds.courtRefused.errors.length + feeds.courtUnknown.errors.length, POLL).toBe(2);
    for (const refused of [feeds.courtRefused, feeds.courtUnknown]) {
      // The same 404 whether the case exists or not; the socket stays open for the other feeds.
      expect(refused.errors[0]).toMatchObject({ type: 'error', status: 404, detailEn: expect.any(String), detail: expect.any(String) });
      expect(refused.log).toEqual([]);
    }
    await expect.poll(() => Object.values(feeds).filter((f) => f.markers.length === 1).length, POLL).toBe(8);

    // Live too: a second lead to the procuratorate, and the court's next note.
    await fx.act('union', withLead, lead(id()));
    await note(fx, courtJoins, 'court');

    const expectations = [
      [feeds.unionAll, viewerOf('union'), { kind: 'all' }],
      [feeds.unionInbox, viewerOf('union'), { kind: 'inbox' }],
      [feeds.courtAll, viewerOf('court'), { kind: 'all' }],
      [feeds.courtInbox, viewerOf('court'), { kind: 'inbox' }],
      [feeds.courtCase, viewerOf('court'), { kind: 'case', caseId: courtJoins }],
      [feeds.auditorAll, viewerOf('court', ['auditor']), { kind: 'all' }],
      [feeds.auditorCase, viewerOf('court', ['auditor']), { kind: 'case', caseId: withLead }],
      [feeds.procuratorateInbox, viewerOf('procuratorate'), { kind: 'inbox' }],
    ] as const;
    for (const [feed, viewer, scope] of expectations) await expectExactly(fx, feed, viewer, scope, -1n);

    const types = (feed: (typeof feeds)[keyof typeof feeds]) =>
      feed.entries.map((e) => `${e.subjectId === meetingId ? 'meeting' : e.subjectId.slice(0, 8)}:${e.type}`);
    const short = (caseId: string) => caseId.slice(0, 8);
    // Leads reach the procuratorate's inbox (the second one live), not the court's; the answer reaches the union's.
    expect(types(feeds.procuratorateInbox)).toEqual([
      `${short(withLead)}:LeadTransferred`,
      'meeting:JointMeetingScheduled',
      `${short(withLead)}:LeadTransferred`,
    ]);
    expect(types(feeds.courtInbox)).toEqual(['meeting:JointMeetingScheduled']);
    expect(types(feeds.unionInbox)).toEqual([`${short(withLead)}:LeadAccepted`, 'meeting:JointMeetingScheduled']);
    // The court sees no case it takes no part in, and a case it joined only from when it joined,
    // though opening that case shows its whole history.
    expect(types(feeds.courtAll)).toEqual([`${short(courtJoins)}:TestNoteAdded`, 'meeting:JointMeetingScheduled', `${short(courtJoins)}:TestNoteAdded`]);
    expect(types(feeds.courtCase)).toEqual([`${short(courtJoins)}:CaseOpened`, `${short(courtJoins)}:TestNoteAdded`, `${short(courtJoins)}:TestNoteAdded`]);
    // The union sees its cases and the meeting; an auditor sees everything.
    const total = fx.hub.projections.readModel('timeline').db.prepare('SELECT count(*) FROM timeline').pluck().get() as number;
    expect(feeds.auditorAll.entries).toHaveLength(total);
    expect(feeds.unionAll.entries).toHaveLength(total);
    expect(feeds.auditorCase.entries.map((e) => e.type)).toEqual(['CaseOpened', 'LeadTransferred', 'LeadAccepted', 'LeadTransferred']);
    for (const client of [union, court, auditor, procuratorate]) await client.close();
  });
});
