import { createHash } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCalendarMonths, shanghaiDate } from '@hub/case-domain';
import { caseStream } from '@hub/agency-service';
import { agencyIds, recordedLate, type AgencyId } from '@hub/contracts';
import { createHub, type Hub } from '@hub/hub-service';
import { createLogger, readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ControllableClock,
  demoCases,
  demoEpoch,
  loadDemo,
  openSqlite,
  startCluster,
  type AgencyClient,
  type Cluster,
  type DemoLoadResult,
  type OpenedStore,
} from '../src/index.js';

/**
 * The demo data set, loaded through the four services into a fresh sqlite store whose clock is
 * the loader's (as `pnpm demo` does), and read back through the hub: what the web console's pages
 * show at once.
 */
describe('the demo data set', () => {
  const clock = new ControllableClock();
  const total = demoCases.length;
  let opened: OpenedStore;
  let cluster: Cluster;
  let liaisons: Record<AgencyId, AgencyClient>;
  let loaded: DemoLoadResult;
  let hub: Hub;
  let server: Server;
  let hubUrl = '';
  let hubDir = '';
  let epoch: Date;
  const progress: number[] = [];

  const hubGet = async <T = any>(path: string): Promise<T> => {
    const res = await fetch(hubUrl + path, { headers: { authorization: `Bearer ${liaisons.union.sessionToken}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  beforeAll(async () => {
    opened = await openSqlite({ clock: clock.now });
    // As `pnpm demo`: the services start (and publish their keys) on the demo's epoch, so that
    // nothing in the store is recorded later than the demo's first act; sessions on the live clock.
    epoch = demoEpoch();
    clock.set(epoch);
    cluster = await startCluster({ store: opened.store, clock: clock.now, login: false });
    clock.release();
    liaisons = Object.fromEntries(await Promise.all(agencyIds.map(async (a) => [a, await cluster.login(a, 'liaison')] as const))) as Record<
      AgencyId,
      AgencyClient
    >;
    loaded = await loadDemo(liaisons, { clock, login: cluster.login, onProgress: (p) => progress.push(p.done) });
    hubDir = await mkdtemp(join(tmpdir(), 'hub-demo-'));
    hub = await createHub({
      store: opened.store,
      dataDir: hubDir,
      trust: cluster.trust,
      agencyUrls: cluster.urls,
      logger: createLogger({ name: 'hub', level: 'silent' }),
    });
    server = await new Promise((resolve) => {
      const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    hub.attach(server);
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 180_000);
  afterAll(async () => {
    await hub?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await cluster?.close();
    await opened?.dispose();
    if (hubDir) await rm(hubDir, { recursive: true, force: true });
  });

  it(`holds ${total} cases, reporting progress per case, and leaves the clock live`, async () => {
    expect(total).toBe(16);
    expect(loaded).toMatchObject({ loaded: total, skipped: 0 });
    expect(progress).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const streams = new Set<string>();
    for await (const e of opened.store.readAll({ filter: { streamPrefix: 'case-' } })) streams.add(e.stream);
    expect(streams.size).toBe(total);
    expect(new Set(Object.values(loaded.caseIds)).size).toBe(total);
    expect(clock.isPinned).toBe(false);
  });

  it("records every event at its act's date: recordedAt spreads over four months and never goes back", async () => {
    const times: number[] = [];
    const openedIn = new Set<string>();
    for await (const e of opened.store.readAll()) {
      times.push(Date.parse(e.metadata.recordedAt));
      if (e.type === 'CaseOpened') openedIn.add(shanghaiDate(new Date(e.metadata.recordedAt)).slice(0, 7));
    }
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBe(epoch.getTime()); // the services' keys, published as they first started
    expect(Date.now() - times.at(-1)!).toBeLessThan(86_400_000);
    const today = shanghaiDate(new Date());
    const lastFour = [0, -1, -2, -3].map((n) => addCalendarMonths(today, n).slice(0, 7));
    for (const month of lastFour) expect(openedIn, month).toContain(month);
  });

  it('attaches two generated files to the negotiated case: listed at the union, their bytes matching the signed hashes', async () => {
    const caseId = loaded.caseIds['hotline-negotiated']!;
    const list = await liaisons.union.call<{ documents: { documentId: string; fileName: string; mediaType: string; sha256: string }[] }>(
      'GET',
      `/api/cases/${caseId}/documents`,
    );
    expect(list.documents.map((d) => [d.fileName, d.mediaType])).toEqual([
      ['协商工资结算协议.pdf', 'application/pdf'],
      ['工资转账凭证截图.png', 'image/png'],
    ]);
    for (const d of list.documents) {
      const res = await fetch(`${cluster.urls.union}/api/cases/${caseId}/documents/${d.documentId}`, {
        headers: { authorization: `Bearer ${liaisons.union.sessionToken}` },
      });
      expect(res.status).toBe(200);
      expect(
        createHash('sha256')
          .update(Buffer.from(await res.arrayBuffer()))
          .digest('hex'),
      ).toBe(d.sha256);
    }
  });

  it('has an act recorded after the fact (补录): a call back to the worker typed in later', async () => {
    const late: string[] = [];
    for await (const e of opened.store.readStream(caseStream(loaded.caseIds['hotline-negotiated']!))) if (recordedLate(e.metadata)) late.push(e.type);
    expect(late).toEqual(['WorkerFeedbackGiven']);
  });

  it("has a case pushed by the union's 12351 platform through its API key: a machine act, on the timeline as such", async () => {
    const caseId = loaded.caseIds['opened-today']!;
    const [openedEvent] = await (async () => {
      const out = [];
      for await (const e of opened.store.readStream(caseStream(caseId))) out.push(e);
      return out;
    })();
    expect(openedEvent!.type).toBe('CaseOpened');
    expect(openedEvent!.metadata).toMatchObject({ actor: { agency: 'union', via: 'api_key' }, userName: '12351平台' });
    const timeline = await hubGet<{ events: { type: string; via?: string }[] }>(`/api/cases/${caseId}/timeline`);
    expect(timeline.events.find((e) => e.type === 'CaseOpened')).toMatchObject({ via: 'api_key' });
  });

  it('assigns each case to a handler (承办人) at the agency that opened it, alternating between its two liaisons; “my cases” lists them', async () => {
    const { cases } = await hubGet<{ cases: { caseId: string; openedBy: AgencyId; handlers: Partial<Record<AgencyId, string>>; agencies: AgencyId[] }[] }>(
      '/api/cases?limit=500',
    );
    expect(cases).toHaveLength(total);
    for (const c of cases) expect(c.handlers[c.openedBy], c.caseId).toMatch(/\S/);
    const unionHandlers = new Set(cases.filter((c) => c.openedBy === 'union').map((c) => c.handlers.union));
    expect([...unionHandlers].sort()).toEqual(['工会联络员', '王芳'].sort());
    // Agencies that joined a case name their own handler too.
    expect(cases.some((c) => c.handlers.procuratorate !== undefined && c.openedBy !== 'procuratorate')).toBe(true);
    const inbox = await liaisons.union.inbox<{ mine: { cases: { caseId: string }[] } }>();
    expect(inbox.mine.cases.length).toBeGreaterThan(0);
    const mine = new Set(inbox.mine.cases.map((c) => c.caseId));
    for (const c of cases.filter((x) => mine.has(x.caseId))) expect(c.handlers.union).toBe('工会联络员');
  });

  it('has the worked example closed as rectified, every item verified', async () => {
    const view = await liaisons.union.getCase<{ status: string; closure?: { resolution: string }; items: Record<string, { status: string }> }>(
      loaded.caseIds['worked-example']!,
    );
    expect(view.status).toBe('closed');
    expect(view.closure?.resolution).toBe('rectified');
    expect(Object.values(view.items).map((i) => i.status)).toEqual(Array<string>(7).fill('verified'));
  });

  it('has a rectification list with an overdue item', async () => {
    const view = await liaisons.procuratorate.getCase<{ items: Record<string, unknown>; deadlines: { kind: string; status: string }[] }>(
      loaded.caseIds['procuratorial-rectification']!,
    );
    expect(Object.keys(view.items)).toHaveLength(3);
    expect(view.deadlines.filter((d) => d.kind === 'rectification_item' && d.status === 'overdue')).toHaveLength(1);
  });

  it("gives every agency's inbox a pending lead and deadlines overdue, due today and due soon", async () => {
    type Inbox = { leads: { status: string }[]; deadlines: { caseId: string; kind: string; status: string }[]; cases: unknown[] };
    for (const agency of agencyIds) {
      const inbox = await liaisons[agency].inbox<Inbox>();
      expect(inbox.leads.filter((l) => l.status === 'pending').length, agency).toBeGreaterThanOrEqual(1);
      const statuses = new Set(inbox.deadlines.map((d) => d.status));
      for (const status of ['overdue', 'due_today', 'due_soon']) expect(statuses, `${agency} ${status}`).toContain(status);
      expect(inbox.cases.length, agency).toBeGreaterThanOrEqual(3);
    }
    const union = await liaisons.union.inbox<Inbox>();
    const overdueFeedback = union.deadlines.filter((d) => d.kind === 'worker_feedback' && d.status === 'overdue').map((d) => d.caseId);
    expect(overdueFeedback).toContain(loaded.caseIds['feedback-overdue-hotline']);
    const hr = await liaisons.hr_bureau.inbox<Inbox>();
    expect(hr.deadlines).toContainEqual(expect.objectContaining({ caseId: loaded.caseIds['lead-feedback-overdue'], kind: 'lead_feedback', status: 'overdue' }));
  });

  it('has two held joint meetings whose decisions are on their cases, one scheduled ahead with an overdue item on its agenda, and four employer warnings', async () => {
    const streams = async (prefix: string) => {
      const names = new Set<string>();
      for await (const e of opened.store.readAll({ filter: { streamPrefix: prefix } })) names.add(e.stream);
      return [...names];
    };
    const secretary = await cluster.login('union', 'secretary');
    type Meeting = { status: string; scheduled: { caseIds: string[] } | null; decisions: { caseId: string; decision: string; applied: boolean }[] };
    const meetings = await Promise.all((await streams('meeting-')).map((s) => secretary.getMeeting<Meeting>(s.slice('meeting-'.length))));
    expect(meetings.map((m) => m.status).sort()).toEqual(['held', 'held', 'scheduled']);
    const decided = meetings.filter((m) => m.status === 'held').map((m) => m.decisions.map((d) => [d.caseId, d.decision, d.applied]));
    expect(decided).toContainEqual([
      [loaded.caseIds['procuratorial-rectification'], 'escalate', true],
      [loaded.caseIds['social-insurance-order'], 'extend', true],
    ]);
    expect(decided).toContainEqual([[loaded.caseIds['worked-example'], 'extend', true]]);
    const escalated = await secretary.getCase<{ items: Record<string, { escalated: boolean }> }>(loaded.caseIds['procuratorial-rectification']!);
    expect(Object.values(escalated.items).filter((i) => i.escalated)).toHaveLength(1);
    const ahead = meetings.find((m) => m.status === 'scheduled')!;
    expect(ahead.scheduled?.caseIds).toContain(loaded.caseIds['procuratorial-rectification']);

    const union = liaisons.union;
    const warnings = await Promise.all(
      (await streams('warning-')).map((s) =>
        union.call<{ status: string; raised: { raisedBy: string } }>('GET', `/api/warnings/${s.slice('warning-'.length)}`),
      ),
    );
    expect(warnings.map((w) => `${w.raised.raisedBy}:${w.status}`).sort()).toEqual(['hr_bureau:raised', 'union:raised', 'union:raised', 'union:resolved']);
  });

  it("gives the hub's report pages the current month and the three before it, each with cases, and today's warnings", async () => {
    const today = shanghaiDate(new Date());
    const { months } = await hubGet<{ months: string[] }>('/api/reports/months');
    const lastFour = [0, -1, -2, -3].map((n) => addCalendarMonths(today, n).slice(0, 7));
    for (const month of lastFour) {
      expect(months, month).toContain(month);
      const { report } = await hubGet(`/api/reports/monthly?month=${month}`);
      expect(report.casesOpened.total, month).toBeGreaterThan(0);
    }
    const reports = await Promise.all(lastFour.slice(1).map(async (m) => (await hubGet(`/api/reports/monthly?month=${m}`)).report));
    expect(reports.some((r) => r.mediationSuccess.successful > 0)).toBe(true);
    expect(reports.some((r) => r.mediationSuccess.failed > 0)).toBe(true);
    expect(reports.every((r) => r.lettersIssued.total > 0)).toBe(true);
    expect(reports.some((r) => r.moneyRecovered.fen > 0)).toBe(true);
    expect(reports.some((r) => r.deadlines.byKind.some((d: { metLate: number }) => d.metLate > 0))).toBe(true);

    const { report: daily } = await hubGet(`/api/reports/daily-warnings?date=${today}`);
    expect(daily.openAtEndOfDay.total).toBe(3);
    expect(daily.raised.total).toBe(1);
    expect(daily.employersWithNewCases.employers.length).toBeGreaterThanOrEqual(1);
  });

  it("gives the hub's rectification page overdue items first, and every agency open deadlines", async () => {
    const overdue = await hubGet<{ items: { overdue: boolean }[]; overdue: number }>('/api/rectifications?overdueOnly=true');
    expect(overdue.items.length).toBeGreaterThanOrEqual(2);
    const all = await hubGet<{ items: { overdue: boolean }[] }>('/api/rectifications');
    expect(all.items.slice(0, overdue.items.length).every((i) => i.overdue)).toBe(true);
    const { meetings } = await hubGet<{ meetings: { status: string }[] }>('/api/meetings');
    expect(meetings.map((m) => m.status).sort()).toEqual(['held', 'held', 'scheduled']);
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
    const again = await loadDemo(liaisons, { clock, login: cluster.login });
    expect(again).toMatchObject({ loaded: 0, skipped: total, caseIds: loaded.caseIds });
    expect(await opened.store.headPosition()).toBe(head);
  });
});
