import { randomUUID } from 'node:crypto';
import type { EventStore, ReadStreamOptions, RecordedEvent } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { env, inDays, openCaseBody, streamOf } from './support.js';

/**
 * The store, except that reads of `stream` wait, once armed, until `parties` readers have read
 * it: both commands then decide on the same revision, so the race is certain, not likely.
 */
function rendezvous(store: EventStore, stream: string, parties: number): { store: EventStore; arm(): void } {
  let armed = false;
  let arrived = 0;
  let release: () => void = () => undefined;
  let gate = Promise.resolve();
  const readStream = async function* (name: string, options?: ReadStreamOptions): AsyncGenerator<RecordedEvent> {
    const events: RecordedEvent[] = [];
    for await (const event of store.readStream(name, options)) events.push(event);
    if (armed && name === stream) {
      if (++arrived === parties) {
        armed = false;
        release();
      }
      await gate;
    }
    yield* events;
  };
  const proxy = new Proxy(store, {
    get(target, key) {
      if (key === 'readStream') return readStream;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return {
    store: proxy,
    arm() {
      armed = true;
      arrived = 0;
      gate = new Promise((resolve) => {
        release = resolve;
      });
    },
  };
}

describe('concurrency', () => {
  it('lets one of two concurrent commands on a case through and answers the other 409 concurrency', async () => {
    const e = env();
    const plain = await e.boot('union');
    const api = await plain.as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const race = rendezvous(e.store, `case-${caseId}`, 2);
    const racing = await e.boot('union', { store: race.store });
    const liaison = await racing.as(['liaison']);
    race.arm();
    const results = await Promise.all(
      [1, 2].map((n) => liaison('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: `第${n}次反馈` })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(results.find((r) => r.status === 409)!.body.ruleId).toBe('concurrency');
    expect(await streamOf(e.store, caseId)).toHaveLength(3);
  });
});

describe('inbox', () => {
  it('shows a lead another service sent, its feedback deadline, and the cases this agency takes part in', async () => {
    const e = env();
    // Monday 10:00 in Shanghai: worker feedback falls due tomorrow, the lead in two days.
    const T0 = new Date('2026-03-02T02:00:00.000Z');
    const clock = () => T0;
    const union = await e.boot('union', { clock });
    const procuratorate = await e.boot('procuratorate', { clock });
    const unionApi = await union.as(['liaison']);
    const procApi = await procuratorate.as(['liaison']);
    const { caseId } = (await unionApi('POST', '/api/cases', openCaseBody())).body;
    const leadId = randomUUID();
    const dueAt = new Date(T0.getTime() + 2 * 86_400_000).toISOString();
    await unionApi('POST', `/api/cases/${caseId}/transfer-lead`, { leadId, to: 'procuratorate', summary: '涉嫌拒不支付劳动报酬', feedbackDueAt: dueAt });

    const inbox = await procApi('GET', '/api/inbox');
    expect(inbox.status).toBe(200);
    expect(inbox.body.upToDate).toBe(true);
    expect(inbox.body.leads).toEqual([
      expect.objectContaining({ caseId, leadId, from: 'union', to: 'procuratorate', status: 'pending', feedback: 'due_soon', feedbackDueAt: dueAt }),
    ]);
    expect(inbox.body.deadlines).toEqual([expect.objectContaining({ caseId, kind: 'lead_feedback', ref: leadId, status: 'due_soon' })]);
    expect(inbox.body.cases).toEqual([
      expect.objectContaining({ caseId, reasons: ['lead_received'], status: 'open', openedBy: 'union', category: 'wage_arrears' }),
    ]);

    expect((await procApi('POST', `/api/cases/${caseId}/accept-lead`, { leadId })).status).toBe(200);
    const accepted = (await procApi('GET', '/api/inbox')).body;
    expect(accepted.leads[0]).toMatchObject({ status: 'accepted', feedback: 'due_soon' });
    expect(accepted.cases[0].reasons).toEqual(['lead_received', 'recorded']);

    const unionInbox = (await unionApi('GET', '/api/inbox')).body;
    expect(unionInbox.leads).toEqual([]);
    expect(unionInbox.leadsSent).toEqual([expect.objectContaining({ leadId, status: 'accepted' })]);
    expect(unionInbox.deadlines).toEqual([expect.objectContaining({ caseId, kind: 'worker_feedback', dueAt: '2026-03-03T02:00:00.000Z', status: 'due_soon' })]);
  });

  it('rebuilds its inbox from the store in a fresh data directory', async () => {
    const e = env();
    const union = await e.boot('union');
    const api = await union.as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    await api('POST', `/api/cases/${caseId}/transfer-lead`, { leadId: randomUUID(), to: 'court', summary: '移送法院', feedbackDueAt: inDays(30) });
    const court = await e.boot('court');
    const inbox = (await (await court.as(['liaison']))('GET', '/api/inbox')).body;
    expect(inbox.leads).toEqual([expect.objectContaining({ caseId, status: 'pending', feedback: 'pending' })]);
  });
  it('filters, sorts and pages the leads sent to it by status, feedback deadline, sender and transfer date, in SQL; unknown parameters give 400', async () => {
    const e = env();
    // Monday 10:00 in Shanghai.
    const T0 = new Date('2026-03-02T02:00:00.000Z');
    const clock = () => T0;
    const union = await e.boot('union', { clock });
    const procuratorate = await e.boot('procuratorate', { clock });
    const unionApi = await union.as(['liaison']);
    const procApi = await procuratorate.as(['liaison']);
    const { caseId } = (await unionApi('POST', '/api/cases', openCaseBody())).body;
    const [soon, later, declined] = [randomUUID(), randomUUID(), randomUUID()];
    const transfer = (leadId: string, summary: string, days: number) =>
      unionApi('POST', `/api/cases/${caseId}/transfer-lead`, {
        leadId,
        to: 'procuratorate',
        summary,
        feedbackDueAt: new Date(T0.getTime() + days * 86_400_000).toISOString(),
      });
    await transfer(soon, '甲：涉嫌拒不支付劳动报酬', 2);
    await transfer(later, '乙：疑似违法分包', 30);
    await transfer(declined, '丙：不属管辖', 10);
    expect((await procApi('POST', `/api/cases/${caseId}/accept-lead`, { leadId: soon })).status).toBe(200);
    expect((await procApi('POST', `/api/cases/${caseId}/decline-lead`, { leadId: declined, reason: '不属于本院管辖' })).status).toBe(200);

    const leads = async (query: string) => {
      const res = await procApi('GET', `/api/inbox${query}`);
      expect(res.status, query).toBe(200);
      return [res.body.leadsTotal, res.body.leads.map((l: { leadId: string }) => l.leadId)];
    };
    // By default every lead, by feedback due date, as before.
    expect(await leads('')).toEqual([3, [soon, declined, later]]);
    expect(await leads('?leadStatus=open')).toEqual([2, [soon, later]]);
    expect(await leads('?leadStatus=pending')).toEqual([1, [later]]);
    expect(await leads('?leadStatus=feedback_owed')).toEqual([1, [soon]]);
    expect(await leads('?leadStatus=closed')).toEqual([1, [declined]]);
    // Waiting to be accepted first, then by due date.
    expect(await leads('?leadSort=status')).toEqual([3, [later, soon, declined]]);
    expect(await leads('?leadSort=status&leadDir=desc')).toEqual([3, [declined, soon, later]]);
    expect(await leads('?leadSort=summary')).toEqual([3, [declined, later, soon]]); // 丙 < 乙 < 甲 in code points
    expect(await leads('?leadSort=feedbackDueAt&leadDir=desc')).toEqual([3, [later, declined, soon]]);
    // Where the feedback deadline stands: only leads still owing feedback.
    expect(await leads('?leadDeadline=due_soon')).toEqual([1, [soon]]);
    expect(await leads('?leadDeadline=pending')).toEqual([1, [later]]);
    expect(await leads('?leadDeadline=overdue')).toEqual([0, []]);
    expect(await leads('?sender=union&leadStatus=open')).toEqual([2, [soon, later]]);
    expect(await leads('?sender=court')).toEqual([0, []]);
    // Paged: the total is the filter's.
    expect(await leads('?leadLimit=1&leadOffset=1')).toEqual([3, [declined]]);
    expect(await leads('?leadSort=status&leadLimit=2')).toEqual([3, [later, soon]]);
    // Transfer dates are Shanghai days, both inclusive.
    const transferredAt = (await procApi('GET', '/api/inbox')).body.leads[0].transferredAt as string;
    const day = (offset: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(new Date(transferredAt).getTime() + offset * 86_400_000));
    expect(await leads(`?transferredFrom=${day(0)}&transferredTo=${day(0)}`)).toEqual([3, [soon, declined, later]]);
    expect(await leads(`?transferredFrom=${day(1)}`)).toEqual([0, []]);
    expect(await leads(`?transferredTo=${day(-1)}`)).toEqual([0, []]);

    // Only the parts asked for; the others are empty (the agency's whole board is megabytes on a year's store).
    const parts = (await procApi('GET', '/api/inbox?parts=leads,mine&leadStatus=open')).body;
    expect([parts.leads.length, parts.leadsTotal, parts.deadlines, parts.cases, parts.leadsSent]).toEqual([2, 2, [], [], []]);
    expect(parts.mine).toEqual({ cases: [], deadlines: [] });
    const whole = (await procApi('GET', '/api/inbox')).body;
    expect(whole.deadlines.length).toBeGreaterThan(0);
    expect(whole.cases.length).toBeGreaterThan(0);

    for (const bad of [
      'parts=',
      'parts=leads,everything',
      'bogus=1',
      'leadSort=lead_id',
      'leadDir=up',
      'leadLimit=0',
      'leadLimit=501',
      'leadOffset=-1',
      'leadStatus=any',
      'leadDeadline=late',
      'sender=police',
      'transferredFrom=2026-13-01',
      `transferredFrom=${day(1)}&transferredTo=${day(0)}`,
    ]) {
      const res = await procApi('GET', `/api/inbox?${bad}`);
      expect(res.status, bad).toBe(400);
    }
  });
});
