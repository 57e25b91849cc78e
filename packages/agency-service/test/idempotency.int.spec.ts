import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { env, inDays, openCaseBody, streamOf, type Api } from './support.js';

/** Issue 10 item 4: a command sent again with the same Idempotency-Key (or the same entity id) gets the first answer. */

const keyed = (key: string) => ({ 'idempotency-key': key });
const caseStreams = async (e: ReturnType<typeof env>): Promise<string[]> => {
  const streams = new Set<string>();
  for await (const event of e.store.readAll({ filter: { streamPrefix: 'case-' } })) streams.add(event.stream);
  return [...streams];
};
const leadBody = (leadId: string, summary = '涉嫌拒不支付劳动报酬') => ({ leadId, to: 'procuratorate', summary, feedbackDueAt: inDays(14) });

async function openedCase(api: Api): Promise<string> {
  const opened = await api('POST', '/api/cases', openCaseBody());
  expect(opened.status).toBe(201);
  return opened.body.caseId as string;
}

describe('POST /api/cases with an Idempotency-Key', () => {
  it('given 10 identical requests with one key sent one after another, when each is answered, then one case exists and all 10 answers are the first', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const key = randomUUID();
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await union('POST', '/api/cases', openCaseBody(), keyed(key)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(answers[0]!.body.events).toEqual(['CaseOpened', 'CaseNumberAssigned']);
    expect(await caseStreams(e)).toEqual([`case-${answers[0]!.body.caseId}`]);
    expect(await streamOf(e.store, answers[0]!.body.caseId)).toHaveLength(2);
  });

  it('given 10 identical requests with one key in flight at once, when all are answered, then one case exists and all 10 answers are the same', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: 10 }, () => union('POST', '/api/cases', openCaseBody(), keyed(key))));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(201));
    for (const answer of answers) expect(answer.body).toEqual(answers[0]!.body);
    expect(await caseStreams(e)).toEqual([`case-${answers[0]!.body.caseId}`]);
    expect(await streamOf(e.store, answers[0]!.body.caseId)).toHaveLength(2);
  });

  it('given a case opened with a key, when the key comes again with another body, then 422 in both languages and nothing is written', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const key = randomUUID();
    const first = await union('POST', '/api/cases', openCaseBody(), keyed(key));
    const head = await e.store.headPosition();
    const reused = await union('POST', '/api/cases', openCaseBody({ workerCount: 4 }), keyed(key));
    expect(reused.status).toBe(422);
    expect(reused.body).toMatchObject({
      type: 'urn:hub:problem:idempotency-key-reused',
      status: 422,
      detail: expect.stringContaining('Idempotency-Key'),
      detailEn: expect.stringContaining('different request'),
    });
    expect(await e.store.headPosition()).toBe(head);
    expect(await caseStreams(e)).toEqual([`case-${first.body.caseId}`]);
  });

  it('given a malformed key, when a case is opened with it, then 400 naming the header and nothing is written', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    for (const bad of ['', 'x'.repeat(256), 'has space', 'clé']) {
      const refused = await union('POST', '/api/cases', openCaseBody(), { 'idempotency-key': bad });
      expect(refused.status, JSON.stringify(bad)).toBe(400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'Idempotency-Key' })]);
    }
    expect(await caseStreams(e)).toEqual([]);
  });
});

describe('case commands sent again', () => {
  it('given a lead transferred, when transfer-lead is resent with the same leadId and body (no key), then the first answer and no new events', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const caseId = await openedCase(union);
    const body = leadBody(randomUUID());
    const first = await union('POST', `/api/cases/${caseId}/transfer-lead`, body);
    expect(first).toMatchObject({ status: 200, body: { caseId, revision: '2', events: ['LeadTransferred'] } });
    const again = await union('POST', `/api/cases/${caseId}/transfer-lead`, body);
    expect(again).toEqual(first);
    expect(await streamOf(e.store, caseId)).toHaveLength(3);
  });

  it('given a lead transferred, when another transfer names the same leadId, then 409 id already in use as before', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const caseId = await openedCase(union);
    const leadId = randomUUID();
    await union('POST', `/api/cases/${caseId}/transfer-lead`, leadBody(leadId));
    const other = await union('POST', `/api/cases/${caseId}/transfer-lead`, leadBody(leadId, '另一条线索'));
    expect(other).toMatchObject({ status: 409, body: { ruleId: 'CHAIN.duplicate-id' } });
    expect(await streamOf(e.store, caseId)).toHaveLength(3);
  });

  it('given a command recorded with a key and the case moved on, when it is sent again with the key, then the first answer, not a refusal', async () => {
    const e = env();
    const [unionSvc, procSvc] = [await e.boot('union'), await e.boot('procuratorate')];
    const [union, proc] = [await unionSvc.as(['liaison']), await procSvc.as(['liaison'])];
    const caseId = await openedCase(union);
    const leadId = randomUUID();
    await union('POST', `/api/cases/${caseId}/transfer-lead`, leadBody(leadId));
    const key = randomUUID();
    const first = await proc('POST', `/api/cases/${caseId}/accept-lead`, { leadId, note: '立案审查' }, keyed(key));
    expect(first.status).toBe(200);
    await proc('POST', `/api/cases/${caseId}/give-lead-feedback`, { leadId, summary: '已立案审查' });
    const again = await proc('POST', `/api/cases/${caseId}/accept-lead`, { leadId, note: '立案审查' }, keyed(key));
    expect(again).toEqual(first);
    const reused = await proc('POST', `/api/cases/${caseId}/decline-lead`, { leadId, reason: '不属于本院管辖' }, keyed(key));
    expect(reused.status).toBe(422);
    expect(await streamOf(e.store, caseId)).toHaveLength(5);
  });

  it('given two identical keyed commands in flight at once, when both are answered, then one set of events and the same answer', async () => {
    const e = env();
    const union = await (await e.boot('union')).as(['liaison']);
    const caseId = await openedCase(union);
    const key = randomUUID();
    const body = leadBody(randomUUID());
    const [a, b] = await Promise.all([1, 2].map(() => union('POST', `/api/cases/${caseId}/transfer-lead`, body, keyed(key))));
    expect(a!.status).toBe(200);
    expect(b).toEqual(a);
    expect(await streamOf(e.store, caseId)).toHaveLength(3);
  });
});
