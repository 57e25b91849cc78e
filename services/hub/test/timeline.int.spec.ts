import { describe, expect, it } from 'vitest';
import { cmd, id, openCase } from './support/cases.js';
import { hubFixture, sealed } from './support/fixture.js';

describe('timeline read model and GET /api/cases/:caseId/timeline', () => {
  it('shows every event of the case in order, with actor, labels and masked personal data, to the parties only', async () => {
    const fx = await hubFixture();
    const caseId = id();
    const leadId = id();
    await fx.act('union', caseId, openCase(caseId, { workers: [{ workerId: id(), name: sealed(), phone: sealed() }], workerCount: 1 }));
    await fx.act('union', caseId, cmd('TransferLead', { leadId, to: 'procuratorate', summary: '疑似欠薪', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
    await fx.act('procuratorate', caseId, cmd('AcceptLead', { leadId }));

    const union = await fx.token('union');
    const res = await fx.request('GET', `/api/cases/${caseId}/timeline`, union);
    expect(res.status).toBe(200);
    expect(res.body.upToDate).toBe(true);
    const events = res.body.events as any[];
    expect(events.map((e) => e.type)).toEqual(['CaseOpened', 'LeadTransferred', 'LeadAccepted']);
    expect(events.map((e) => e.revision)).toEqual(['0', '1', '2']);
    expect(events[0]).toMatchObject({
      kind: 'case',
      subjectId: caseId,
      agency: 'union',
      label: { zh: '案件登记', en: 'Case opened' },
      user: { id: 'union-liaison', name: 'union 联络员' },
      prevHash: null,
    });
    expect(events[1].prevHash).toBe(events[0].hash);
    // The worker's encrypted name and phone are masked; no ciphertext reaches the page.
    expect(events[0].data.workers[0]).toMatchObject({ name: '***', phone: '***' });
    expect(JSON.stringify(events)).not.toContain('A256GCM');
    expect(events[2]).toMatchObject({ agency: 'procuratorate', data: { leadId, acceptedBy: 'procuratorate' } });

    const after = await fx.request('GET', `/api/cases/${caseId}/timeline?after=${events[0].position}`, union);
    expect(after.body.events.map((e: any) => e.type)).toEqual(['LeadTransferred', 'LeadAccepted']);

    // The court takes no part: the same 404 as for a case that does not exist. An auditor of the court sees it.
    expect((await fx.request('GET', `/api/cases/${caseId}/timeline`, await fx.token('court'))).status).toBe(404);
    expect((await fx.request('GET', `/api/cases/${id()}/timeline`, union)).status).toBe(404);
    expect((await fx.request('GET', `/api/cases/${caseId}/timeline`, await fx.token('court', ['auditor']))).status).toBe(200);
    expect((await fx.request('GET', `/api/cases/${caseId}/timeline`)).status).toBe(401);
    expect((await fx.request('GET', `/api/cases/not-a-uuid/timeline`, union)).status).toBe(400);
  });
});

describe('the hub as a service', () => {
  it('documents its routes at /openapi.json and reports the live feed on /metrics', async () => {
    const fx = await hubFixture();
    const doc = (await fx.request('GET', '/openapi.json')).body;
    for (const path of [
      '/api/cases/{caseId}/timeline',
      '/api/cases/{caseId}/verify',
      '/api/rectifications',
      '/api/meetings',
      '/api/reports/monthly',
      '/api/admin/rebuild',
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    const metrics = (await fx.request('GET', '/metrics')).body as string;
    expect(metrics).toMatch(/^hub_live_clients 0$/m);
    expect(metrics).toMatch(/^hub_live_events_sent 0$/m);
  });
});
