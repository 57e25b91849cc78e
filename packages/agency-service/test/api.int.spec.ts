import { randomUUID } from 'node:crypto';
import { commandDefinitions } from '@hub/contracts';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { env, inDays, openCaseBody, request, streamOf } from './support.js';

describe('agency service API', () => {
  it('logs in, refuses a wrong password with a 401 problem, and answers 401 without a token', async () => {
    const e = env();
    const union = await e.boot('union');
    await union.service.users.create({ agency: 'union', username: 'li', password: '正确的密码-correct-horse', roles: ['liaison'] });
    const anon = request(union.url);
    const wrong = await anon('POST', '/api/session', { username: 'li', password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ type: 'urn:hub:problem:login-failed', status: 401 });
    expect((await anon('POST', '/api/session', { username: 'li', password: '正确的密码-correct-horse' })).status).toBe(201);
    const noToken = await anon('POST', '/api/cases', openCaseBody());
    expect(noToken.status).toBe(401);
    expect((await anon('GET', `/api/cases/${randomUUID()}`)).status).toBe(401);
    expect((await anon('GET', '/health')).body.status).toBe('ok');
  });

  it('opens a case, runs a command on it, and signs every event it appends', async () => {
    const e = env();
    const union = await e.boot('union');
    const api = await union.as(['liaison']);
    const opened = await api('POST', '/api/cases', openCaseBody(), { 'x-correlation-id': 'corr-1' });
    expect(opened.status).toBe(201);
    expect(opened.body).toMatchObject({ revision: '0', events: ['CaseOpened'] });
    const { caseId } = opened.body;
    const feedback = await api('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知受理情况' });
    expect(feedback.status).toBe(200);
    expect(feedback.body).toMatchObject({ caseId, revision: '1', events: ['WorkerFeedbackGiven'] });

    const events = await streamOf(e.store, caseId);
    expect(events[0]!.metadata).toMatchObject({ schemaVersion: 2, agency: 'union', actor: { agency: 'union' }, correlationId: 'corr-1' });
    expect(events[1]!.metadata).toMatchObject({ schemaVersion: 1, userName: '测试liaison' });
    expect(typeof events[1]!.metadata.causationId).toBe('string');
    const report = await verifyStreamSignatures(e.store, `case-${caseId}`, await readPublishedKeys(e.store));
    expect(report).toMatchObject({ ok: true, events: 2, problems: [] });

    const read = await api('GET', `/api/cases/${caseId}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ caseId, status: 'open', revision: '1', openedBy: 'union', participants: ['union'] });
    expect(read.body.workerFeedback.given).toBe(true);
  });

  it('answers 400 with zod issues and writes nothing', async () => {
    const e = env();
    const api = await (await e.boot('union')).as(['liaison']);
    const bad = await api('POST', '/api/cases', openCaseBody({ amountClaimedFen: 12.5, workers: [{ name: '' }] }));
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['amountClaimedFen', 'workers.0.name']));
    expect(await e.store.headPosition()).toBe(2n); // the two published keys only
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const before = await streamOf(e.store, caseId);
    const badCommand = await api('POST', `/api/cases/${caseId}/transfer-lead`, { leadId: 'not-a-uuid', to: 'nowhere', summary: '', feedbackDueAt: 'tomorrow' });
    expect(badCommand.status).toBe(400);
    expect(badCommand.body.errors.length).toBeGreaterThanOrEqual(3);
    expect(await streamOf(e.store, caseId)).toEqual(before);
  });

  it('answers 403 for an act of another agency (a union 检察建议) and for a missing role, writing nothing', async () => {
    const e = env();
    const union = await e.boot('union');
    const api = await union.as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const letter = { letterId: randomUUID(), kind: 'procuratorial_recommendation', addressee: { kind: 'enterprise', name: '某建筑劳务有限公司' }, summary: '建议依法支付工资' };
    const refused = await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, letter);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ ruleId: 'R1', status: 403 });
    expect(refused.body.detail).toContain('检察建议');
    const judgment = await api('POST', `/api/cases/${caseId}/issue-judgment`, { litigationId: randomUUID(), judgmentNo: '(2026)浙0106民初1号', amountAwardedFen: 1, summary: '判决' });
    expect(judgment).toMatchObject({ status: 403, body: { ruleId: 'R1' } });
    const auditor = await union.as(['auditor']);
    expect((await auditor('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '反馈' })).status).toBe(403);
    expect((await auditor('POST', '/api/cases', openCaseBody())).status).toBe(403);
    expect(await streamOf(e.store, caseId)).toHaveLength(1);
  });

  it('answers 404 for an unknown command or case', async () => {
    const e = env();
    const api = await (await e.boot('court')).as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    expect((await api('POST', `/api/cases/${caseId}/make-coffee`, {})).status).toBe(404);
    expect((await api('POST', `/api/cases/${caseId}/open-case`, openCaseBody())).status).toBe(404);
    const unknown = await api('POST', `/api/cases/${randomUUID()}/give-worker-feedback`, { channel: 'phone', summary: '反馈' });
    expect(unknown).toMatchObject({ status: 404, body: { type: 'urn:hub:problem:not-found' } });
    expect((await api('GET', `/api/cases/${randomUUID()}`)).status).toBe(404);
    expect((await api('GET', '/api/cases/not-a-uuid')).status).toBe(404);
  });

  it('answers 409 with the rule id when the decider refuses', async () => {
    const e = env();
    const api = await (await e.boot('union')).as(['liaison']);
    const { caseId } = (await api('POST', '/api/cases', openCaseBody())).body;
    const close = await api('POST', `/api/cases/${caseId}/close-case`, { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '职工撤回' });
    expect(close).toMatchObject({ status: 409, body: { ruleId: 'R7.feedback' } });
    const lead = await api('POST', `/api/cases/${caseId}/transfer-lead`, { leadId: randomUUID(), to: 'procuratorate', summary: '移送', feedbackDueAt: inDays(-1) });
    expect(lead).toMatchObject({ status: 409, body: { ruleId: 'R6.lead-deadline' } });
    expect(await streamOf(e.store, caseId)).toHaveLength(1);
  });

  it('publishes its keys once however often it starts, and documents every command in /openapi.json', async () => {
    const e = env();
    const first = await e.boot('hr_bureau', { dataDir: `${e.dir}/hr` });
    await first.service.close();
    const again = await e.boot('hr_bureau', { dataDir: `${e.dir}/hr` });
    expect((await readPublishedKeys(e.store)).filter((k) => k.agency === 'hr_bureau')).toHaveLength(2);
    const doc = (await request(again.url)('GET', '/openapi.json')).body;
    for (const c of commandDefinitions) {
      const path = c.name === 'OpenCase' ? '/api/cases' : `/api/cases/{caseId}/${c.path}`;
      expect(doc.paths[path]?.post?.requestBody, path).toBeDefined();
    }
    for (const path of ['/api/session', '/api/cases/{caseId}', '/api/inbox']) expect(doc.paths[path]).toBeDefined();
  });
});

describe('machine clients', () => {
  it('lets a 12351 hotline platform open a case with an API key, recorded as that service account', async () => {
    const e = env();
    const union = await e.boot('union');
    const { account, apiKey } = union.service.serviceAccounts.create({ agency: 'union', name: '12351 热线平台', roles: ['liaison'] });
    const hotline = request(union.url);
    const opened = await hotline('POST', '/api/cases', openCaseBody(), { authorization: `ApiKey ${apiKey}` });
    expect(opened.status).toBe(201);
    const [event] = await streamOf(e.store, opened.body.caseId);
    expect(event!.metadata).toMatchObject({ agency: 'union', actor: { agency: 'union', userId: account.id } });
    expect((await hotline('POST', '/api/cases', openCaseBody(), { authorization: 'ApiKey hub_union_wrong' })).status).toBe(401);
  });
});
