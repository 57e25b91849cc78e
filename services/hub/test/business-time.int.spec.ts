import { describe, expect, it } from 'vitest';
import { verifyExport } from '../verifier/verify-audit.mjs';
import { deadlines, feedback, monthly } from './reports/steps.js';
import { cmd, id, openCase } from './support/cases.js';
import { hubFixture, T0 } from './support/fixture.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

describe('business time at the hub (issue 13.4) and machine acts (issue 13.8)', () => {
  it('the timeline carries both times, marks an act recorded over an hour late, and says which acts came through an API key', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId), { viaApiKey: true, occurredAt: T0 });
    fx.advance(5 * HOUR);
    // A phone call at T0 + 1 h, recorded four hours later (补录).
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: at(1) });
    // Recorded half an hour after it happened: not late.
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'sms', summary: '短信告知' }), { occurredAt: at(4.5) });
    await fx.settle();
    const res = await fx.request('GET', `/api/cases/${caseId}/timeline`, await fx.token('union'));
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: any) => [e.type, e.occurredAt, e.recordedAt, e.recordedLate, e.via])).toEqual([
      ['CaseOpened', T0.toISOString(), T0.toISOString(), false, 'api_key'],
      ['WorkerFeedbackGiven', at(1).toISOString(), at(5).toISOString(), true, null],
      ['WorkerFeedbackGiven', at(4.5).toISOString(), at(5).toISOString(), false, null],
    ]);
  });

  it('auditors list the acts recorded late, longest delay first; others only on cases they take part in', async () => {
    const fx = await hubFixture();
    const [c1, c2] = [id(), id()];
    await fx.act('union', c1, openCase(c1));
    await fx.act('procuratorate', c2, openCase(c2));
    fx.advance(10 * HOUR);
    await fx.act('union', c1, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: at(2) }); // 8 h late
    await fx.act('procuratorate', c2, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: at(7) }); // 3 h late
    await fx.act('union', c1, cmd('GiveWorkerFeedback', { channel: 'sms', summary: '短信告知' })); // recorded as it happened
    await fx.settle();
    const auditor = await fx.token('court', ['auditor']);
    const all = await fx.request('GET', '/api/audit/late-acts', auditor);
    expect(all.status).toBe(200);
    expect(all.body.events.map((e: any) => [e.subjectId, e.delayMs])).toEqual([
      [c1, 8 * HOUR],
      [c2, 3 * HOUR],
    ]);
    expect(all.body.more).toBe(false);
    const longer = await fx.request('GET', '/api/audit/late-acts?minDelayMinutes=240', auditor);
    expect(longer.body.events.map((e: any) => e.subjectId)).toEqual([c1]);
    const union = await fx.request('GET', '/api/audit/late-acts', await fx.token('union'));
    expect(union.body.events.map((e: any) => e.subjectId)).toEqual([c1]);
    expect((await fx.request('GET', '/api/audit/late-acts?minDelayMinutes=5', auditor)).status).toBe(400);
  });

  it('replays a case as of a moment by when acts were recorded or by when they happened', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    fx.advance(6 * HOUR);
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: at(1) });
    const auditor = await fx.token('court', ['auditor']);
    const moment = encodeURIComponent(at(3).toISOString());
    const recorded = await fx.request('GET', `/api/cases/${caseId}/state?at=${moment}&by=recorded`, auditor);
    expect(recorded.body).toMatchObject({ by: 'recorded', included: 1, asOf: { revision: '0' }, state: { workerFeedback: { given: false } } });
    const occurred = await fx.request('GET', `/api/cases/${caseId}/state?at=${moment}&by=occurred`, auditor);
    expect(occurred.body).toMatchObject({
      by: 'occurred',
      included: 2,
      asOf: { revision: '1', occurredAt: at(1).toISOString() },
      state: { workerFeedback: { given: true } },
    });
    expect((await fx.request('GET', `/api/cases/${caseId}/state?by=occurred`, auditor)).status).toBe(400);
    const history = await fx.request('GET', `/api/cases/${caseId}/history`, auditor);
    expect(history.body.steps.map((s: any) => s.delayMs)).toEqual([0, 5 * HOUR]);
  });

  it('judges "met on time" in the monthly report by when the act happened, however late it was recorded', async () => {
    const fx = await hubFixture(); // T0 = 2026-03-02T02:00Z; worker feedback due 24 h later
    const [onTime, late] = [id(), id()];
    await fx.act('union', onTime, openCase(onTime));
    await fx.act('union', late, openCase(late));
    fx.advance(30 * HOUR);
    // Both recorded 30 h after opening: one call took place 20 h in (on time), the other is given now.
    await fx.act('union', onTime, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: at(20) });
    await feedback(fx, 'union', late);
    await fx.settle();
    expect(deadlines(await monthly(fx, '2026-03'))['worker_feedback']).toEqual([2, 1, 1, 0]);
    // The deadline tracker says the same per deadline.
    const met = async (caseId: string) => {
      const res = await fx.request('GET', `/api/deadlines?caseId=${caseId}&status=met`, await fx.token('union'));
      expect(res.status).toBe(200);
      return res.body.deadlines.map((d: any) => [d.kind, d.metAt, d.late]);
    };
    expect(await met(onTime)).toEqual([['worker_feedback', at(20).toISOString(), false]]);
    expect(await met(late)).toEqual([['worker_feedback', at(30).toISOString(), true]]);
  });

  it('an export carries both times and the machine mark, and the offline verifier checks occurredAt under the signatures', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId), { viaApiKey: true, occurredAt: T0 });
    fx.advance(5 * HOUR);
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '电话告知' }), { occurredAt: at(1) });
    await fx.settle();
    const auditor = await fx.token('court', ['auditor']);
    const csv = (await fx.request('GET', `/api/cases/${caseId}/export?format=csv`, auditor)).body as string;
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    // 案号, position, revision, recorded, occurred, 补录 — then agency and user.
    expect(lines[1]).toMatch(/^未编号案件,\d+,0,2026年3月2日 10:00,2026年3月2日 10:00,,工会,系统接口·12351平台,/);
    expect(lines[2]).toMatch(/^未编号案件,\d+,1,2026年3月2日 15:00,2026年3月2日 11:00,补录（晚 4小时）,工会,union 联络员,/);

    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    expect(doc.events[1].metadata.occurredAt).toBe(at(1).toISOString());
    const pinned = { pinned: fx.hub.keys.trusted('events') };
    expect(verifyExport(doc, pinned)).toMatchObject({ usable: true, ok: true });
    const edited = structuredClone(doc);
    edited.events[1].metadata.occurredAt = at(4.5).toISOString();
    const result = verifyExport(edited, pinned) as any;
    expect(result.ok).toBe(false);
    expect(result.checks.flatMap((c: any) => c.problems.map((p: any) => `${c.id}:${p.kind}@${p.revision}`))).toContain('chain:hash-mismatch@1');
  });
});
