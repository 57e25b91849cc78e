import { createHash, randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCatalogEvent } from '@hub/contracts';
import { letterContentOf, renderLetter, shanghaiYear } from '@hub/letters';
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../letters/test/pdf-text.js';
import { registerStream } from '../../src/index.js';
import { env, inDays, openCaseBody, streamOf, type Api, type Booted } from '../support.js';

const reminder = (overrides: Record<string, unknown> = {}) => ({
  letterId: randomUUID(),
  kind: 'reminder_letter',
  addressee: { kind: 'enterprise', name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' },
  summary: '经核查，你单位存在拖欠农民工工资的问题。请依法足额支付所欠工资。',
  replyDueAt: inDays(15),
  ...overrides,
});

/** GET as bytes (the JSON helper of support.ts reads only JSON). */
async function download(booted: Booted, token: string, caseId: string, letterId: string) {
  const res = await fetch(`${booted.url}/api/cases/${caseId}/letters/${letterId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, bytes, json: () => JSON.parse(Buffer.from(bytes).toString('utf8')) };
}

async function tokenOf(booted: Booted, roles: ('liaison' | 'auditor')[]): Promise<{ api: Api; token: string }> {
  const username = `u${randomUUID().slice(0, 8)}`;
  await booted.service.users.create({ agency: booted.service.agency, username, displayName: '测试', password: '正确的密码-Correct-Horse-9', roles });
  const res = await fetch(`${booted.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: '正确的密码-Correct-Horse-9' }),
  });
  const token = ((await res.json()) as { token: string }).token;
  return { api: await booted.as(roles), token };
}

const issuedLetters = async (store: Parameters<typeof streamOf>[0], caseId: string) =>
  (await streamOf(store, caseId)).filter((e) => e.type === 'SupervisionLetterIssued');

describe('letters issued as documents: 文号 from the register, the PDF proven by the signed event', { timeout: 90_000 }, () => {
  it('given an open case, when the union issues two 提示函, then they carry 西工提〔year〕1号 and 2号 and the PDF’s SHA-256, and the PDF downloads as recorded', async () => {
    const e = env();
    const union = await e.boot('union');
    const { api, token } = await tokenOf(union, ['liaison']);
    const opened = await api('POST', '/api/cases', openCaseBody());
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    const [first, second] = [reminder(), reminder({ kind: 'opinion_letter' }), reminder()].filter((l) => l.kind === 'reminder_letter');
    expect((await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, first)).status).toBe(200);
    expect((await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, second)).status).toBe(200);

    const year = shanghaiYear(new Date().toISOString());
    const letters = await issuedLetters(e.store, caseId);
    expect(letters.map((l) => (l.data as { documentNo: string }).documentNo)).toEqual([`西工提〔${year}〕1号`, `西工提〔${year}〕2号`]);
    for (const l of letters) expect(l.metadata['schemaVersion']).toBe(2);

    const event = readCatalogEvent(letters[0]!);
    if (event.type !== 'SupervisionLetterIssued' || !event.data.document) throw new Error('no document in the event');
    const { document } = event.data;
    expect(document.issuerName).toBe('杭州市西湖区总工会');
    expect(document.title).toBe('杭州市西湖区总工会关于某建筑劳务有限公司欠薪问题的提示函');
    // The letter names its case by the 案号 the opening was given, in the event and so in the PDF.
    expect(opened.body.caseNumber).toEqual(expect.any(String));
    expect(document.caseNumber).toBe(opened.body.caseNumber);

    const got = await download(union, token, caseId, first!.letterId);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('content-disposition')).toContain(encodeURIComponent(`西工提〔${year}〕1号.pdf`));
    expect(Buffer.from(got.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    expect(createHash('sha256').update(got.bytes).digest('hex')).toBe(document.sha256);
    expect(got.bytes.byteLength).toBe(document.size);
    const text = (await readPdf(got.bytes)).flatMap((p) => p.texts.map((t) => t.str));
    expect(text).toContain(`案号：${opened.body.caseNumber}`);

    // Printing again gives the same bytes, and so does rendering from the stored event alone.
    const again = await download(union, token, caseId, first!.letterId);
    expect(Buffer.from(again.bytes).equals(Buffer.from(got.bytes))).toBe(true);
    expect((await renderLetter(letterContentOf(event.data))).sha256).toBe(document.sha256);

    // The register holds the numbers, each for its letter.
    const register: { sequence: number; subject: string }[] = [];
    for await (const r of e.store.readStream(registerStream({ issuer: 'union', kind: 'reminder_letter', year })))
      register.push(r.data as { sequence: number; subject: string });
    expect(register.map((r) => [r.sequence, r.subject])).toEqual([
      [1, first!.letterId],
      [2, second!.letterId],
    ]);
  });

  it('given a letter handed over three hours ago and recorded now (补录), then its 成文日期 is when it happened and the PDF says so', async () => {
    const e = env();
    const union = await e.boot('union');
    const { api } = await tokenOf(union, ['liaison']);
    const opened = await api('POST', '/api/cases', { ...openCaseBody(), occurredAt: new Date(Date.now() - 5 * 3_600_000).toISOString() });
    const caseId = opened.body.caseId as string;
    const occurredAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    expect((await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, { ...reminder(), occurredAt })).status).toBe(200);
    const [letter] = await issuedLetters(e.store, caseId);
    const event = readCatalogEvent(letter!);
    if (event.type !== 'SupervisionLetterIssued' || !event.data.document) throw new Error('no document in the event');
    expect(event.data.document.issuedAt).toBe(occurredAt);
    expect(letter!.metadata['occurredAt']).toBe(occurredAt);
    // The date the PDF prints is the Beijing date of that moment (the content the PDF is rendered from).
    const content = letterContentOf(event.data);
    expect(content.issuedAt).toBe(occurredAt);
  });

  it('given letters issued at once on several cases, then their numbers are 1..n, each once, with no gap', async () => {
    const e = env();
    const union = await e.boot('union');
    const { api } = await tokenOf(union, ['liaison']);
    const cases = await Promise.all(Array.from({ length: 5 }, async () => (await api('POST', '/api/cases', openCaseBody())).body.caseId as string));
    const answers = await Promise.all(
      cases.map((caseId) => api('POST', `/api/cases/${caseId}/issue-supervision-letter`, reminder({ kind: 'recommendation_letter' }))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const numbers = (await Promise.all(cases.map((c) => issuedLetters(e.store, c)))).map((ls) => (ls[0]!.data as { documentNo: string }).documentNo);
    const sequences = numbers.map((n) => Number(/〕(\d+)号$/.exec(n)![1])).sort((a, b) => a - b);
    expect(sequences).toEqual([1, 2, 3, 4, 5]);
    for (const n of numbers) expect(n.startsWith('西工建〔')).toBe(true);
  });

  it('given two instances of the union service issuing at once, then the 文号 are still 1..n, each once', async () => {
    const e = env();
    const [a, b] = [await e.boot('union'), await e.boot('union')];
    const [apiA, apiB] = [(await tokenOf(a, ['liaison'])).api, (await tokenOf(b, ['liaison'])).api];
    const cases = await Promise.all(Array.from({ length: 6 }, async () => (await apiA('POST', '/api/cases', openCaseBody())).body.caseId as string));
    const answers = await Promise.all(
      cases.map((caseId, i) => (i % 2 === 0 ? apiA : apiB)('POST', `/api/cases/${caseId}/issue-supervision-letter`, reminder({ kind: 'opinion_letter' }))),
    );
    expect(answers.map((x) => x.status)).toEqual(cases.map(() => 200));
    const numbers = (await Promise.all(cases.map((c) => issuedLetters(e.store, c)))).map((ls) => (ls[0]!.data as { documentNo: string }).documentNo);
    expect(numbers.map((n) => Number(/〕(\d+)号$/.exec(n)![1])).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const n of numbers) expect(n.startsWith('西工意〔')).toBe(true);
  });

  it('given a letter numbered outside the hub (documentNo given), then it is recorded without a document and has no PDF to download', async () => {
    const e = env();
    const union = await e.boot('union');
    const { api, token } = await tokenOf(union, ['liaison']);
    const caseId = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    const letter = reminder({ documentNo: '西工提〔2026〕99号' });
    expect((await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, letter)).status).toBe(200);
    const [issued] = await issuedLetters(e.store, caseId);
    expect(issued!.data).toMatchObject({ documentNo: '西工提〔2026〕99号' });
    expect((issued!.data as { document?: unknown }).document).toBeUndefined();
    const got = await download(union, token, caseId, letter.letterId);
    expect(got.status).toBe(404);
    expect(got.json().detail).toContain('未在本系统签发电子文本');
  });

  it('follows the case’s read rules: an agency that takes no part gets the same 404 as for no case; an auditor may read', async () => {
    const e = env();
    const union = await e.boot('union');
    const court = await e.boot('court');
    const { api } = await tokenOf(union, ['liaison']);
    const caseId = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    const letter = reminder();
    expect((await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, letter)).status).toBe(200);
    const courtLiaison = await tokenOf(court, ['liaison']);
    const refused = await download(court, courtLiaison.token, caseId, letter.letterId);
    const none = await download(court, courtLiaison.token, randomUUID(), letter.letterId);
    expect(refused.status).toBe(404);
    expect(refused.json().detail).toBe(none.json().detail);
    const courtAuditor = await tokenOf(court, ['auditor']);
    const audited = await download(court, courtAuditor.token, caseId, letter.letterId);
    expect(audited.status).toBe(200);
    const unknownLetter = await download(union, (await tokenOf(union, ['liaison'])).token, caseId, randomUUID());
    expect(unknownLetter.status).toBe(404);
  });

  it('takes the full name and 机关代字 from the LETTER_SETTINGS file', async () => {
    const e = env();
    const file = join(e.dir, 'letters.json');
    writeFileSync(file, JSON.stringify({ union: { issuerName: '杭州市拱墅区总工会', prefixes: { reminder_letter: '拱工函' } } }));
    const { loadLetterSettings } = await import('../../src/index.js');
    const union = await e.boot('union', { letterSettings: loadLetterSettings('union', { LETTER_SETTINGS: file }) });
    const { api } = await tokenOf(union, ['liaison']);
    const caseId = (await api('POST', '/api/cases', openCaseBody())).body.caseId as string;
    expect((await api('POST', `/api/cases/${caseId}/issue-supervision-letter`, reminder())).status).toBe(200);
    const [issued] = await issuedLetters(e.store, caseId);
    expect(issued!.data).toMatchObject({
      documentNo: `拱工函〔${shanghaiYear(new Date().toISOString())}〕1号`,
      document: { issuerName: '杭州市拱墅区总工会' },
    });
  });

  it('documents the download in /openapi.json', async () => {
    const e = env();
    const union = await e.boot('union');
    const doc = (await (await fetch(`${union.url}/openapi.json`)).json()) as { paths: Record<string, { get?: { summary?: string } }> };
    expect(doc.paths['/api/cases/{caseId}/letters/{letterId}/pdf']?.get?.summary).toContain('下载文书 PDF');
  });
});
