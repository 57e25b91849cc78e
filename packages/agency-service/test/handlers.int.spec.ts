import { caseStream } from '@hub/case-domain';
import type { AgencyId, Role } from '@hub/contracts';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { id } from './given.js';
import { env, inDays, openCaseBody, PASSWORD, request, streamOf, type Booted } from './support.js';

/** A named user of the service, signed in: their id, and a fetch bound to their session. */
async function person(booted: Booted, agency: AgencyId, displayName: string, roles: Role[] = ['liaison']) {
  const username = `h${id().slice(0, 8)}`;
  const user = await booted.service.users.create({ agency, username, displayName, password: PASSWORD, roles });
  const login = await request(booted.url)('POST', '/api/session', { username, password: PASSWORD });
  return { userId: user.id, api: request(booted.url, login.body.token as string) };
}

async function setUp() {
  const e = env();
  const union = await e.boot('union');
  const procuratorate = await e.boot('procuratorate');
  const court = await e.boot('court');
  const chief = await person(union, 'union', '李科长', ['liaison', 'admin']);
  const zhang = await person(union, 'union', '张承办');
  const wang = await person(union, 'union', '王承办');
  const opened = await zhang.api('POST', '/api/cases', openCaseBody());
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  return { e, union, procuratorate, court, chief, zhang, wang, caseId: opened.body.caseId as string };
}

describe('承办人 at the API (issue 13.5): POST /api/cases/:caseId/assign-handler against a real store', () => {
  it('assigns the case to a liaison of the agency by id; the event carries names, is signed, and the case, commands and inbox show it', async () => {
    const { e, union, chief, zhang, wang, caseId } = await setUp();
    await person(union, 'union', '钱审计', ['auditor']);

    // The chooser: the agency's active liaisons by name (the auditor is none).
    const assignable = await chief.api('GET', '/api/handlers/assignable');
    expect(assignable.status).toBe(200);
    const names = (assignable.body.users as { displayName: string }[]).map((u) => u.displayName);
    expect(names).toEqual(expect.arrayContaining(['李科长', '张承办', '王承办']));
    expect(names).not.toContain('钱审计');

    // The act form offers it with the same people as choices, by name.
    const commands = await chief.api('GET', `/api/cases/${caseId}/commands`);
    const offered = (commands.body.commands as { name: string; choices: Record<string, { value: string; label: { zh: string } }[]> }[]).find(
      (c) => c.name === 'AssignHandler',
    );
    expect(offered?.choices['userId']).toContainEqual({ value: zhang.userId, label: { zh: '张承办', en: '张承办' } });

    const assigned = await chief.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: zhang.userId, note: '熟悉该企业' });
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
    expect(assigned.body.events).toEqual(['HandlerAssigned']);
    const last = (await streamOf(e.store, caseId)).at(-1)!;
    expect(last.type).toBe('HandlerAssigned');
    expect(last.data).toEqual({
      agency: 'union',
      handler: { userId: zhang.userId, displayName: '张承办' },
      assignedBy: { userId: chief.userId, displayName: '李科长' },
      note: '熟悉该企业',
    });
    expect(last.metadata['occurredAt']).toBeTruthy();
    expect(await verifyStreamSignatures(e.store, caseStream(caseId), await readPublishedKeys(e.store))).toMatchObject({ ok: true, problems: [] });

    const view = await wang.api('GET', `/api/cases/${caseId}`);
    expect(view.body.handlers).toEqual({ union: { userId: zhang.userId, displayName: '张承办' } });

    // 我的案件, 我的期限: the handler's inbox has the case and the worker's feedback deadline; a colleague's has neither.
    const mine = await zhang.api('GET', '/api/inbox');
    expect(mine.body.mine.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
    expect(mine.body.mine.deadlines).toContainEqual(expect.objectContaining({ caseId, kind: 'worker_feedback' }));
    // The console asks for its parts only (?parts=leads,mine): the same 我的案件, 我的期限, without the agency's whole board.
    const part = await zhang.api('GET', '/api/inbox?parts=leads,mine');
    expect(part.body.mine).toEqual(mine.body.mine);
    expect([part.body.cases, part.body.deadlines]).toEqual([[], []]);
    const theirs = await wang.api('GET', '/api/inbox');
    expect(theirs.body.mine).toEqual({ cases: [], deadlines: [] });
    expect(theirs.body.cases.map((c: { caseId: string }) => c.caseId)).toContain(caseId);
  });

  it('reassigns: the event names the one before; the same person again is refused (409 H1.same)', async () => {
    const { e, chief, zhang, wang, caseId } = await setUp();
    expect((await chief.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: zhang.userId })).status).toBe(200);
    const again = await chief.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: zhang.userId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ruleId: 'H1.same' });
    expect(JSON.stringify(again.body)).toMatch(/已是本机构的承办人/);

    // A liaison may pass the case on.
    const passed = await zhang.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: wang.userId, note: '工作调整' });
    expect(passed.status, JSON.stringify(passed.body)).toBe(200);
    const last = (await streamOf(e.store, caseId)).at(-1)!;
    expect(last.data).toMatchObject({ handler: { userId: wang.userId, displayName: '王承办' }, previous: { userId: zhang.userId, displayName: '张承办' } });
    expect((await zhang.api('GET', '/api/inbox')).body.mine.cases).toEqual([]);
    expect((await wang.api('GET', '/api/inbox')).body.mine.cases.map((c: { caseId: string }) => c.caseId)).toEqual([caseId]);
  });

  it('refuses, writing nothing: no such user (400 on userId), another agency’s user, a disabled account or an auditor (409), a bad body, a closed case', async () => {
    const { e, union, procuratorate, chief, zhang, caseId } = await setUp();
    const before = (await streamOf(e.store, caseId)).length;
    const post = (body: unknown) => chief.api('POST', `/api/cases/${caseId}/assign-handler`, body);

    const nobody = await post({ userId: id() });
    expect(nobody.status).toBe(400);
    expect(nobody.body).toMatchObject({ ruleId: 'H1.user', errors: [{ path: 'userId' }] });
    expect(JSON.stringify(nobody.body)).toMatch(/承办人须为本机构的用户/);

    const prosecutor = await person(procuratorate, 'procuratorate', '李检察官');
    expect((await post({ userId: prosecutor.userId })).body).toMatchObject({ ruleId: 'H1.user' });

    const gone = await person(union, 'union', '赵离职');
    await union.service.users.db.run('UPDATE users SET disabled_at = ? WHERE id = ?', [new Date().toISOString(), gone.userId]);
    const disabled = await post({ userId: gone.userId });
    expect(disabled.status).toBe(409);
    expect(disabled.body).toMatchObject({ ruleId: 'H1.active' });
    expect(JSON.stringify(disabled.body)).toMatch(/赵离职 的账号已停用/);
    expect(((await chief.api('GET', '/api/handlers/assignable')).body.users as { userId: string }[]).map((u) => u.userId)).not.toContain(gone.userId);

    const auditor = await person(union, 'union', '钱审计', ['auditor']);
    expect((await post({ userId: auditor.userId })).body).toMatchObject({ ruleId: 'H1.active' });

    const badId = await post({ userId: 'zhang' });
    expect(badId.status).toBe(400);
    expect(badId.body.errors).toContainEqual(expect.objectContaining({ path: 'userId' }));
    expect((await post({ userId: zhang.userId, extra: 1 })).status).toBe(400);
    expect((await post([])).status).toBe(400);
    // An auditor may not assign at all (role).
    expect((await auditor.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: zhang.userId })).status).toBe(403);
    expect((await streamOf(e.store, caseId)).length).toBe(before);

    // A closed case takes no handler.
    await zhang.api('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已告知' });
    const close = await zhang.api('POST', `/api/cases/${caseId}/close-case`, { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '职工撤回' });
    expect(close.status, JSON.stringify(close.body)).toBe(200);
    const closed = await post({ userId: zhang.userId });
    expect(closed.status).toBe(409);
    expect(closed.body).toMatchObject({ ruleId: 'CHAIN.closed' });
  });

  it('each agency its own: the procuratorate assigns its prosecutor once the lead reached it; an agency with no part cannot', async () => {
    const { e, procuratorate, court, chief, zhang, caseId } = await setUp();
    expect((await chief.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: zhang.userId })).status).toBe(200);
    const li = await person(procuratorate, 'procuratorate', '李检察官');
    const early = await li.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: li.userId });
    expect(early.status).toBe(404); // takes no part: learns nothing of the case
    await zhang.api('POST', `/api/cases/${caseId}/transfer-lead`, { leadId: id(), to: 'procuratorate', summary: '线索移送', feedbackDueAt: inDays(10) });
    const own = await li.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: li.userId });
    expect(own.status, JSON.stringify(own.body)).toBe(200);
    const view = await li.api('GET', `/api/cases/${caseId}`);
    expect(view.body.handlers).toEqual({
      union: { userId: zhang.userId, displayName: '张承办' },
      procuratorate: { userId: li.userId, displayName: '李检察官' },
    });
    const judge = await person(court, 'court', '周法官');
    expect((await judge.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: judge.userId })).status).toBe(404);
    expect((await streamOf(e.store, caseId)).filter((ev) => ev.type === 'HandlerAssigned')).toHaveLength(2);
  });

  it('the workload: per person the open cases they handle and the overdue deadlines on them, for administrators only', async () => {
    const { chief, zhang, wang, caseId } = await setUp();
    const overdue = await zhang.api('POST', '/api/cases', { ...openCaseBody(), occurredAt: new Date(Date.now() - 30 * 3_600_000).toISOString() });
    expect(overdue.status).toBe(201);
    await chief.api('POST', `/api/cases/${caseId}/assign-handler`, { userId: zhang.userId });
    await chief.api('POST', `/api/cases/${overdue.body.caseId}/assign-handler`, { userId: zhang.userId });
    const load = await chief.api('GET', '/api/handlers/workload');
    expect(load.status).toBe(200);
    expect(load.body.upToDate).toBe(true);
    const byName = Object.fromEntries((load.body.people as { displayName: string }[]).map((p) => [p.displayName, p]));
    // The worker's feedback, due 24 hours after the call 30 hours ago, is overdue; the other case's is due soon.
    expect(byName['张承办']).toMatchObject({ userId: zhang.userId, openCases: 2, overdueDeadlines: 1, dueSoonDeadlines: 1 });
    expect(byName['王承办']).toMatchObject({ userId: wang.userId, openCases: 0, overdueDeadlines: 0 });
    expect(load.body.people[0].displayName).toBe('张承办');
    expect((await zhang.api('GET', '/api/handlers/workload')).status).toBe(403);
  });
});
