import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import type { AppendOptions, EventData } from '@hub/event-store';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { env, inDays, openCaseBody, streamOf, WORKER } from './support.js';

describe('personal data', () => {
  it("makes a new worker's vault key durable (one WAL sync, awaited off the thread) before the CaseOpened that refers to it is appended; a command that creates no key syncs nothing", async () => {
    const e = env();
    const order: string[] = [];
    const store = new Proxy(e.store, {
      get(target, prop) {
        if (prop === 'append')
          return (stream: string, events: readonly EventData[], options?: AppendOptions) => {
            order.push(`append ${events.map((ev) => ev.type).join(',')}`);
            return target.append(stream, events, options);
          };
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const vaultSync = async () => {
      order.push('sync started');
      await new Promise((r) => setImmediate(r));
      order.push('sync done');
    };
    const union = await e.boot('union', { store, vaultSync });
    const api = await union.as(['liaison']);
    order.length = 0;
    const { caseId } = (await api('POST', '/api/cases', openCaseBody({ workers: [WORKER, { ...WORKER, name: '李四' }], workerCount: 2 }))).body;
    // The register's record holds the opening (its workers' ciphertext) too: the keys are durable before either append.
    expect(order).toEqual(['sync started', 'sync done', 'append NumberIssued', 'append CaseOpened,CaseNumberAssigned']);
    order.length = 0;
    expect((await api('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知' })).status).toBe(200);
    expect(order).toEqual(['append WorkerFeedbackGiven']);
  });

  it('stores only ciphertext, shows the identity to the handling agency and a placeholder to another', async () => {
    const e = env();
    const union = await e.boot('union');
    const procuratorate = await e.boot('procuratorate');
    const api = await union.as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;

    const raw = new Database(e.storePath, { readonly: true });
    try {
      const rows = raw.prepare('SELECT data, metadata FROM events WHERE stream = ?').all(`case-${caseId}`) as { data: string; metadata: string }[];
      expect(rows).toHaveLength(2);
      for (const secret of [WORKER.name, WORKER.idNumber, WORKER.phone]) expect(JSON.stringify(rows)).not.toContain(secret);
      // The number register keeps the opening as decided: ciphertext only there as well.
      const register = raw.prepare("SELECT data FROM events WHERE stream LIKE 'register-%'").all() as { data: string }[];
      expect(register).toHaveLength(1);
      expect(register[0]!.data).toContain(caseId);
      for (const secret of [WORKER.name, WORKER.idNumber, WORKER.phone]) expect(JSON.stringify(register)).not.toContain(secret);
    } finally {
      raw.close();
    }

    // The handling agency: the name, the ID number and phone masked until someone asks (see the reveal spec below).
    const own = await api('GET', `/api/cases/${caseId}`);
    expect(own.body.workers).toEqual([
      { workerId: expect.any(String), masked: false, erased: false, revealed: false, name: WORKER.name, idNumber: '3301**********1236', phone: '138****5678' },
    ]);

    const auditor = await procuratorate.as(['auditor']);
    const other = await auditor('GET', `/api/cases/${caseId}`);
    expect(other.status).toBe(200);
    expect(other.body.workers).toEqual([{ workerId: own.body.workers[0].workerId, masked: true, erased: false, name: '***', idNumber: '***', phone: '***' }]);
    // A union auditor is still not the union's liaison, but the vault is the agency's: it sees the identity.
    const unionAuditor = await union.as(['auditor']);
    expect((await unionAuditor('GET', `/api/cases/${caseId}`)).body.workers[0].name).toBe(WORKER.name);

    // Each view of the identity is in the union's access log; the masked view at the procuratorate is not.
    const log = await unionAuditor('GET', '/api/access-log');
    expect(log.status).toBe(200);
    expect(log.body.entries).toHaveLength(2);
    expect(log.body.entries[0]).toMatchObject({
      agency: 'union',
      action: 'view_personal_data',
      subject: `case-${caseId}`,
      detail: { workers: [own.body.workers[0].workerId], fields: ['name'] },
    });
    expect((await auditor('GET', '/api/access-log')).body.entries).toEqual([]);
    expect((await api('GET', '/api/access-log')).status).toBe(403);
  });

  it('shows the ID number and phone in the clear only on request: one access-log entry per reveal naming who, which worker and which fields', async () => {
    const e = env();
    const union = await e.boot('union');
    const procuratorate = await e.boot('procuratorate');
    const api = await union.as(['liaison']);
    const unionAuditor = await union.as(['auditor']);
    const second = { name: '李四', phone: '13900001111' };
    const { caseId } = (await api('POST', '/api/cases', openCaseBody({ workers: [WORKER, second], workerCount: 2 }))).body;
    const view = (await api('GET', `/api/cases/${caseId}`)).body;
    const [first, other] = view.workers as { workerId: string }[];
    expect(view.workers[1]).toEqual({ workerId: other!.workerId, masked: false, erased: false, revealed: false, name: '李四', phone: '139****1111' });
    expect(JSON.stringify(view)).not.toContain(WORKER.idNumber);
    expect(JSON.stringify(view)).not.toContain(WORKER.phone);
    const logged = async () => (await unionAuditor('GET', '/api/access-log')).body.entries as { action: string; userId: string; detail: unknown; at: string }[];
    const before = await logged();

    const reveal = await api('POST', `/api/cases/${caseId}/workers/${first!.workerId}/reveal`);
    expect(reveal.status).toBe(200);
    expect(reveal.body).toEqual({
      caseId,
      worker: { workerId: first!.workerId, masked: false, erased: false, revealed: true, ...WORKER },
      fields: ['name', 'idNumber', 'phone'],
    });
    const after = await logged();
    expect(after).toHaveLength(before.length + 1);
    expect(after[0]).toMatchObject({
      agency: 'union',
      action: 'reveal_personal_data',
      subject: `case-${caseId}`,
      detail: { workers: [first!.workerId], fields: ['name', 'idNumber', 'phone'] },
    });
    expect(after[0]!.userId).toBe((await api('GET', '/api/session')).body.actor.userId);
    expect(Date.parse(after[0]!.at)).not.toBeNaN();
    // A worker without an ID number: the entry names only what was shown. Each reveal is its own entry.
    expect((await api('POST', `/api/cases/${caseId}/workers/${other!.workerId}/reveal`)).body.fields).toEqual(['name', 'phone']);
    expect((await unionAuditor('POST', `/api/cases/${caseId}/workers/${first!.workerId}/reveal`)).status).toBe(200);
    const third = await logged();
    expect(third).toHaveLength(before.length + 3);
    expect(third[1]).toMatchObject({ action: 'reveal_personal_data', detail: { workers: [other!.workerId], fields: ['name', 'phone'] } });
    // The plain view still masks afterwards: a reveal is for the one answer, not a setting.
    expect((await api('GET', `/api/cases/${caseId}`)).body.workers[0].idNumber).toBe('3301**********1236');

    // No such case, no such worker, a case id that is no uuid: the same 404, nothing logged.
    const count = (await logged()).length;
    expect((await api('POST', `/api/cases/${crypto.randomUUID()}/workers/${first!.workerId}/reveal`)).status).toBe(404);
    expect((await api('POST', `/api/cases/${caseId}/workers/${crypto.randomUUID()}/reveal`)).status).toBe(404);
    expect((await api('POST', `/api/cases/not-a-case/workers/${first!.workerId}/reveal`)).status).toBe(404);
    // Another agency's liaison, not in the case: 404 as for the case view. Its auditor reads the case but holds no key: 403, masked as before.
    const liaison = await procuratorate.as(['liaison']);
    expect((await liaison('POST', `/api/cases/${caseId}/workers/${first!.workerId}/reveal`)).status).toBe(404);
    const auditor = await procuratorate.as(['auditor']);
    const refused = await auditor('POST', `/api/cases/${caseId}/workers/${first!.workerId}/reveal`);
    expect(refused.status).toBe(403);
    expect(JSON.stringify(refused.body)).not.toContain(WORKER.idNumber);
    expect((await auditor('GET', `/api/cases/${caseId}`)).body.workers[0]).toMatchObject({ masked: true, idNumber: '***', phone: '***' });
    expect((await procuratorate.as(['admin']).then((a) => a('GET', '/api/access-log'))).body.entries).toEqual([]);
    // Not signed in: 401.
    const anonymous = await fetch(`${union.url}/api/cases/${caseId}/workers/${first!.workerId}/reveal`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await logged()).toHaveLength(count);

    // Erased: 410, nothing shown, nothing logged.
    const admin = await union.as(['admin']);
    expect((await admin('POST', `/api/cases/${caseId}/erase-worker-data`, { workerId: first!.workerId, reason: 'worker_request' })).status).toBe(200);
    const gone = await api('POST', `/api/cases/${caseId}/workers/${first!.workerId}/reveal`);
    expect(gone).toMatchObject({ status: 410, body: { type: expect.stringContaining('worker-erased') } });
    expect(JSON.stringify(gone.body)).not.toContain(WORKER.name);
    expect(await logged()).toHaveLength(count);
  });

  it('lets a liaison of another agency read a case only once that agency takes part', async () => {
    const e = env();
    const union = await e.boot('union');
    const procuratorate = await e.boot('procuratorate');
    const api = await union.as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const liaison = await procuratorate.as(['liaison']);
    expect((await liaison('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const lead = { leadId: crypto.randomUUID(), to: 'procuratorate', summary: '涉嫌拒不支付劳动报酬', feedbackDueAt: inDays(10) };
    expect((await api('POST', `/api/cases/${caseId}/transfer-lead`, lead)).status).toBe(200);
    const read = await liaison('GET', `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body.participants).toEqual(['procuratorate', 'union']);
    expect(read.body.workers[0]).toMatchObject({ masked: true, name: '***' });
  });

  it('does not let an agency buy its way into a case by acting on it; only joining acts (a suit filed) bring it in', async () => {
    const e = env();
    const union = await e.boot('union');
    const court = await e.boot('court');
    const api = await union.as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const courtLiaison = await court.as(['liaison']);
    const before = (await streamOf(e.store, caseId)).length;
    const feedback = await courtLiaison('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知职工' });
    expect(feedback.status).toBe(404);
    expect((await streamOf(e.store, caseId)).length).toBe(before);
    expect((await courtLiaison('GET', `/api/cases/${caseId}`)).status).toBe(404);
    const suit = { litigationId: crypto.randomUUID(), plaintiff: 'worker', caseNumber: '(2026)浙0106民初7号', amountClaimedFen: 100_000 };
    expect((await courtLiaison('POST', `/api/cases/${caseId}/file-litigation`, suit)).status).toBe(200);
    expect((await courtLiaison('GET', `/api/cases/${caseId}`)).body.participants).toEqual(['court', 'union']);
  });

  it('erases a worker: the vault key goes, the case shows it erased, the chain and signatures still verify', async () => {
    const e = env();
    const union = await e.boot('union');
    const api = await union.as(['liaison']);
    const admin = await union.as(['admin']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const workerId = (await api('GET', `/api/cases/${caseId}`)).body.workers[0].workerId as string;

    expect((await api('POST', `/api/cases/${caseId}/erase-worker-data`, { workerId, reason: 'worker_request' })).status).toBe(403);
    const erased = await admin('POST', `/api/cases/${caseId}/erase-worker-data`, { workerId, reason: 'worker_request' });
    expect(erased).toMatchObject({ status: 200, body: { events: ['WorkerDataErased'] } });

    const after = await api('GET', `/api/cases/${caseId}`);
    expect(after.body.workers).toEqual([{ workerId, masked: true, erased: true, name: null }]);
    expect(JSON.stringify(after.body)).not.toContain(WORKER.name);
    expect(await e.store.verifyStream(`case-${caseId}`)).toMatchObject({ ok: true, events: 3 });
    expect((await verifyStreamSignatures(e.store, `case-${caseId}`, await readPublishedKeys(e.store))).ok).toBe(true);
    const again = await admin('POST', `/api/cases/${caseId}/erase-worker-data`, { workerId, reason: 'worker_request' });
    expect(again).toMatchObject({ status: 409, body: { ruleId: 'CHAIN.worker-erased' } });
  });
});
