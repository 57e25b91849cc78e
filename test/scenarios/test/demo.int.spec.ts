import { caseStream } from '@hub/agency-service';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock, loadDemo, openSqlite, startCluster, type Cluster, type DemoLoadResult, type OpenedStore } from '../src/index.js';

/** The demo data set, loaded through the four services into a fresh sqlite store. */
describe('the demo data set', () => {
  const clock = new ControllableClock();
  let opened: OpenedStore;
  let cluster: Cluster;
  let loaded: DemoLoadResult;
  const progress: number[] = [];

  beforeAll(async () => {
    opened = await openSqlite();
    cluster = await startCluster({ store: opened.store, clock: clock.now });
    loaded = await loadDemo(cluster.clients, { clock, login: cluster.login, onProgress: (p) => progress.push(p.done) });
  }, 120_000);
  afterAll(async () => {
    await cluster?.close();
    await opened?.dispose();
  });

  it('holds 12 cases, reporting progress per case, and leaves the clock live', async () => {
    expect(loaded).toMatchObject({ loaded: 12, skipped: 0 });
    expect(progress).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    const streams = new Set<string>();
    for await (const e of opened.store.readAll({ filter: { streamPrefix: 'case-' } })) streams.add(e.stream);
    expect(streams.size).toBe(12);
    expect(new Set(Object.values(loaded.caseIds)).size).toBe(12);
    expect(clock.isPinned).toBe(false);
  });

  it('has the worked example closed as rectified, every item verified', async () => {
    const view = await cluster.clients.union.getCase<{ status: string; closure?: { resolution: string }; items: Record<string, { status: string }> }>(
      loaded.caseIds['worked-example']!,
    );
    expect(view.status).toBe('closed');
    expect(view.closure?.resolution).toBe('rectified');
    expect(Object.values(view.items).map((i) => i.status)).toEqual(Array<string>(7).fill('verified'));
  });

  it('has a rectification list with an overdue item', async () => {
    const view = await cluster.clients.procuratorate.getCase<{ items: Record<string, unknown>; deadlines: { kind: string; status: string }[] }>(
      loaded.caseIds['procuratorial-rectification']!,
    );
    expect(Object.keys(view.items)).toHaveLength(3);
    expect(view.deadlines.filter((d) => d.kind === 'rectification_item' && d.status === 'overdue')).toHaveLength(1);
  });

  it("shows overdue worker feedback and lead feedback in the inboxes", async () => {
    type Inbox = { deadlines: { caseId: string; kind: string; status: string }[] };
    const union = await cluster.clients.union.inbox<Inbox>();
    const overdueFeedback = union.deadlines.filter((d) => d.kind === 'worker_feedback' && d.status === 'overdue').map((d) => d.caseId);
    expect(overdueFeedback).toContain(loaded.caseIds['feedback-overdue-hotline']);
    const hr = await cluster.clients.hr_bureau.inbox<Inbox>();
    expect(hr.deadlines).toContainEqual(expect.objectContaining({ caseId: loaded.caseIds['lead-feedback-overdue'], kind: 'lead_feedback', status: 'overdue' }));
  });

  it('has a held joint meeting whose decisions are on their cases, one scheduled ahead, and two employer warnings', async () => {
    const streams = async (prefix: string) => {
      const names = new Set<string>();
      for await (const e of opened.store.readAll({ filter: { streamPrefix: prefix } })) names.add(e.stream);
      return [...names];
    };
    const secretary = await cluster.login('union', 'secretary');
    const meetings = await Promise.all((await streams('meeting-')).map((s) => secretary.getMeeting<{ status: string; decisions: { caseId: string; decision: string; applied: boolean }[] }>(s.slice('meeting-'.length))));
    expect(meetings.map((m) => m.status).sort()).toEqual(['held', 'scheduled']);
    const held = meetings.find((m) => m.status === 'held')!;
    expect(held.decisions.map((d) => [d.caseId, d.decision, d.applied])).toEqual([
      [loaded.caseIds['procuratorial-rectification'], 'escalate', true],
      [loaded.caseIds['social-insurance-order'], 'extend', true],
    ]);
    const escalated = await secretary.getCase<{ items: Record<string, { escalated: boolean }> }>(loaded.caseIds['procuratorial-rectification']!);
    expect(Object.values(escalated.items).filter((i) => i.escalated)).toHaveLength(1);

    const union = cluster.clients.union;
    const warnings = await Promise.all((await streams('warning-')).map((s) => union.call<{ status: string; raised: { raisedBy: string } }>('GET', `/api/warnings/${s.slice('warning-'.length)}`)));
    expect(warnings.map((w) => `${w.raised.raisedBy}:${w.status}`).sort()).toEqual(['hr_bureau:raised', 'union:resolved']);
  });

  it('verifies every case, meeting and warning stream: hash chain and agency signatures', async () => {
    const keys = await readPublishedKeys(opened.store);
    const others = new Set<string>();
    for await (const e of opened.store.readAll()) if (/^(meeting|warning)-/.test(e.stream)) others.add(e.stream);
    for (const stream of [...Object.values(loaded.caseIds).map(caseStream), ...others]) {
      const report = await verifyStreamSignatures(opened.store, stream, keys);
      expect(report.problems, stream).toEqual([]);
      expect(report.ok, stream).toBe(true);
    }
  });

  it('loads nothing twice', async () => {
    const head = await opened.store.headPosition();
    const again = await loadDemo(cluster.clients, { clock, login: cluster.login });
    expect(again).toMatchObject({ loaded: 0, skipped: 12, caseIds: loaded.caseIds });
    expect(await opened.store.headPosition()).toBe(head);
  });
});
