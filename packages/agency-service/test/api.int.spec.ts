import { randomUUID } from 'node:crypto';
import { commandDefinitions } from '@hub/contracts';
import { readPublishedKeys } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { caseStream } from '@hub/case-domain';
import { apiSpec, as, expectNewEvents, expectResponse, expectSigned } from './api-spec.js';
import { act, cmd, id, opened } from './given.js';
import { env, inDays, openCaseBody, request, streamOf } from './support.js';

describe('agency service API', () => {
  it('logs in, refuses a wrong password with a 401 problem, and answers 401 without a token', async () => {
    const e = env();
    const union = await e.boot('union');
    await union.service.users.create({ agency: 'union', username: 'li', password: '正确的密码-Correct-Horse-9', roles: ['liaison'] });
    const anon = request(union.url);
    const wrong = await anon('POST', '/api/session', { username: 'li', password: 'wrong password!' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ type: 'urn:hub:problem:login-failed', status: 401 });
    expect((await anon('POST', '/api/session', { username: 'li', password: '正确的密码-Correct-Horse-9' })).status).toBe(201);
    const noToken = await anon('POST', '/api/cases', openCaseBody());
    expect(noToken.status).toBe(401);
    expect((await anon('GET', `/api/cases/${randomUUID()}`)).status).toBe(401);
    expect((await anon('GET', '/health')).body.status).toBe('ok');
  });

  it('opens a case, runs a command on it, and signs every event it appends', async () => {
    const spec = apiSpec();
    const caseOf = (response: { body: { caseId: string } }) => caseStream(response.body.caseId);
    const registerOfYear = `register-union-case-${new Date().toLocaleString('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' })}`;
    await spec
      .given()
      .when(as('union').post('/api/cases', openCaseBody(), { 'x-correlation-id': 'corr-1' }))
      .then(
        expectResponse(201, {
          revision: '1',
          events: ['CaseOpened', 'CaseNumberAssigned'],
          caseNumber: expect.stringMatching(/^〔\d{4}〕浙0106工维字第\d+号$/),
        }),
        expectNewEvents(caseOf, [
          { type: 'CaseOpened', metadata: { schemaVersion: 3, agency: 'union', actor: { agency: 'union' }, correlationId: 'corr-1' } },
          { type: 'CaseNumberAssigned', metadata: { schemaVersion: 1, agency: 'union', actor: { agency: 'union' }, correlationId: 'corr-1' } },
        ]),
        expectSigned(caseOf, 2),
        // The number came from the union's case register of the year: its first number, signed too.
        expectNewEvents(registerOfYear, [{ type: 'NumberIssued', data: { issuer: 'union', kind: 'case', sequence: 1 } }]),
        expectSigned(registerOfYear, 1),
      );

    const caseId = id();
    await spec
      .given(opened(caseId))
      .when(as('union').post(`/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知受理情况' }))
      .then(
        expectResponse(200, { caseId, revision: '1', events: ['WorkerFeedbackGiven'] }),
        expectNewEvents(caseStream(caseId), [
          { type: 'WorkerFeedbackGiven', metadata: { schemaVersion: 1, userName: '测试liaison', causationId: expect.any(String) } },
        ]),
        expectSigned(caseStream(caseId), 2),
      );

    await spec
      .given(opened(caseId), act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已电话告知受理情况' })))
      .when(as('union').get(`/api/cases/${caseId}`))
      .thenNothingWritten(
        expectResponse(200, { caseId, status: 'open', revision: '1', openedBy: 'union', participants: ['union'], workerFeedback: { given: true } }),
      );
  });

  it('answers 400 with zod issues and writes nothing', async () => {
    const spec = apiSpec();
    await spec
      .given()
      .when(as('union').post('/api/cases', openCaseBody({ amountClaimedFen: 12.5, workers: [{ name: '' }] })))
      .thenNothingWritten(
        expectResponse(400, (body) =>
          expect(body.errors.map((i: { path: string }) => i.path)).toEqual(expect.arrayContaining(['amountClaimedFen', 'workers.0.name'])),
        ),
      );
    const caseId = id();
    await spec
      .given(opened(caseId))
      .when(as('union').post(`/api/cases/${caseId}/transfer-lead`, { leadId: 'not-a-uuid', to: 'nowhere', summary: '', feedbackDueAt: 'tomorrow' }))
      .thenNothingWritten(expectResponse(400, (body) => expect(body.errors.length).toBeGreaterThanOrEqual(3)));
  });

  it('answers 403 for an act of another agency (a union 检察建议) and for a missing role, writing nothing', async () => {
    const caseId = id();
    const open = apiSpec().given(opened(caseId));
    const letter = {
      letterId: id(),
      kind: 'procuratorial_recommendation',
      addressee: { kind: 'enterprise', name: '某建筑劳务有限公司' },
      summary: '建议依法支付工资',
    };
    await open
      .when(as('union').post(`/api/cases/${caseId}/issue-supervision-letter`, letter))
      .thenNothingWritten(expectResponse(403, { ruleId: 'R1', status: 403, detail: expect.stringContaining('检察建议') }));
    await open
      .when(
        as('union').post(`/api/cases/${caseId}/issue-judgment`, {
          litigationId: id(),
          judgmentNo: '(2026)浙0106民初1号',
          amountAwardedFen: 1,
          summary: '判决',
        }),
      )
      .thenNothingWritten(expectResponse(403, { ruleId: 'R1' }));
    await open
      .when(as('union', ['auditor']).post(`/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '反馈' }))
      .thenNothingWritten(expectResponse(403));
    await open.when(as('union', ['auditor']).post('/api/cases', openCaseBody())).thenNothingWritten(expectResponse(403));
  });

  it('answers 404 for an unknown command or case', async () => {
    const caseId = id();
    const open = apiSpec().given(opened(caseId, 'court'));
    const court = as('court');
    await open.when(court.post(`/api/cases/${caseId}/make-coffee`, {})).thenNothingWritten(expectResponse(404));
    await open.when(court.post(`/api/cases/${caseId}/open-case`, openCaseBody())).thenNothingWritten(expectResponse(404));
    await open
      .when(court.post(`/api/cases/${id()}/give-worker-feedback`, { channel: 'phone', summary: '反馈' }))
      .thenNothingWritten(expectResponse(404, { type: 'urn:hub:problem:not-found' }));
    await open.when(court.get(`/api/cases/${id()}`)).thenNothingWritten(expectResponse(404));
    await open.when(court.get('/api/cases/not-a-uuid')).thenNothingWritten(expectResponse(404));
  });

  it('answers 409 with the rule id when the decider refuses', async () => {
    const caseId = id();
    const open = apiSpec().given(opened(caseId));
    await open
      .when(as('union').post(`/api/cases/${caseId}/close-case`, { resolution: 'withdrawn', amountRecoveredFen: 0, summary: '职工撤回' }))
      .thenNothingWritten(expectResponse(409, { ruleId: 'R7.feedback' }));
    await open
      .when(as('union').post(`/api/cases/${caseId}/transfer-lead`, { leadId: id(), to: 'procuratorate', summary: '移送', feedbackDueAt: inDays(-1) }))
      .thenNothingWritten(expectResponse(409, { ruleId: 'R6.lead-deadline' }));
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
    const { account, apiKey } = await union.service.serviceAccounts.create({ agency: 'union', name: '12351 热线平台', roles: ['liaison'] });
    const hotline = request(union.url);
    const opened = await hotline('POST', '/api/cases', openCaseBody(), { authorization: `ApiKey ${apiKey}` });
    expect(opened.status).toBe(201);
    const [event] = await streamOf(e.store, opened.body.caseId);
    expect(event!.metadata).toMatchObject({ agency: 'union', actor: { agency: 'union', userId: account.id } });
    expect((await hotline('POST', '/api/cases', openCaseBody(), { authorization: 'ApiKey hub_union_wrong' })).status).toBe(401);
  });
});
