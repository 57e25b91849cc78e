import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgencyService, type AgencyService } from '@hub/agency-service';
import type { AgencyId, Role } from '@hub/contracts';
import type { AppendOptions, EventData, EventStore, RecordedEvent } from '@hub/event-store';
import { createHub } from '@hub/hub-service';
import { createLogger, PROOF_FIELD, signaturesStream } from '@hub/service-kit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { scenarioEngines, type Engine } from '../src/index.js';
import { verifyExport } from '../../../services/hub/verifier/verify-audit.mjs';

/**
 * Issue 10, item 8 (for stores written before issue 12.2): a service killed between appending its events and appending their
 * EventsSigned record left them unsigned, and the case failed verification for good. The kill is
 * reproduced as that version left it (killedBeforeSigning): the events are appended bare and the
 * command dies. Then the agency's service signs what it finds at start-up (or on an admin command), only
 * where the chain verifies and the event is its own, and records that it was a repair.
 */
const PASSWORD = '正确的密码-Correct-Horse-9';
const silent = () => createLogger({ name: 'test', level: 'silent' });

const openCase = {
  channel: 'hotline_12351',
  category: 'wage_arrears',
  summary: '工地拖欠农民工工资',
  employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
  workerCount: 3,
  workers: [{ name: '张三', idNumber: '330106199003071236', phone: '13812345678' }],
  amountClaimedFen: 3_600_000,
  region: '330106',
};
const warning = { employer: { name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }, level: 'orange', reasons: ['连续 2 个月未发放工资'], region: '330106' };

/**
 * The store as a service of the version before issue 12.2 left it when it died right after its
 * append and before its signature: while `killed.on`, an append is written without the proof it
 * carries (the old service appended bare events, then signed them in a second append) and the
 * command then fails, as that process died. Today's services sign inside the append, so this
 * cannot happen to them (agency-service's one-commit-kill.int.spec.ts); stores written before
 * hold such events, and the repair is for them.
 */
function killedBeforeSigning(store: EventStore, killed: { on: boolean }): EventStore {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'append') {
        return async (stream: string, events: readonly EventData[], options?: AppendOptions) => {
          if (!killed.on) return target.append(stream, events, options);
          const bare = events.map(({ metadata = {}, ...e }) => {
            const { [PROOF_FIELD]: _proof, ...rest } = metadata;
            return { ...e, metadata: rest };
          });
          await target.append(stream, bare, options);
          throw new Error('killed between append and sign');
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;
const api =
  (url: string, token: string): Api =>
  async (method, path, body) => {
    const res = await fetch(url + path, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };

async function listen(app: { listen: AgencyService['app']['listen'] }): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** A fresh store, and services / a hub on it that are closed (in reverse) when the test ends. */
async function world(engine: Engine) {
  const opened = await engine.open();
  const dir = await mkdtemp(join(tmpdir(), 'hub-repair-'));
  const closers: (() => Promise<void>)[] = [];
  /** The key rings of every service booted: the trust anchors a hub beside them is given. */
  const booted: AgencyService[] = [];
  onTestFinished(async () => {
    for (const close of closers.reverse()) await close();
    await opened.dispose();
    await rm(dir, { recursive: true, force: true });
  });
  const stop = (server: Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    store: opened.store,
    tamper: opened.tamper,
    /** An agency service; the same `name` is the same DATA_DIR, i.e. the same agency restarting. */
    async boot(agency: AgencyId, name: string, options: { store?: EventStore; repairAtStartup?: boolean; repairGraceMs?: number; clock?: () => Date } = {}) {
      const service = await createAgencyService({
        agency,
        store: options.store ?? opened.store,
        dataDir: join(dir, name),
        logger: silent(),
        vaultKey: Buffer.alloc(32, 1),
        repairAtStartup: options.repairAtStartup ?? false,
        repairGraceMs: options.repairGraceMs ?? 0,
        ...(options.clock ? { clock: options.clock } : {}),
      });
      booted.push(service);
      const { url, server } = await listen(service.app);
      let closed = false;
      const close = async () => {
        if (closed) return;
        closed = true;
        await stop(server);
        await service.close();
      };
      closers.push(close);
      /** Logs a new user with this role in; the token also works at the hub. */
      const login = async (role: Role): Promise<string> => {
        const username = `u${randomUUID().slice(0, 8)}`;
        await service.users.create({ agency, username, displayName: `测试${role}`, password: PASSWORD, roles: [role] });
        const res = await fetch(`${url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: PASSWORD }),
        });
        expect(res.status).toBe(201);
        return ((await res.json()) as { token: string }).token;
      };
      const as = async (role: Role): Promise<Api> => api(url, await login(role));
      return { service, url, as, login, close };
    },
    async hub(token: string): Promise<Api> {
      const trust = { anchors: booted.flatMap((s) => s.publicKeys()), storeKeys: false, source: "the booted services' key rings" };
      const hub = await createHub({ store: opened.store, dataDir: join(dir, 'hub'), logger: silent(), trust });
      const { url, server } = await listen(hub.app);
      closers.push(async () => {
        await stop(server);
        await hub.close();
      });
      return api(url, token);
    },
  };
}

async function read(store: EventStore, stream: string): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const e of store.readStream(stream)) out.push(e);
  return out;
}

/** What a hub auditor's verification says about the signatures of a case. */
const signatureProblems = (v: any) =>
  (v.problems as any[]).filter((p) => p.check === 'signatures').map((p) => `${p.severity}:${p.kind}@${p.revision}:${p.agency}`);

describe.each(scenarioEngines())('repair of signatures a crash left out, on $name', (engine) => {
  it('a case left unsigned by a kill fails verification; the next start-up signs it as a repair, once', async () => {
    const w = await world(engine);
    const killed = { on: false };
    const union = await w.boot('union', 'union', { store: killedBeforeSigning(w.store, killed) });
    const liaison = await union.as('liaison');
    const hub = await w.hub(await union.login('auditor'));
    const caseId = (await liaison('POST', '/api/cases', openCase)).body.caseId as string;

    killed.on = true;
    expect((await liaison('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知受理情况' })).status).toBe(500);
    expect((await liaison('POST', '/api/warnings', warning)).status).toBe(500);
    await union.close();
    expect((await read(w.store, `case-${caseId}`)).map((e) => e.type)).toEqual(['CaseOpened', 'CaseNumberAssigned', 'WorkerFeedbackGiven']);

    // Before: the hub fails the case at the unsigned revision (what the original code left for good).
    const before = (await hub('GET', `/api/cases/${caseId}/verify`)).body;
    expect(before.ok).toBe(false);
    expect(signatureProblems(before)).toEqual(['failure:unsigned@2:union']);

    // The agency's service starts again (same DATA_DIR, same keys) and repairs in the background.
    const union2 = await w.boot('union', 'union', { repairAtStartup: true });
    await union2.service.signatureRepair.idle();
    const after = (await hub('GET', `/api/cases/${caseId}/verify`)).body;
    expect(after.ok).toBe(true);
    expect(after.checks.signatures).toMatchObject({ ok: true, signedEvents: 3, signedLater: 1 });
    expect(signatureProblems(after)).toEqual(['notice:signed-later@2:union']);
    // The offline verifier accepts the exported proof and says the same.
    const offline = verifyExport((await hub('GET', `/api/cases/${caseId}/export?format=json`)).body);
    expect(offline).toMatchObject({ usable: true, ok: true });
    expect(offline.usable && offline.notices.map((n) => `${n.kind}@${n.revision}:${n.agency}`)).toEqual(['signed-later@2:union']);

    const records = await read(w.store, signaturesStream('union'));
    const repairs = records.filter((r) => (r.data as any).repair);
    expect(
      repairs.map((r) => [(r.data as any).stream.split('-')[0], (r.data as any).fromRevision, (r.data as any).toRevision, (r.data as any).repair.trigger]),
    ).toEqual(
      expect.arrayContaining([
        ['case', '2', '2', 'start-up'],
        ['warning', '0', '0', 'start-up'],
      ]),
    );
    expect(repairs).toHaveLength(2);

    // An admin's run (and another start-up) finds nothing left to do and writes nothing.
    const admin = await union2.as('admin');
    const first = await admin('POST', '/api/admin/repair-signatures', {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ agency: 'union', trigger: 'admin', unsigned: 0, repaired: [], refused: [], deferred: [] });
    expect((await admin('POST', '/api/admin/repair-signatures', { from: 'checkpoint' })).body.repaired).toEqual([]);
    await union2.close();
    const union3 = await w.boot('union', 'union', { repairAtStartup: true });
    await union3.service.signatureRepair.idle();
    expect(await read(w.store, signaturesStream('union'))).toHaveLength(records.length);
  });

  it('never signs an event whose chain does not verify, nor one another agency recorded; reports the former', async () => {
    const w = await world(engine);
    const killed = { on: false };
    const union = await w.boot('union', 'union', { store: killedBeforeSigning(w.store, killed) });
    const liaison = await union.as('liaison');
    const edited = (await liaison('POST', '/api/cases', openCase)).body.caseId as string;
    const other = (await liaison('POST', '/api/cases', openCase)).body.caseId as string;
    killed.on = true;
    expect((await liaison('POST', `/api/cases/${edited}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知' })).status).toBe(500);
    killed.on = false;
    // Edited past the store after it was written: the chain breaks at revision 2 (0 the opening, 1 its 案号).
    const [, , feedback] = await read(w.store, `case-${edited}`);
    await w.tamper(`case-${edited}`, 2n, JSON.stringify({ ...(feedback!.data as object), summary: '改过的内容' }));
    // The court's event, appended as appendSigned would and left unsigned.
    const { hash: _h, prevHash: _p, recordedAt: _r, ...metadata } = feedback!.metadata;
    await w.store.append(`case-${other}`, [{ type: 'WorkerFeedbackGiven', data: feedback!.data, metadata: { ...metadata, agency: 'court' } }], {
      expectedRevision: 1n,
    });

    const admin = await union.as('admin');
    const report = (await admin('POST', '/api/admin/repair-signatures')).body;
    expect(report.repaired).toEqual([]);
    expect(report.refused).toEqual([expect.objectContaining({ stream: `case-${edited}`, revision: '2', reason: 'chain-broken' })]);
    expect(report.refused[0].detail).toMatch(/哈希链在第 2 版断开/);
    const signed = (await read(w.store, signaturesStream('union'))).map((r) => `${(r.data as any).stream}@${(r.data as any).fromRevision}`);
    expect(signed).not.toContain(`case-${edited}@2`);
    expect(signed).not.toContain(`case-${other}@2`);

    // The court's own service signs the court's event; the edited one stays refused.
    const court = await w.boot('court', 'court');
    const courtReport = (await (await court.as('admin'))('POST', '/api/admin/repair-signatures')).body;
    expect(courtReport.repaired).toEqual([expect.objectContaining({ stream: `case-${other}`, fromRevision: '2', toRevision: '2', events: 1 })]);
    expect((await liaison('POST', '/api/admin/repair-signatures')).status).toBe(403);
    expect((await admin('POST', '/api/admin/repair-signatures', { from: 'yesterday' })).status).toBe(400);
    const openapi = (await (await fetch(`${union.url}/openapi.json`)).json()) as any;
    expect(Object.keys(openapi.paths['/api/admin/repair-signatures'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403']));
  });

  it('leaves an event inside the grace period alone and keeps its checkpoint before it until it settles', async () => {
    const w = await world(engine);
    // Real time (the store stamps recordedAt with it), moved ahead on demand.
    let ahead = 0;
    const clock = () => new Date(Date.now() + ahead);
    const killed = { on: false };
    const union = await w.boot('union', 'union', { store: killedBeforeSigning(w.store, killed), repairGraceMs: 60_000, clock });
    const liaison = await union.as('liaison');
    const caseId = (await liaison('POST', '/api/cases', openCase)).body.caseId as string;
    killed.on = true;
    await liaison('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知' });
    const [, , unsigned] = await read(w.store, `case-${caseId}`);

    const young = await union.service.signatureRepair.run('admin', 'checkpoint');
    expect(young.repaired).toEqual([]);
    expect(young.deferred).toEqual([expect.objectContaining({ stream: `case-${caseId}`, revision: '2' })]);
    expect(await union.service.signatureRepair.checkpoint()).toBe(unsigned!.position);
    expect(await union.service.signatureRepair.checkpointExclusive()).toBe(false);

    ahead = 61_000;
    killed.on = false;
    const settled = await union.service.signatureRepair.run('admin', 'checkpoint');
    expect(settled.scannedFrom).toBe(unsigned!.position.toString());
    expect(settled.repaired).toEqual([expect.objectContaining({ stream: `case-${caseId}`, fromRevision: '2', toRevision: '2' })]);
    // Past it: the next scan starts strictly after the last event read (at least the signed one).
    expect((await union.service.signatureRepair.checkpoint())!).toBeGreaterThanOrEqual(unsigned!.position);
    expect(await union.service.signatureRepair.checkpointExclusive()).toBe(true);
  });
});
