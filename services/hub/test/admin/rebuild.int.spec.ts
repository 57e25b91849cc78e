import { describe, expect, it } from 'vitest';
import { TIMELINE } from '../../src/read-models/timeline/index.js';
import { cmd, id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';

/** The NDJSON answer's lines; an answer of one line (a rebuild refused at once) comes back parsed by fx.request. */
const lines = (body: unknown): Record<string, any>[] =>
  typeof body === 'string'
    ? body
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, any>)
    : [body as Record<string, any>];

describe('POST /api/admin/rebuild', () => {
  it('rebuilds a read model from the start while the hub keeps serving, streaming progress, then serves the rebuilt one', async () => {
    const fx = await hubFixture();
    const caseIds = [id(), id(), id()];
    for (const caseId of caseIds) {
      await fx.act('union', caseId, openCase(caseId));
      await fx.act('union', caseId, cmd('TransferLead', { leadId: id(), to: 'court', summary: '移送', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
    }
    await fx.settle();
    const oldFile = fx.hub.projections.readModel(TIMELINE).path;
    const admin = await fx.token('union', ['admin']);

    const res = await fx.request('POST', '/api/admin/rebuild', admin, { projections: [TIMELINE] });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const reports = lines(res.body as string);
    const last = reports.at(-1)!;
    expect(last['done']).toBe(true);
    expect(last['progress']).toEqual([expect.objectContaining({ projection: TIMELINE, done: true, fraction: 1 })]);
    // Every stored event was read again (keys, signatures and case events alike).
    expect(last['progress'][0].eventsDone).toBe(Number(await fx.store.headPosition()));
    expect(fx.hub.projections.readModel(TIMELINE).path).not.toBe(oldFile);

    const timeline = await fx.request('GET', `/api/cases/${caseIds[1]}/timeline`, await fx.token('union'));
    expect(timeline.body.events.map((e: any) => e.type)).toEqual(['CaseOpened', 'LeadTransferred']);
    const status = await fx.request('GET', '/api/admin/projections', admin);
    expect(status.body.projections.find((p: any) => p.name === TIMELINE)).toMatchObject({ state: 'live', rebuild: null });
  });

  it('is for admins only, and names the read models there are when asked for one that is not', async () => {
    const fx = await hubFixture();
    expect((await fx.request('POST', '/api/admin/rebuild', await fx.token('union', ['liaison']), {})).status).toBe(403);
    const res = await fx.request('POST', '/api/admin/rebuild', await fx.token('court', ['admin']), { projections: ['nope'] });
    expect(res.status).toBe(400);
    expect(res.body.detailEn).toContain('nope');
    expect(res.body.detailEn).toContain(TIMELINE);
  });
});

describe('POST /api/admin/rebuild, on a worker thread (HubOptions.storeUrl)', () => {
  it('rebuilds every read model off the serving thread and then answers exactly as before, an act recorded meanwhile included', async () => {
    const fx = await hubFixture({ rebuildOnThread: true });
    const caseIds = Array.from({ length: 12 }, () => id());
    for (const caseId of caseIds) {
      await fx.act('union', caseId, openCase(caseId));
      await fx.act('union', caseId, cmd('TransferLead', { leadId: id(), to: 'court', summary: '移送', feedbackDueAt: '2026-03-20T02:00:00.000Z' }));
    }
    await fx.settle();
    const union = await fx.token('union');
    const before = await Promise.all([fx.request('GET', '/api/cases', union), fx.request('GET', `/api/cases/${caseIds[3]}/timeline`, union)]);
    const files = fx.hub.projections.readModel(TIMELINE).path;
    const admin = await fx.token('union', ['admin']);

    const rebuilding = fx.request('POST', '/api/admin/rebuild', admin, {});
    const late = id();
    await fx.act('union', late, openCase(late));
    const reports = lines((await rebuilding).body as string);
    const last = reports.at(-1)!;
    expect(last['done']).toBe(true);
    expect(last['progress'].map((p: any) => p.projection).sort()).toEqual(
      (await fx.request('GET', '/api/admin/projections', admin)).body.projections.map((p: any) => p.name).sort(),
    );
    expect(fx.hub.projections.readModel(TIMELINE).path).not.toBe(files);
    await fx.settle();

    const after = await Promise.all([fx.request('GET', '/api/cases', union), fx.request('GET', `/api/cases/${caseIds[3]}/timeline`, union)]);
    expect(after[1].body).toEqual(before[1].body);
    expect(after[0].body.total).toBe(before[0].body.total + 1);
    expect(after[0].body.cases.map((c: any) => c.caseId).sort()).toEqual([...caseIds, late].sort());
    const status = await fx.request('GET', '/api/admin/projections', admin);
    expect(status.body.projections.every((p: any) => p.state === 'live' && p.rebuild === null)).toBe(true);
  });
});

describe('POST /api/admin/rebuild, when asked twice or in parallel', () => {
  it('rebuilds a model named twice once, and answers a rebuild already running with an error line, leaving the hub up', async () => {
    const fx = await hubFixture();
    for (let i = 0; i < 20; i++) {
      const caseId = id();
      await fx.act('union', caseId, openCase(caseId));
    }
    await fx.settle();
    const admin = await fx.token('union', ['admin']);
    const twice = await fx.request('POST', '/api/admin/rebuild', admin, { projections: [TIMELINE, TIMELINE] });
    const last = lines(twice.body as string).at(-1)!;
    expect(last['done']).toBe(true);
    expect(last['progress']).toHaveLength(1);

    const [a, b] = await Promise.all([
      fx.request('POST', '/api/admin/rebuild', admin, { projections: [TIMELINE] }),
      fx.request('POST', '/api/admin/rebuild', admin, { projections: ['cases', TIMELINE] }),
    ]);
    const ends = [lines(a.body as string).at(-1)!, lines(b.body as string).at(-1)!];
    expect(ends.filter((l) => l['done'] === true).length).toBeGreaterThanOrEqual(1);
    for (const end of ends.filter((l) => l['error'] !== undefined)) expect(end['error']).toContain(TIMELINE);
    expect((await fx.request('GET', '/health')).status).toBe(200);
  });

  it('refuses an after position beyond 64 bits, and dates outside 1900-2199, with 400', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    const token = await fx.token('union');
    expect((await fx.request('GET', `/api/cases/${caseId}/timeline?after=9223372036854775808`, token)).status).toBe(400);
    expect((await fx.request('GET', `/api/cases/${caseId}/timeline?after=9223372036854775807`, token)).status).toBe(200);
    expect((await fx.request('GET', '/api/cases?openedTo=9999-12-31', token)).status).toBe(400);
    expect((await fx.request('GET', '/api/cases?openedFrom=0050-01-01', token)).status).toBe(400);
    expect((await fx.request('GET', '/api/meetings?to=9999-12-31', token)).status).toBe(400);
  });
});
