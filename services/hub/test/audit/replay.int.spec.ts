import { caseEventOf, caseStream, evolve, initialState, type CaseState } from '@hub/case-domain';
import type { RecordedEvent } from '@hub/event-store';
import { describe, expect, it } from 'vitest';
import { maskData } from '../../src/index.js';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { caseWithHistory } from './support.js';

async function stored(fx: HubFixture, caseId: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of fx.store.readStream(caseStream(caseId))) out.push(e);
  return out;
}

/** The reference: the domain's evolve over the first `count` stored events, masked, as JSON would carry it. */
function expectedState(events: readonly RecordedEvent[], count: number): unknown {
  let state: CaseState = initialState;
  for (const e of events.slice(0, count)) {
    const event = caseEventOf(e);
    if (event) state = evolve(state, event);
  }
  return JSON.parse(JSON.stringify(maskData(state)));
}

describe('replay: GET /api/cases/:caseId/state and /history', () => {
  it('says of each deadline as of the step whether it was met, and when met after it was due, late (逾期完成)', async () => {
    const fx = await hubFixture();
    const HOUR = 3_600_000;
    const caseId = id();
    const [itemId, leadId] = [id(), id()];
    const t0 = fx.now().getTime();
    await fx.act('union', caseId, openCase(caseId)); // worker feedback due in 24 h
    await fx.act(
      'union',
      caseId,
      cmd('OrderRectification', {
        rectificationId: id(),
        items: [
          { itemId, description: '补发拖欠工资', deadline: new Date(t0 + 48 * HOUR).toISOString(), responsibleParty: { kind: 'enterprise', name: '某公司' } },
        ],
      }),
    );
    await fx.act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '移送', feedbackDueAt: new Date(t0 + 72 * HOUR).toISOString() }));
    fx.advance(2 * HOUR);
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已告知' })); // on time
    fx.advance(4 * 24 * HOUR);
    await fx.act('union', caseId, cmd('ReportRectificationItem', { itemId, summary: '已补发' })); // a day and more late
    await fx.act('procuratorate', caseId, cmd('AcceptLead', { leadId }));
    await fx.act('procuratorate', caseId, cmd('GiveLeadFeedback', { leadId, summary: '已审查' })); // late
    const auditor = await fx.token('court', ['auditor']);
    const at = async (q: string) => {
      const res = await fx.request('GET', `/api/cases/${caseId}/state?${q}`, auditor);
      expect(res.status).toBe(200);
      return Object.fromEntries((res.body.deadlines as { kind: string; met: boolean; late: boolean }[]).map((d) => [d.kind, [d.met, d.late]]));
    };
    expect(await at('revision=2')).toEqual({ worker_feedback: [false, false], rectification_item: [false, false], lead_feedback: [false, false] });
    expect(await at('revision=3')).toEqual({ worker_feedback: [true, false], rectification_item: [false, false], lead_feedback: [false, false] });
    expect(await at('revision=4')).toEqual({ worker_feedback: [true, false], rectification_item: [true, true], lead_feedback: [false, false] });
    const latest = await fx.request('GET', `/api/cases/${caseId}/state`, auditor);
    expect(latest.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: 'lead_feedback', ref: leadId, met: true, late: true, metAt: fx.now().toISOString() }),
    );
    expect(latest.body.deadlines).toContainEqual(
      expect.objectContaining({ kind: 'worker_feedback', ref: caseId, met: true, late: false, metAt: new Date(t0 + 2 * HOUR).toISOString() }),
    );
  });

  it("rebuilds the state as of every revision with the domain's evolve, and steps back and forth", async () => {
    const fx = await hubFixture();
    const { caseId, leadId } = await caseWithHistory(fx);
    const events = await stored(fx, caseId);
    expect(events).toHaveLength(5);
    const auditor = await fx.token('court', ['auditor']);

    for (const e of events) {
      const res = await fx.request('GET', `/api/cases/${caseId}/state?revision=${e.revision}`, auditor);
      expect(res.status).toBe(200);
      const n = Number(e.revision);
      expect(res.body.state).toEqual(expectedState(events, n + 1));
      // Events without occurredAt (as before issue 13.4) happened when they were recorded.
      expect(res.body.asOf).toEqual({
        revision: String(n),
        position: e.position.toString(),
        recordedAt: e.metadata.recordedAt,
        occurredAt: e.metadata.recordedAt,
      });
      expect(res.body.event).toMatchObject({ revision: String(n), type: e.type, hash: e.metadata.hash, subjectId: caseId });
      expect(res.body.previousRevision).toBe(n === 0 ? null : String(n - 1));
      expect(res.body.nextRevision).toBe(n === 4 ? null : String(n + 1));
    }
    // The domain's meaning, not only equality with the reference: the lead moves through its states.
    const at = async (q: string) => (await fx.request('GET', `/api/cases/${caseId}/state?${q}`, auditor)).body;
    expect((await at('revision=1')).state.leads).toEqual({});
    expect((await at('revision=2')).state.leads[leadId]).toMatchObject({ status: 'transferred', feedbackGiven: false });
    expect((await at('revision=3')).state.leads[leadId]).toMatchObject({ status: 'accepted', feedbackGiven: false });
    expect((await at('revision=4')).state.leads[leadId]).toMatchObject({ status: 'accepted', feedbackGiven: true });
    // Personal data: masked, no ciphertext.
    const first = await at('revision=0');
    expect(JSON.stringify(first)).not.toContain('A256GCM');
    expect(first.event.data.workers[0]).toMatchObject({ name: '***', phone: '***' });

    // No selector: the latest.
    const latest = await at('');
    expect(latest.asOf.revision).toBe('4');
    expect(latest.state).toEqual(expectedState(events, 5));
  });

  it('answers as of a global position and as of a time, taking the prefix up to that moment', async () => {
    // Signed in EventsSigned records (as before issue 12.2), so other streams' events sit between the case's.
    const fx = await hubFixture({ signing: 'events-signed' });
    const { caseId } = await caseWithHistory(fx);
    const events = await stored(fx, caseId);
    const union = await fx.token('union');
    const at = async (q: string) => (await fx.request('GET', `/api/cases/${caseId}/state?${q}`, union)).body;

    // Positions: the events' own, and one between two events of this case (other streams' events
    // — signatures — sit between them on the store).
    for (const e of events) expect((await at(`position=${e.position}`)).asOf.revision).toBe(e.revision.toString());
    const between = events[2]!.position + 1n;
    expect(between < events[3]!.position).toBe(true);
    expect((await at(`position=${between}`)).asOf.revision).toBe('2');
    expect((await at(`position=${events[0]!.position - 1n}`)).asOf).toBeNull();

    // Times: exactly an event's time includes it; a minute before the next leaves it out.
    const t = (e: RecordedEvent) => new Date(e.metadata.recordedAt).getTime();
    expect((await at(`at=${encodeURIComponent(events[3]!.metadata.recordedAt)}`)).asOf.revision).toBe('3');
    const beforeFourth = new Date(t(events[3]!) - 60_000).toISOString();
    const r = await at(`at=${beforeFourth}`);
    expect(r.asOf.revision).toBe('2');
    expect(r.state).toEqual(expectedState(events, 3));
    // With an offset, as people type it in Shanghai: the same instant.
    const shanghai = new Date(t(events[1]!) + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect((await at(`at=${encodeURIComponent(shanghai)}`)).asOf.revision).toBe('1');
    const before = await at(`at=${new Date(t(events[0]!) - 1).toISOString()}`);
    expect(before).toMatchObject({ asOf: null, event: null, state: { status: 'none' }, previousRevision: null, nextRevision: '0' });
  });

  it('lists every step for a slider, and refuses what it cannot answer', async () => {
    const fx = await hubFixture();
    const { caseId } = await caseWithHistory(fx);
    const events = await stored(fx, caseId);
    const union = await fx.token('union');
    const history = await fx.request('GET', `/api/cases/${caseId}/history`, union);
    expect(history.status).toBe(200);
    expect(history.body.steps).toEqual(
      events.map((e) => ({
        revision: e.revision.toString(),
        position: e.position.toString(),
        type: e.type,
        label: expect.objectContaining({ zh: expect.any(String), en: expect.any(String) }),
        recordedAt: e.metadata.recordedAt,
        occurredAt: e.metadata.recordedAt,
        delayMs: 0,
        agency: e.metadata['agency'],
      })),
    );
    expect(history.body.steps[0].label).toEqual({ zh: '案件登记', en: 'Case opened' });

    expect((await fx.request('GET', `/api/cases/${caseId}/state?revision=1&position=3`, union)).status).toBe(400);
    expect((await fx.request('GET', `/api/cases/${caseId}/state?at=yesterday`, union)).status).toBe(400);
    expect((await fx.request('GET', `/api/cases/${caseId}/state?revision=99`, union)).status).toBe(404);
    // The court takes no part: the same 404 as for no case at all; its auditor sees it.
    const court = await fx.token('court');
    expect((await fx.request('GET', `/api/cases/${caseId}/state`, court)).status).toBe(404);
    expect((await fx.request('GET', `/api/cases/${caseId}/history`, court)).status).toBe(404);
    expect((await fx.request('GET', `/api/cases/${id()}/history`, union)).status).toBe(404);
    expect((await fx.request('GET', `/api/cases/${caseId}/history`, await fx.token('court', ['auditor']))).status).toBe(200);
    expect((await fx.request('GET', `/api/cases/${caseId}/history`)).status).toBe(401);
  });
});
