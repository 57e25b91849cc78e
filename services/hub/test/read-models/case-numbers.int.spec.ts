/**
 * 案号 in the hub's case directory: the entry carries the number from CaseNumberAssigned, and
 * search finds a case by its number, whole or in part, with the year's brackets typed any usual way,
 * or none, without 第 or 号, with full-width digits or spaces.
 */
import { describe, expect, it } from 'vitest';
import { meetingStream } from '../../src/streams.js';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture, T0 } from '../support/fixture.js';

describe('case numbers in the hub directory', () => {
  it('given numbered cases and one opened before numbering, then entries carry the number (null before) and q finds a case by it', async () => {
    const fx = await hubFixture();
    const [a, b, old] = [id(), id(), id()];
    const numbered = [
      [a, '〔2026〕浙0106工维字第1号', 1],
      [b, '〔2026〕浙0106工维字第12号', 12],
    ] as const;
    for (const [caseId, caseNumber, sequence] of numbered) {
      await fx.act('union', caseId, openCase(caseId));
      await fx.record('union', `case-${caseId}`, [{ type: 'CaseNumberAssigned', data: { caseId, caseNumber, issuer: 'union', year: 2026, sequence } }]);
    }
    await fx.act('union', old, openCase(old));
    await fx.settle();
    const token = await fx.token('union', ['liaison']);
    const ask = async (path: string) => {
      const res = await fx.request('GET', path, token);
      expect(res.status, path).toBe(200);
      return res.body;
    };
    expect((await ask(`/api/cases/${b}`)).case.caseNumber).toBe('〔2026〕浙0106工维字第12号');
    expect((await ask(`/api/cases/${old}`)).case.caseNumber).toBeNull();
    const found = async (q: string) => ((await ask(`/api/cases?q=${encodeURIComponent(q)}`)).cases as { caseId: string }[]).map((c) => c.caseId).sort();
    expect(await found('〔2026〕浙0106工维字第12号')).toEqual([b]);
    expect(await found('[2026]浙0106工维字第12号')).toEqual([b]);
    expect(await found('（2026）浙0106工维字第1号')).toEqual([a]);
    expect(await found('第12号')).toEqual([b]);
    expect(await found('工维字')).toEqual([a, b].sort());
    expect(await found('第99号')).toEqual([]);
    // What people type instead: half-width or other brackets, no brackets, no 第 or 号, full-width digits, spaces.
    const variants = {
      '(2026)浙0106工维字第12号': [b],
      '【2026】浙0106工维字第12号': [b],
      '2026浙0106工维字第12号': [b],
      '〔2026〕浙0106工维字12号': [b],
      '〔2026〕浙0106工维字第12': [b],
      '[2026]浙0106工维字12': [b],
      '2026 浙0106 工维字 12': [b],
      浙0106工维字１２号: [b],
      工维字第1号: [a],
      工维字1: [a, b].sort(),
      工维字1号: [a],
      '2026浙0106工维字12号': [b],
      '2026浙0106': [a, b].sort(),
      '[2025]浙0106工维字第12号': [],
    } as const;
    for (const [typed, expected] of Object.entries(variants)) expect(await found(typed), typed).toEqual(expected);
    // The list shows the number beside each case.
    const listed = (await ask('/api/cases')).cases as { caseId: string; caseNumber: string | null }[];
    expect(Object.fromEntries(listed.map((c) => [c.caseId, c.caseNumber]))).toEqual({ [a]: numbered[0][1], [b]: numbered[1][1], [old]: null });
  });

  it('given a deadline on a numbered case and one on an unnumbered case, when the deadline tracker lists them, then each names its case by 案号 (null before numbering)', async () => {
    const fx = await hubFixture();
    const [numbered, old] = [id(), id()];
    await fx.act('union', numbered, openCase(numbered));
    await fx.record('union', `case-${numbered}`, [
      { type: 'CaseNumberAssigned', data: { caseId: numbered, caseNumber: '〔2026〕浙0106工维字第3号', issuer: 'union', year: 2026, sequence: 3 } },
    ]);
    await fx.act('union', old, openCase(old));
    for (const caseId of [numbered, old]) {
      await fx.act('union', caseId, cmd('TransferLead', { leadId: id(), to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
    }
    await fx.settle();
    const res = await fx.request('GET', '/api/deadlines?agency=procuratorate', await fx.token('procuratorate', ['liaison']));
    expect(res.status).toBe(200);
    const byCase = Object.fromEntries((res.body.deadlines as { caseId: string; caseNumber: string | null }[]).map((d) => [d.caseId, d.caseNumber]));
    expect(byCase).toEqual({ [numbered]: '〔2026〕浙0106工维字第3号', [old]: null });
  });

  it('given a joint meeting on a numbered and an unnumbered case, when any agency reads it, then it names each case by 案号 (null before numbering), also to an agency taking no part in the cases', async () => {
    const fx = await hubFixture();
    const [numbered, old, meetingId] = [id(), id(), id()];
    await fx.act('union', numbered, openCase(numbered));
    await fx.record('union', `case-${numbered}`, [
      { type: 'CaseNumberAssigned', data: { caseId: numbered, caseNumber: '〔2026〕浙0106工维字第7号', issuer: 'union', year: 2026, sequence: 7 } },
    ]);
    await fx.act('union', old, openCase(old));
    await fx.record('union', meetingStream(meetingId), [
      {
        type: 'JointMeetingScheduled',
        data: { meetingId, hostAgency: 'union', title: '联席会议', scheduledFor: '2026-03-10T02:00:00.000Z', agenda: '审议整改清单', caseIds: [numbered, old] },
      },
    ]);
    await fx.settle();
    // The court takes part in neither case, yet reads the meeting and the numbers it names.
    const res = await fx.request('GET', `/api/meetings/${meetingId}`, await fx.token('court', ['liaison']));
    expect(res.status).toBe(200);
    expect(res.body.meeting.caseNumbers).toEqual({ [numbered]: '〔2026〕浙0106工维字第7号', [old]: null });
    expect((await fx.request('GET', `/api/cases/${numbered}`, await fx.token('court', ['liaison']))).status).toBe(404);
  });

  it('given acts recorded late on a numbered and an unnumbered case, when an auditor lists late acts across cases, then each names its case by 案号', async () => {
    const fx = await hubFixture();
    const [numbered, old] = [id(), id()];
    await fx.act('union', numbered, openCase(numbered));
    await fx.record('union', `case-${numbered}`, [
      { type: 'CaseNumberAssigned', data: { caseId: numbered, caseNumber: '〔2026〕浙0106工维字第8号', issuer: 'union', year: 2026, sequence: 8 } },
    ]);
    await fx.act('union', old, openCase(old));
    fx.advance(5 * 3_600_000);
    const happened = new Date(T0.getTime() + 3_600_000);
    for (const caseId of [numbered, old]) {
      await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: happened });
    }
    await fx.settle();
    const res = await fx.request('GET', '/api/audit/late-acts', await fx.token('court', ['auditor']));
    expect(res.status).toBe(200);
    const byCase = Object.fromEntries((res.body.events as { subjectId: string; caseNumber: string | null }[]).map((e) => [e.subjectId, e.caseNumber]));
    expect(byCase).toEqual({ [numbered]: '〔2026〕浙0106工维字第8号', [old]: null });
  });
});
