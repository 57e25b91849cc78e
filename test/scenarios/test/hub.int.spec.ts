import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, LiveClient, type Hub, type TimelineEntry } from '@hub/hub-service';
import { createLogger } from '@hub/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControllableClock, DAY, HOUR, scenarioEngines, startCluster, type Cluster, type OpenedStore } from '../src/index.js';
import { EMPLOYERS, enterprise, REGIONS } from '../src/demo/parties.js';

/**
 * The whole system as deployed: the four agency services and the hub, separate apps on real
 * sockets over one store. Liaisons watch the hub's live feed while their colleagues act through
 * the services; a joint meeting's decisions reach the rectification list; an auditor verifies
 * the case against every agency's own witness copy.
 */
describe.each(scenarioEngines())('the hub beside the four services on $name', (engine) => {
  const clock = new ControllableClock();
  const T0 = new Date('2026-03-02T02:00:00.000Z');
  const at = (days: number, hours = 0) => clock.set(new Date(T0.getTime() + days * DAY + hours * HOUR));
  const due = (days: number) => new Date(T0.getTime() + days * DAY).toISOString();
  let opened: OpenedStore;
  let cluster: Cluster;
  let hub: Hub;
  let server: Server;
  let hubUrl = '';
  let dataDir = '';
  const clients: LiveClient[] = [];

  const hubGet = async <T = any>(path: string, token: string): Promise<T> => {
    const res = await fetch(hubUrl + path, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status, path).toBe(200);
    return (await res.json()) as T;
  };

  let secretary: Awaited<ReturnType<Cluster['login']>>;
  let auditor: Awaited<ReturnType<Cluster['login']>>;
  let admins: Awaited<ReturnType<Cluster['login']>>[] = [];

  beforeAll(async () => {
    opened = await engine.open();
    cluster = await startCluster({ store: opened.store, clock: clock.now });
    // Sessions are issued on today's clock, before the scenario moves it to March 2026, so that
    // they stay valid while the scenario's days pass.
    secretary = await cluster.login('procuratorate', 'secretary');
    auditor = await cluster.login('court', 'auditor');
    admins = await Promise.all((['union', 'procuratorate', 'hr_bureau', 'court'] as const).map((a) => cluster.login(a, 'admin')));
    at(0);
    dataDir = await mkdtemp(join(tmpdir(), 'hub-scenario-'));
    hub = await createHub({
      store: opened.store,
      dataDir,
      clock: clock.now,
      trust: cluster.trust,
      agencyUrls: cluster.urls,
      logger: createLogger({ name: 'hub', level: 'silent' }),
    });
    server = await new Promise((resolve) => {
      const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    hub.attach(server);
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await hub?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await cluster?.close();
    await opened?.dispose();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('delivers acts live across agencies, applies a joint meeting to the list, and verifies with every witness', async () => {
    const { union, procuratorate } = cluster.clients;
    const live = async (token: string) => {
      const client = await LiveClient.connect(`${hubUrl.replace('http', 'ws')}/api/live`, token);
      clients.push(client);
      return client;
    };
    const received = (into: TimelineEntry[]) => ({ onEvents: (events: TimelineEntry[]) => into.push(...events) });

    // The procuratorate's liaison watches its inbox from now on.
    const procuratorateInbox: TimelineEntry[] = [];
    (await live(procuratorate.sessionToken)).subscribe({ kind: 'inbox' }, 'now', received(procuratorateInbox));

    const firm = EMPLOYERS.hazmat[0]!;
    const leadId = randomUUID();
    const { caseId } = await union.openCase({
      channel: 'inspection',
      category: 'female_worker_protection',
      region: REGIONS.xihu,
      summary: '危化品物流企业未组织女职工妇科检查',
      employers: [firm],
      workerCount: 40,
      amountClaimedFen: 0,
      workers: [],
    });
    const unionCase: TimelineEntry[] = [];
    (await live(union.sessionToken)).subscribe({ kind: 'case', caseId }, 'start', received(unionCase));
    at(0, 1);
    await union.command(caseId, 'transfer-lead', { leadId, to: 'procuratorate', summary: '女职工特殊保护问题线索', feedbackDueAt: due(14) });
    await expect.poll(() => procuratorateInbox.map((e) => e.type), { timeout: 10_000 }).toEqual(['LeadTransferred']);
    expect(procuratorateInbox[0]).toMatchObject({ subjectId: caseId, agency: 'union', label: { zh: '线索移送' } });

    at(1);
    await procuratorate.command(caseId, 'accept-lead', { leadId, note: '立案审查' });
    await expect.poll(() => unionCase.map((e) => e.type), { timeout: 10_000 }).toEqual(['CaseOpened', 'CaseNumberAssigned', 'LeadTransferred', 'LeadAccepted']);

    // A rectification list with one item that will be overdue when the meeting sits.
    at(2);
    const [checkUp, clause] = [randomUUID(), randomUUID()];
    await procuratorate.command(caseId, 'order-rectification', {
      rectificationId: randomUUID(),
      items: [
        { itemId: checkUp, description: '组织女职工妇科检查', deadline: due(10), responsibleParty: enterprise(firm) },
        { itemId: clause, description: '订立女职工特殊保护条款', deadline: due(30), responsibleParty: enterprise(firm) },
      ],
    });
    at(12);
    const overdue = await hubGet(`/api/rectifications?caseId=${caseId}&overdueOnly=true`, secretary.sessionToken);
    expect(overdue.items.map((i: any) => i.itemId)).toEqual([checkUp]);

    const { meetingId } = await secretary.scheduleMeeting({
      title: '女职工权益保护联席会议',
      scheduledFor: due(13),
      agenda: '审议整改清单',
      caseIds: [caseId],
    });
    at(13);
    const held = await secretary.holdMeeting(meetingId, {
      attendees: { agencies: ['procuratorate', 'union'], otherBodies: ['区卫生健康委员会', '区危化品物流行业协会'] },
      casesReviewed: [caseId],
      decisions: [
        { caseId, itemId: checkUp, decision: 'extend', newDeadline: due(40), note: '协调优惠体检，延期' },
        { caseId, itemId: clause, decision: 'escalate', note: '提请上级督办' },
      ],
      minutes: '行业协会牵头为企业组织优惠体检',
    });
    expect(held.decisions.map((d) => d.applied)).toEqual([true, true]);

    const list = await hubGet(`/api/rectifications?caseId=${caseId}`, secretary.sessionToken);
    const byItem = Object.fromEntries(list.items.map((i: any) => [i.itemId, i]));
    expect(byItem[checkUp]).toMatchObject({ deadline: due(40), extensions: 1, overdue: false });
    expect(byItem[clause]).toMatchObject({ status: 'escalated' });
    const { meeting } = await hubGet(`/api/meetings/${meetingId}`, union.sessionToken);
    expect(meeting).toMatchObject({ status: 'held' });
    expect(meeting.decisions.every((d: any) => d.applied === true)).toBe(true);

    // Every agency witnesses the heads it has seen; the auditor's verification compares them all.
    for (const admin of admins) expect((await admin.raw('POST', '/api/witness/run')).status).toBe(201);
    const verification = await hubGet(`/api/cases/${caseId}/verify`, auditor.sessionToken);
    expect(verification.problems.filter((p: any) => p.severity !== 'notice')).toEqual([]);
    expect(verification.ok).toBe(true);
    expect(verification.checks.witnesses.compared.sort()).toEqual(['court', 'hr_bureau', 'procuratorate', 'union']);
    expect(verification.checks.witnesses.records.store).toBeGreaterThanOrEqual(4);

    // As of the lead's acceptance, the case had no rectification list yet.
    const acceptance = unionCase.find((e) => e.type === 'LeadAccepted')!;
    const then = await hubGet(`/api/cases/${caseId}/state?revision=${acceptance.revision}`, auditor.sessionToken);
    expect(JSON.stringify(then.state)).not.toContain(checkUp);
    expect(JSON.stringify(then.state)).toContain(leadId);

    const report = await hubGet('/api/reports/monthly?month=2026-03&region=330106', union.sessionToken);
    expect(JSON.stringify(report)).toContain('female_worker_protection');
  });

  it('refuses at the hub a session signed out at its agency service', async () => {
    const liaison = await cluster.login('union', 'liaison');
    const token = liaison.sessionToken;
    const status = async () => (await fetch(`${hubUrl}/api/cases`, { headers: { authorization: `Bearer ${token}` } })).status;
    expect(await status()).toBe(200);
    expect((await liaison.raw('DELETE', '/api/session')).status).toBe(204);
    await expect.poll(status, { timeout: 10_000, interval: 25 }).toBe(401);
    const refused = await fetch(`${hubUrl}/api/cases`, { headers: { authorization: `Bearer ${token}` } });
    expect(await refused.json()).toMatchObject({ type: 'urn:hub:problem:session-revoked' });
  });
});
