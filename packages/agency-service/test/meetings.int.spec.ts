import { randomUUID } from 'node:crypto';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { caseWithItems, heldWithoutCases, holdBody, meetingEvents, meetingWorld, schedule, scheduleBody } from './meetings.support.js';
import { env, inDays, request, streamOf } from './support.js';

describe('joint meetings (联席会议)', () => {
  it('documents the meeting and warning routes in /openapi.json, with their request bodies', async () => {
    const doc = (await request((await env().boot('union')).url)('GET', '/openapi.json')).body;
    for (const path of ['/api/meetings', '/api/meetings/{meetingId}/hold', '/api/warnings', '/api/warnings/{warningId}/resolve']) {
      expect(doc.paths[path]?.post?.requestBody, path).toBeDefined();
    }
    expect(doc.paths['/api/meetings/{meetingId}/apply-decisions']?.post).toBeDefined();
    expect(doc.paths['/api/meetings/{meetingId}']?.get).toBeDefined();
  });

  it('schedules, holds with extend/escalate/close, and the case shows each decision', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 3);
    const [extended, escalated, closed] = itemIds as [string, string, string];
    const scheduled = await w.procSecretary('POST', '/api/meetings', scheduleBody([caseId]), { 'x-correlation-id': 'meeting-1' });
    expect(scheduled).toMatchObject({ status: 201, body: { revision: '0' } });
    const { meetingId } = scheduled.body;
    expect((await meetingEvents(w.e, meetingId))[0]).toMatchObject({
      type: 'JointMeetingScheduled',
      data: { meetingId, hostAgency: 'procuratorate', caseIds: [caseId] },
      metadata: { agency: 'procuratorate', correlationId: 'meeting-1' },
    });

    // Hosted and recorded by the procuratorate, which takes no part in the union's case: the
    // union attended and does, so the meeting may decide on it.
    const newDeadline = inDays(60);
    const held = await w.procSecretary(
      'POST',
      `/api/meetings/${meetingId}/hold`,
      holdBody(
        [caseId],
        [
          { caseId, itemId: extended, decision: 'extend', newDeadline, note: '企业资金困难，延期两个月' },
          { caseId, itemId: escalated, decision: 'escalate', note: '升级督办' },
          { caseId, itemId: closed, decision: 'close', note: '纳入行业协会统一安排，销项' },
        ],
      ),
    );
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({ meetingId, revision: '1' });
    expect(held.body.decisions).toEqual(
      [extended, escalated, closed].map((itemId) => expect.objectContaining({ caseId, itemId, applied: true, alreadyApplied: false, problem: null })),
    );

    const view = (await w.unionLiaison('GET', `/api/cases/${caseId}`)).body;
    expect(view.items[extended]).toMatchObject({ deadline: newDeadline, status: 'open', escalated: false });
    expect(view.items[escalated]).toMatchObject({ escalated: true, status: 'open' });
    expect(view.items[closed]).toMatchObject({ status: 'closed' });

    const [meetingHeld] = (await meetingEvents(w.e, meetingId)).slice(1);
    const decided = (await streamOf(w.e.store, caseId)).filter((e) => e.type === 'RectificationItemDecided');
    expect(decided.map((e) => e.data)).toEqual([
      expect.objectContaining({ itemId: extended, meetingId, decision: 'extend' }),
      expect.objectContaining({ itemId: escalated, meetingId, decision: 'escalate' }),
      expect.objectContaining({ itemId: closed, meetingId, decision: 'close' }),
    ]);
    // Each case record points back at the meeting record that caused it.
    for (const e of decided) expect(e.metadata).toMatchObject({ agency: 'procuratorate', causationId: meetingHeld!.id });

    const keys = await readPublishedKeys(w.e.store);
    expect(await verifyStreamSignatures(w.e.store, `meeting-${meetingId}`, keys)).toMatchObject({ ok: true, events: 2, problems: [] });
    expect(await verifyStreamSignatures(w.e.store, `case-${caseId}`, keys)).toMatchObject({ ok: true, problems: [] });

    const meeting = await w.hrSecretary('GET', `/api/meetings/${meetingId}`);
    expect(meeting.body).toMatchObject({
      meetingId,
      status: 'held',
      scheduled: { hostAgency: 'procuratorate' },
      held: { agency: 'procuratorate', attendees: { agencies: ['union', 'procuratorate'] } },
    });
    expect(meeting.body.decisions.map((d: { applied: boolean }) => d.applied)).toEqual([true, true, true]);
  });

  it('given a meeting held yesterday and recorded today (补录), then the decisions it put on the case happened when it was held', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1, 30);
    const meetingId = await schedule(w.procSecretary, [caseId]);
    const heldAt = new Date(Date.now() - 20 * 3_600_000).toISOString();
    const held = await w.procSecretary('POST', `/api/meetings/${meetingId}/hold`, {
      ...holdBody([caseId], [{ caseId, itemId: itemIds[0], decision: 'escalate', note: '升级督办' }]),
      occurredAt: heldAt,
    });
    expect(held.status, JSON.stringify(held.body)).toBe(200);
    expect(held.body.decisions).toEqual([expect.objectContaining({ applied: true, problem: null })]);
    const [meetingHeld] = (await meetingEvents(w.e, meetingId)).slice(1);
    expect(meetingHeld!.metadata['occurredAt']).toBe(heldAt);
    const [decided] = (await streamOf(w.e.store, caseId)).filter((e) => e.type === 'RectificationItemDecided');
    expect(decided!.metadata).toMatchObject({ occurredAt: heldAt, causationId: meetingHeld!.id });
    // Recorded now, so it is a late act on the case as the meeting is.
    expect(Date.parse(decided!.metadata.recordedAt) - Date.parse(heldAt)).toBeGreaterThan(19 * 3_600_000);
  });

  it('holds a meeting once: a second hold, or two at the same time, get 409', async () => {
    const w = await meetingWorld();
    const { caseId } = await caseWithItems(w.unionLiaison, 1);
    const once = await schedule(w.unionSecretary, [caseId]);
    expect((await w.unionSecretary('POST', `/api/meetings/${once}/hold`, holdBody([caseId], []))).status).toBe(200);
    const again = await w.procSecretary('POST', `/api/meetings/${once}/hold`, holdBody([caseId], []));
    expect(again).toMatchObject({ status: 409, body: { ruleId: 'meeting.held' } });
    expect(await meetingEvents(w.e, once)).toHaveLength(2);

    const raced = await schedule(w.unionSecretary, [caseId]);
    const answers = await Promise.all(
      [w.unionSecretary, await w.otherUnionSecretary()].map((s) => s('POST', `/api/meetings/${raced}/hold`, holdBody([caseId], []))),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    expect((await meetingEvents(w.e, raced)).filter((e) => e.type === 'JointMeetingHeld')).toHaveLength(1);
  });

  it('answers 404 for a meeting that does not exist and 400 for a decision on a case not reviewed', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 1);
    expect((await w.unionSecretary('POST', `/api/meetings/${randomUUID()}/hold`, holdBody([caseId], []))).status).toBe(404);
    expect((await w.unionSecretary('POST', '/api/meetings/not-a-uuid/hold', holdBody([caseId], []))).status).toBe(404);
    expect((await w.unionSecretary('GET', `/api/meetings/${randomUUID()}`)).status).toBe(404);
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    const unreviewed = await w.unionSecretary(
      'POST',
      `/api/meetings/${meetingId}/hold`,
      holdBody([], [{ caseId, itemId: itemIds[0], decision: 'close', note: '销项' }]),
    );
    expect(unreviewed.status).toBe(400);
    expect(unreviewed.body.errors.map((i: { path: string }) => i.path)).toEqual(['decisions.0.caseId']);
    const twice = { caseId, itemId: itemIds[0], decision: 'escalate', note: '升级' };
    expect((await w.unionSecretary('POST', `/api/meetings/${meetingId}/hold`, holdBody([caseId], [twice, twice]))).status).toBe(400);
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(1);
  });

  it('refuses a hold by an agency that did not attend (403 R1) or by someone not a secretary', async () => {
    const w = await meetingWorld();
    const { caseId } = await caseWithItems(w.unionLiaison, 1);
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    const absent = await w.hrSecretary('POST', `/api/meetings/${meetingId}/hold`, holdBody([caseId], []));
    expect(absent).toMatchObject({ status: 403, body: { ruleId: 'R1' } });
    const liaison = await w.unionLiaison('POST', `/api/meetings/${meetingId}/hold`, holdBody([caseId], []));
    expect(liaison.status).toBe(403);
    expect(liaison.body.ruleId).toBeUndefined();
    expect((await w.unionLiaison('POST', '/api/meetings', scheduleBody([caseId]))).status).toBe(403);
    expect(await meetingEvents(w.e, meetingId)).toHaveLength(1);
  });

  it('reports each decision a case refuses, and keeps the meeting record', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 3);
    const [verified, pastDeadline, fine] = itemIds as [string, string, string];
    await w.unionLiaison('POST', `/api/cases/${caseId}/do-follow-up`, {
      followUpId: randomUUID(),
      results: [{ itemId: verified, verified: true, findings: '已核实' }],
    });
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    const unknownItem = randomUUID();
    const held = await w.unionSecretary(
      'POST',
      `/api/meetings/${meetingId}/hold`,
      holdBody(
        [caseId],
        [
          { caseId, itemId: verified, decision: 'close', note: '销项' },
          { caseId, itemId: pastDeadline, decision: 'extend', newDeadline: inDays(-1), note: '延期' },
          { caseId, itemId: unknownItem, decision: 'escalate', note: '升级' },
          { caseId, itemId: fine, decision: 'escalate', note: '升级督办' },
        ],
      ),
    );
    expect(held.status).toBe(200);
    expect(held.body.decisions.map((d: { applied: boolean; problem: { ruleId?: string } | null }) => [d.applied, d.problem?.ruleId ?? null])).toEqual([
      [false, 'CHAIN.item-state'],
      [false, 'R8.item-deadline'],
      [false, 'CHAIN.unknown-ref'],
      [true, null],
    ]);
    expect(held.body.decisions[0].problem).toMatchObject({ status: 409, detail: expect.stringMatching(/\p{Script=Han}/u) });
    expect((await meetingEvents(w.e, meetingId)).map((e) => e.type)).toEqual(['JointMeetingScheduled', 'JointMeetingHeld']);
    const decided = (await streamOf(w.e.store, caseId)).filter((e) => e.type === 'RectificationItemDecided');
    expect(decided.map((e) => (e.data as { itemId: string }).itemId)).toEqual([fine]);
    const view = (await w.unionSecretary('GET', `/api/meetings/${meetingId}`)).body;
    expect(view.decisions.map((d: { applied: boolean }) => d.applied)).toEqual([false, false, false, true]);
  });

  it('apply-decisions repairs a hold cut short by a crash, and applies each decision once', async () => {
    const w = await meetingWorld();
    const { caseId, itemIds } = await caseWithItems(w.unionLiaison, 2);
    const [first, second] = itemIds as [string, string];
    const meetingId = await schedule(w.unionSecretary, [caseId]);
    expect((await w.unionSecretary('POST', `/api/meetings/${meetingId}/apply-decisions`)).body).toMatchObject({ status: 409, ruleId: 'meeting.not-held' });
    const body = holdBody(
      [caseId],
      [
        { caseId, itemId: first, decision: 'close', note: '销项' },
        { caseId, itemId: second, decision: 'escalate', note: '升级督办' },
      ],
    );
    await heldWithoutCases(w.e, meetingId, body);
    expect((await w.unionSecretary('GET', `/api/meetings/${meetingId}`)).body.decisions.map((d: { applied: boolean }) => d.applied)).toEqual([false, false]);

    // One decision reached its case before the crash was noticed: apply-decisions must not repeat it.
    const recorded = await w.unionSecretary('POST', `/api/cases/${caseId}/record-meeting-decision`, {
      itemId: first,
      meetingId,
      decision: 'close',
      note: '销项',
    });
    expect(recorded.status).toBe(200);
    expect((await w.hrSecretary('POST', `/api/meetings/${meetingId}/apply-decisions`)).body).toMatchObject({ status: 403, ruleId: 'R1' });

    // The procuratorate attended, but the union hosted and recorded the meeting: it carries it out.
    expect((await w.procSecretary('POST', `/api/meetings/${meetingId}/apply-decisions`)).body).toMatchObject({ status: 403, ruleId: 'meeting.host' });
    const repaired = await w.unionSecretary('POST', `/api/meetings/${meetingId}/apply-decisions`);
    expect(repaired.status).toBe(200);
    expect(repaired.body.decisions.map((d: { applied: boolean; alreadyApplied: boolean }) => [d.applied, d.alreadyApplied])).toEqual([
      [true, true],
      [true, false],
    ]);
    const view = (await w.unionLiaison('GET', `/api/cases/${caseId}`)).body;
    expect([view.items[first].status, view.items[second].escalated]).toEqual(['closed', true]);

    const before = await streamOf(w.e.store, caseId);
    const again = await w.unionSecretary('POST', `/api/meetings/${meetingId}/apply-decisions`);
    expect(again.body.decisions.map((d: { alreadyApplied: boolean }) => d.alreadyApplied)).toEqual([true, true]);
    expect(await streamOf(w.e.store, caseId)).toHaveLength(before.length);
    expect(before.filter((e) => e.type === 'RectificationItemDecided')).toHaveLength(2);
  });
});
