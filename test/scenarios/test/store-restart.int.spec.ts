import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHub, LiveClient, type Hub, type TimelineEntry } from '@hub/hub-service';
import { createLogger } from '@hub/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCaseWithLead, openPostgres, startCluster, type Cluster, type OpenedStore } from '../src/index.js';
import { privatePostgresUnavailable, startPrivatePostgres, type PrivatePostgres } from '../src/private-postgres.js';

const unavailable = await privatePostgresUnavailable();

interface Health {
  status: string;
  subscriptions: { name: string; state: string; reconnects: number }[];
}

/**
 * The store's server restarts under load (issue 16.3): every service and the hub find it again by
 * themselves, with nothing lost or doubled and no restart of theirs. The server is a PostgreSQL of
 * the test's own, so the shared one that other specs use is never touched.
 */
describe.skipIf(unavailable !== null)('the store restarting under load', () => {
  let pg: PrivatePostgres;
  let opened: OpenedStore;
  let cluster: Cluster;
  let hub: Hub;
  let server: Server;
  let hubUrl = '';
  let dataDir = '';
  let live: LiveClient | undefined;

  beforeAll(async () => {
    pg = await startPrivatePostgres();
    opened = await openPostgres(pg.url);
    cluster = await startCluster({ store: opened.store });
    dataDir = await mkdtemp(join(tmpdir(), 'hub-restart-'));
    hub = await createHub({
      store: opened.store,
      dataDir,
      trust: cluster.trust,
      agencyUrls: cluster.urls,
      logger: createLogger({ name: 'hub', level: 'silent' }),
    });
    server = await new Promise((resolve) => {
      const s = hub.app.listen(0, '127.0.0.1', () => resolve(s));
    });
    hub.attach(server);
    hubUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 60_000);

  afterAll(async () => {
    live?.close();
    await hub?.close();
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await cluster?.close();
    await opened?.dispose().catch(() => {});
    await pg?.stop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('given commands and a live client, when the server restarts twice (cleanly, then as after a crash), then everyone recovers with nothing lost or doubled', async () => {
    const union = cluster.clients.union;
    const auditor = await cluster.login('court', 'auditor');
    live = await LiveClient.connect(`${hubUrl.replace('http', 'ws')}/api/live`, auditor.sessionToken);
    const delivered: TimelineEntry[] = [];
    live.subscribe({ kind: 'all' }, 'start', { onEvents: (events) => delivered.push(...events) });

    // One command, sent again with the same Idempotency-Key until it is answered: what a client does.
    const failures = new Map<string, number>();
    const send = async (path: string, body: unknown): Promise<{ caseId: string }> => {
      const key = randomUUID();
      const deadline = Date.now() + 90_000;
      for (;;) {
        try {
          const res = await fetch(`${union.baseUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${union.sessionToken}`, 'idempotency-key': key },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(10_000),
          });
          if (res.ok) return (await res.json()) as { caseId: string };
          const text = await res.text();
          failures.set(`HTTP ${res.status}`, (failures.get(`HTTP ${res.status}`) ?? 0) + 1);
          // While the store is away a service answers 503 with Retry-After, never a bare 500.
          if (res.status !== 503 || res.headers.get('retry-after') === null) throw new Error(`refused: ${res.status} ${text}`);
        } catch (error) {
          if ((error as Error).message.startsWith('refused')) throw error;
          failures.set('network', (failures.get('network') ?? 0) + 1);
        }
        if (Date.now() > deadline) throw new Error(`${path}: no answer within 90 s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const acknowledged: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const caseId = await openCaseWithLead(send, `重启测试 ${w}-${i}：拖欠工资`, { workerCount: 3, amountClaimedFen: 100_000 });
        acknowledged.push(caseId);
      }
    };
    const until = async (n: number) => expect.poll(() => acknowledged.length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(n);

    const workers = [0, 1, 2].map(worker);
    await until(10);
    await pg.restart('fast');
    await until(25);
    await pg.restart('immediate');
    await until(40);
    stop = true;
    await Promise.all(workers);

    // Nothing lost, nothing doubled: one case per acknowledged opening, each with its one lead.
    const { store } = opened;
    const opens: string[] = [];
    const transfers = new Map<string, number>();
    for await (const event of store.readAll({ filter: { eventTypes: ['CaseOpened', 'LeadTransferred'] } })) {
      const caseId = event.stream.replace(/^case-/, '');
      if (event.type === 'CaseOpened') opens.push(caseId);
      else transfers.set(caseId, (transfers.get(caseId) ?? 0) + 1);
    }
    expect(opens.sort()).toEqual([...acknowledged].sort());
    expect([...transfers.values()].every((n) => n === 1) && transfers.size === acknowledged.length).toBe(true);
    for (const caseId of acknowledged) expect((await store.verifyStream(`case-${caseId}`)).ok).toBe(true);

    // The hub's read models caught up without a restart of the hub.
    const hubGet = async (path: string) =>
      (await fetch(hubUrl + path, { headers: { authorization: `Bearer ${auditor.sessionToken}` } })).json() as Promise<any>;
    await expect.poll(async () => (await hubGet('/api/cases?limit=1')).total, { timeout: 30_000 }).toBe(acknowledged.length);

    // The live client got every case event exactly once, in order.
    const caseEvents: bigint[] = [];
    for await (const event of store.readAll({ filter: { streamPrefix: 'case-' } })) caseEvents.push(event.position);
    await expect.poll(() => delivered.filter((e) => e.kind === 'case').length, { timeout: 30_000 }).toBe(caseEvents.length);
    expect(delivered.filter((e) => e.kind === 'case').map((e) => BigInt(e.position))).toEqual(caseEvents);

    // Every subscription is reading again, in the hub and in each service, and says what it went through.
    const health = async (url: string) => (await (await fetch(`${url}/health`)).json()) as Health;
    const all = [await health(hubUrl), ...(await Promise.all(Object.values(cluster.urls).map(health)))];
    for (const h of all) {
      expect(h.status).toBe('ok');
      expect(h.subscriptions.every((s) => s.state === 'connected')).toBe(true);
    }
    const reconnects = all.flatMap((h) => h.subscriptions).reduce((sum, s) => sum + s.reconnects, 0);
    const metrics = await (await fetch(`${hubUrl}/metrics`)).text();
    expect(metrics).toMatch(/store_subscription_connected\{subscription="projections"\} 1/);

    // The hub still follows the agencies' keys: a sign-out after the restarts reaches it.
    const signedOut = await cluster.login('union', 'liaison');
    expect((await fetch(`${hubUrl}/api/cases?limit=1`, { headers: { authorization: `Bearer ${signedOut.sessionToken}` } })).status).toBe(200);
    await signedOut.call('DELETE', '/api/session');
    await expect
      .poll(async () => (await fetch(`${hubUrl}/api/cases?limit=1`, { headers: { authorization: `Bearer ${signedOut.sessionToken}` } })).status, {
        timeout: 15_000,
      })
      .toBe(401);

    // What it went through, printed as the benchmarks print.
    process.stdout.write(
      `store restart: ${acknowledged.length} cases acknowledged, 0 lost, 0 doubled; refused while down: ${JSON.stringify(Object.fromEntries(failures))}; subscription reconnects: ${reconnects}\n`,
    );
  }, 240_000);
});

if (unavailable !== null) {
  it.skip(`store restart: skipped, ${unavailable}`, () => {});
}
