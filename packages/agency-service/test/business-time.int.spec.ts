import Database from 'better-sqlite3';
import { caseStream } from '@hub/case-domain';
import { OCCURRED_AT } from '@hub/contracts';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { id } from './given.js';
import { env, openCaseBody, request, streamOf } from './support.js';

const HOUR = 3_600_000;
const ago = (hours: number) => new Date(Date.now() - hours * HOUR);
/** The same instant written as Beijing staff write it: with +08:00. */
const beijing = (instant: Date) => `${new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;

async function twoServices() {
  const e = env();
  const union = await e.boot('union');
  const procuratorate = await e.boot('procuratorate');
  return { e, union, procuratorate, unionApi: await union.as(['liaison']), procApi: await procuratorate.as(['liaison']) };
}

describe('business time at the API: every act may say when it happened (issue 13.4)', () => {
  it('records an act after the fact: occurredAt (with an offset) is stored in UTC in the signed metadata, and deadlines run from it', async () => {
    const { e, unionApi } = await twoServices();
    const happened = new Date(Math.floor(ago(5).getTime() / 1000) * 1000);
    const opened = await unionApi('POST', '/api/cases', { ...openCaseBody(), occurredAt: beijing(happened) });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const [event] = await streamOf(e.store, opened.body.caseId);
    expect(event!.metadata[OCCURRED_AT]).toBe(happened.toISOString());
    expect(Date.parse(event!.metadata.recordedAt) - happened.getTime()).toBeGreaterThan(5 * HOUR - 60_000);
    // The worker is owed feedback 24 hours after the call, not after it was typed in.
    expect((event!.data as { workerFeedbackDueAt: string }).workerFeedbackDueAt).toBe(new Date(happened.getTime() + 24 * HOUR).toISOString());
    expect(await verifyStreamSignatures(e.store, caseStream(opened.body.caseId), await readPublishedKeys(e.store))).toMatchObject({ ok: true, problems: [] });

    // Without occurredAt the act happened as it was handled.
    const now = await unionApi('POST', '/api/cases', openCaseBody());
    const [plain] = await streamOf(e.store, now.body.caseId);
    expect(Math.abs(Date.parse(plain!.metadata[OCCURRED_AT] as string) - Date.parse(plain!.metadata.recordedAt))).toBeLessThan(60_000);
  });

  it('occurredAt is under the agency signature and the hash chain: editing it in the store is caught', async () => {
    const { e, unionApi } = await twoServices();
    const opened = await unionApi('POST', '/api/cases', { ...openCaseBody(), occurredAt: ago(3).toISOString() });
    const stream = caseStream(opened.body.caseId);
    const db = new Database(e.storePath);
    try {
      const changed = db
        .prepare("UPDATE events SET metadata = json_set(metadata, '$.occurredAt', ?) WHERE stream = ? AND revision = 0")
        .run(ago(1).toISOString(), stream).changes;
      expect(changed).toBe(1);
    } finally {
      db.close();
    }
    expect(await verifyStreamSignatures(e.store, stream, await readPublishedKeys(e.store))).toMatchObject({ ok: false });
    expect(await e.store.verifyStream(stream)).toMatchObject({ ok: false, brokenAt: 0n });
  });

  it('refuses, in both languages and writing nothing, an act in the future, before the case was opened, or before the act it answers', async () => {
    const { e, unionApi, procApi } = await twoServices();
    const future = await unionApi('POST', '/api/cases', { ...openCaseBody(), occurredAt: new Date(Date.now() + HOUR).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ ruleId: 'T1.future', errors: [{ path: 'occurredAt' }] });
    expect(future.body.detail ?? future.body.title).toBeTruthy();
    expect(JSON.stringify(future.body)).toMatch(/发生时间不能晚于当前时间/);
    expect(JSON.stringify(future.body)).toMatch(/cannot have happened in the future/);

    const opened = await unionApi('POST', '/api/cases', { ...openCaseBody(), occurredAt: ago(6).toISOString() });
    const caseId = opened.body.caseId as string;
    const early = await unionApi('POST', `/api/cases/${caseId}/give-worker-feedback`, {
      channel: 'phone',
      summary: '电话告知',
      occurredAt: ago(7).toISOString(),
    });
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ ruleId: 'T1.before-opened', errors: [{ path: 'occurredAt' }] });

    const leadId = id();
    const transfer = { leadId, to: 'procuratorate', summary: '线索移送', feedbackDueAt: new Date(Date.now() + 10 * 86_400_000).toISOString() };
    expect((await unionApi('POST', `/api/cases/${caseId}/transfer-lead`, { ...transfer, occurredAt: ago(4).toISOString() })).status).toBe(200);
    const before = await procApi('POST', `/api/cases/${caseId}/accept-lead`, { leadId, occurredAt: ago(5).toISOString() });
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ ruleId: 'T1.before-answered' });
    // The opening, its 案号 and the transfer: the refused acceptance wrote nothing.
    expect((await streamOf(e.store, caseId)).map((x) => x.type)).toEqual(['CaseOpened', 'CaseNumberAssigned', 'LeadTransferred']);
    const accepted = await procApi('POST', `/api/cases/${caseId}/accept-lead`, { leadId, occurredAt: ago(3).toISOString() });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  });

  it('answers 400 on occurredAt for a time without an offset or no time at all', async () => {
    const { unionApi } = await twoServices();
    for (const occurredAt of ['2026-12-07T09:30:00', 'yesterday', 12, '9999-01-01T00:00:00Z']) {
      const response = await unionApi('POST', '/api/cases', { ...openCaseBody(), occurredAt });
      expect(response.status, String(occurredAt)).toBe(400);
      expect(response.body.errors.map((i: { path: string }) => i.path)).toEqual(['occurredAt']);
    }
  });

  it('reads an event written before business time as happened when it was recorded', async () => {
    const { e, unionApi } = await twoServices();
    const opened = await unionApi('POST', '/api/cases', openCaseBody());
    const caseId = opened.body.caseId as string;
    // Take occurredAt off, as events of earlier versions have none (the chain is not checked by commands).
    const db = new Database(e.storePath);
    db.prepare("UPDATE events SET metadata = json_remove(metadata, '$.occurredAt') WHERE stream = ?").run(caseStream(caseId));
    db.close();
    expect((await streamOf(e.store, caseId))[0]!.metadata[OCCURRED_AT]).toBeUndefined();
    const before = await unionApi('POST', `/api/cases/${caseId}/give-worker-feedback`, {
      channel: 'phone',
      summary: '电话告知',
      occurredAt: ago(1).toISOString(),
    });
    expect(before.status).toBe(400);
    expect(before.body).toMatchObject({ ruleId: 'T1.before-opened' });
  });
});

describe('machine acts look like machine acts (issue 13.8)', () => {
  it('an act sent with an API key says so in its metadata, with the service account; one from a session does not', async () => {
    const { e, union, unionApi } = await twoServices();
    const { account, apiKey } = await union.service.serviceAccounts.create({ agency: 'union', name: '12351平台', roles: ['liaison'] });
    const byKey = await request(union.url)('POST', '/api/cases', openCaseBody(), { authorization: `ApiKey ${apiKey}` });
    expect(byKey.status).toBe(201);
    const [machine] = await streamOf(e.store, byKey.body.caseId);
    expect(machine!.metadata).toMatchObject({ actor: { agency: 'union', userId: account.id, via: 'api_key' }, userName: '12351平台' });

    const bySession = await unionApi('POST', '/api/cases', openCaseBody());
    const [person] = await streamOf(e.store, bySession.body.caseId);
    expect(person!.metadata['actor']).toEqual({ agency: 'union', userId: expect.any(String) });
    expect(await verifyStreamSignatures(e.store, caseStream(byKey.body.caseId), await readPublishedKeys(e.store))).toMatchObject({ ok: true });
  });
});

describe('business time on the other streams: warnings and joint meetings', () => {
  it('a warning raised after the fact carries occurredAt; one in the future is refused and nothing is written', async () => {
    const { e, unionApi } = await twoServices();
    const body = {
      employer: { name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' },
      level: 'orange',
      reasons: ['连续 2 个月未发放工资'],
      region: '330106',
    };
    const raised = await unionApi('POST', '/api/warnings', { ...body, occurredAt: ago(2).toISOString() });
    expect(raised.status, JSON.stringify(raised.body)).toBe(201);
    const warnings = async () => {
      const events: Awaited<ReturnType<typeof streamOf>> = [];
      for await (const event of e.store.readAll({ filter: { streamPrefix: 'warning-' } })) events.push(event);
      return events;
    };
    const [event] = await warnings();
    expect(Math.abs(Date.parse(event!.metadata[OCCURRED_AT] as string) - (Date.now() - 2 * HOUR))).toBeLessThan(60_000);
    const future = await unionApi('POST', '/api/warnings', { ...body, occurredAt: new Date(Date.now() + HOUR).toISOString() });
    expect(future.status).toBe(400);
    expect(future.body).toMatchObject({ ruleId: 'T1.future' });
    expect(await warnings()).toHaveLength(1);
  });

  it('the OpenAPI document shows occurredAt on case commands, meetings and warnings', async () => {
    const { union } = await twoServices();
    const doc = (await request(union.url)('GET', '/openapi.json')).body as { paths: Record<string, { post?: unknown }> };
    for (const path of ['/api/cases', '/api/cases/{caseId}/accept-lead', '/api/meetings', '/api/meetings/{meetingId}/hold', '/api/warnings']) {
      expect(JSON.stringify(doc.paths[path]?.post ?? null), path).toContain('occurredAt');
    }
  });
});
