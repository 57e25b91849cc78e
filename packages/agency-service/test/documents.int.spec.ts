import { createHash, randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { AgencyId, Role } from '@hub/contracts';
import { readPublishedKeys, verifyStreamSignatures } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { DirectoryDocumentStore, documentKey, type DocumentStore } from '../src/documents/index.js';
import { docx, executable, pdf, plainZip, png } from './support/files.js';
import { env, inDays, openCaseBody, PASSWORD, request, streamOf, type Booted, type Env } from './support.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A signed-in user: JSON calls, uploads of raw bytes, and downloads. */
async function user(booted: Booted, agency: AgencyId, roles: Role[]) {
  const username = `u${randomUUID().slice(0, 8)}`;
  await booted.service.users.create({ agency, username, displayName: `测试${roles.join('')}`, password: PASSWORD, roles });
  const token = (await request(booted.url)('POST', '/api/session', { username, password: PASSWORD })).body.token as string;
  const auth = { authorization: `Bearer ${token}` };
  return {
    api: request(booted.url, token),
    async upload(caseId: string, body: Buffer | Readable, query: Record<string, string>, headers: Record<string, string> = {}) {
      const res = await fetch(`${booted.url}/api/cases/${caseId}/documents?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', ...auth, ...headers },
        body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
        ...(body instanceof Readable ? { duplex: 'half' } : {}),
      } as RequestInit);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
    },
    async download(caseId: string, documentId: string) {
      const res = await fetch(`${booted.url}/api/cases/${caseId}/documents/${documentId}`, { headers: auth });
      const bytes = Buffer.from(await res.arrayBuffer());
      return { status: res.status, bytes, headers: res.headers, problem: res.ok ? undefined : JSON.parse(bytes.toString('utf8')) };
    },
  };
}

/** Union and procuratorate services on one event store and one document store, as a deployment runs them. */
async function deployment(e: Env, documentMaxBytes?: number) {
  const documents: DocumentStore = new DirectoryDocumentStore(join(e.dir, 'documents'));
  const options = { documents, ...(documentMaxBytes ? { documentMaxBytes } : {}) };
  const union = await e.boot('union', options);
  const procuratorate = await e.boot('procuratorate', options);
  const liaison = await user(union, 'union', ['liaison']);
  const { caseId } = (await liaison.api('POST', '/api/cases', openCaseBody())).body as { caseId: string };
  return { documents, union, procuratorate, liaison, caseId };
}

const storedKeys = (e: Env) => {
  const walk = (dir: string): string[] => {
    try {
      return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? (d.name === 'incoming' ? [] : walk(join(dir, d.name))) : [d.name]));
    } catch {
      return [];
    }
  };
  return walk(join(e.dir, 'documents'));
};

describe('documents of a case', () => {
  it('given a case, when a liaison uploads a PDF, then a signed DocumentAttached names its hash, size, type and name, and the same bytes download', async () => {
    const e = env();
    const { union, liaison, caseId } = await deployment(e);
    const file = pdf('欠薪工资表');
    const up = await liaison.upload(caseId, file, { fileName: '工资表.pdf', kind: 'evidence' });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ caseId, sha256: sha256(file), size: file.length, mediaType: 'application/pdf', events: ['DocumentAttached'] });

    const events = await streamOf(e.store, caseId);
    const attached = events.at(-1)!;
    expect(attached.type).toBe('DocumentAttached');
    expect(attached.data).toEqual({
      documentId: up.body.documentId,
      attachedBy: 'union',
      kind: 'evidence',
      fileName: '工资表.pdf',
      mediaType: 'application/pdf',
      size: file.length,
      sha256: sha256(file),
    });
    expect((await verifyStreamSignatures(e.store, `case-${caseId}`, await readPublishedKeys(e.store))).ok).toBe(true);

    const list = await liaison.api('GET', `/api/cases/${caseId}/documents`);
    expect(list.status).toBe(200);
    expect(list.body.documents).toEqual([
      expect.objectContaining({ documentId: up.body.documentId, fileName: '工资表.pdf', attachedBy: 'union', personal: null, downloadable: true, act: null }),
    ]);

    const got = await liaison.download(caseId, up.body.documentId);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(file)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('工资表.pdf')}`);

    const auditor = await user(union, 'union', ['auditor']);
    const log = await auditor.api('GET', '/api/access-log');
    expect(log.body.entries[0]).toMatchObject({
      action: 'download_document',
      subject: `case-${caseId}`,
      detail: { documentId: up.body.documentId, sha256: sha256(file) },
    });
  });

  it('given the same content twice, then it is stored once; given a Word file, then it is typed docx by its content', async () => {
    const e = env();
    const { liaison, caseId } = await deployment(e);
    const file = png();
    const first = await liaison.upload(caseId, file, { fileName: '现场照片.png', kind: 'photo' });
    const second = await liaison.upload(caseId, file, { fileName: '现场照片-副本.png', kind: 'photo' });
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.documentId).not.toBe(first.body.documentId);
    expect(storedKeys(e)).toEqual([sha256(file)]);
    const word = await liaison.upload(caseId, docx(), { fileName: '调解协议', kind: 'agreement' });
    expect(word.body.mediaType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  });

  it('given an executable or a plain zip named like a document, then 415 in both languages, and nothing is stored or recorded', async () => {
    const e = env();
    const { liaison, caseId } = await deployment(e);
    const before = (await streamOf(e.store, caseId)).length;
    for (const [bytes, fileName] of [
      [executable(), '工资表.pdf'],
      [plainZip(), '劳动合同.docx'],
    ] as const) {
      const res = await liaison.upload(caseId, bytes, { fileName }, { 'content-type': 'application/pdf' });
      expect(res.status).toBe(415);
      expect(res.body.detail).toMatch(/文件内容不是允许的类型/);
      expect(res.body.detailEn).toMatch(/judged by content, not by name/);
    }
    // A JSON body is read by the service's JSON parser before the upload route: still an answer, never a hang.
    const json = await liaison.upload(caseId, Buffer.from('{"file":"%PDF-1.4"}'), { fileName: '工资表.pdf' }, { 'content-type': 'application/json' });
    expect(json.status).toBe(415);
    expect((await streamOf(e.store, caseId)).length).toBe(before);
    expect(storedKeys(e)).toEqual([]);
  });

  it('given a limit, when a file is larger (declared, or streamed without a length), then 413 and nothing is kept', async () => {
    const e = env();
    const { liaison, caseId } = await deployment(e, 4096);
    const big = Buffer.concat([pdf(), Buffer.alloc(8192, 0x20)]);
    const declared = await liaison.upload(caseId, big, { fileName: '大文件.pdf' });
    expect(declared.status).toBe(413);
    expect(declared.body.detail).toMatch(/文件超过大小上限（4 KB）/);
    // Chunked: no Content-Length, the service cuts it off where it passes the limit.
    const chunks = function* () {
      for (let i = 0; i < 64; i++) yield Buffer.alloc(1024, 0x41);
    };
    const streamed = await liaison.upload(caseId, Readable.from(chunks()), { fileName: '大文件.pdf' });
    expect(streamed.status).toBe(413);
    expect((await streamOf(e.store, caseId)).map((x) => x.type)).toEqual(['CaseOpened', 'CaseNumberAssigned']);
    expect(storedKeys(e)).toEqual([]);
    expect(readdirSync(join(e.dir, 'documents', 'incoming'))).toEqual([]);
  });

  it('given an agency without access, then 404 for its liaison; once the case is before it, its own service lists and serves the file', async () => {
    const e = env();
    const { procuratorate, liaison, caseId } = await deployment(e);
    const file = pdf('证据');
    const { documentId } = (await liaison.upload(caseId, file, { fileName: '证据.pdf' })).body;
    const outsider = await user(procuratorate, 'procuratorate', ['liaison']);
    expect((await outsider.download(caseId, documentId)).status).toBe(404);
    expect((await outsider.api('GET', `/api/cases/${caseId}/documents`)).status).toBe(404);
    expect((await outsider.upload(caseId, pdf(), { fileName: '越权.pdf' })).status).toBe(404);

    const lead = { leadId: randomUUID(), to: 'procuratorate', summary: '涉嫌拒不支付劳动报酬', feedbackDueAt: inDays(10) };
    expect((await liaison.api('POST', `/api/cases/${caseId}/transfer-lead`, lead)).status).toBe(200);
    const got = await outsider.download(caseId, documentId);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(file)).toBe(true);
    const auditor = await user(procuratorate, 'procuratorate', ['auditor']);
    expect((await auditor.api('GET', '/api/access-log')).body.entries[0]).toMatchObject({
      agency: 'procuratorate',
      action: 'download_document',
      detail: { documentId },
    });
  });

  it('given an act of the case, then a document attaches to it; an act of no such id is refused before a byte is kept', async () => {
    const e = env();
    const { liaison, caseId } = await deployment(e);
    expect((await liaison.api('POST', `/api/cases/${caseId}/give-worker-feedback`, { channel: 'phone', summary: '已电话告知' })).status).toBe(200);
    const feedback = (await streamOf(e.store, caseId)).at(-1)!;
    const ok = await liaison.upload(caseId, pdf('通话记录'), { fileName: '通话记录.pdf', kind: 'record', actEventId: feedback.id });
    expect(ok.status).toBe(201);
    const list = await liaison.api('GET', `/api/cases/${caseId}/documents`);
    expect(list.body.documents[0].act).toEqual({ eventId: feedback.id, type: 'WorkerFeedbackGiven' });
    const refused = await liaison.upload(caseId, pdf('别的'), { fileName: '别的.pdf', actEventId: randomUUID() });
    expect(refused).toMatchObject({ status: 409, body: { ruleId: 'CHAIN.document-act' } });
    expect(storedKeys(e)).toEqual([sha256(pdf('通话记录'))]);
  });

  it("given a worker's personal file, then it is stored encrypted; after the worker is erased it answers 410 and every proof still verifies", async () => {
    const e = env();
    const { union, procuratorate, liaison, caseId, documents } = await deployment(e);
    const workerId = (await liaison.api('GET', `/api/cases/${caseId}`)).body.workers[0].workerId as string;
    const file = pdf('张三 身份证复印件 330106199003071236');
    const up = await liaison.upload(caseId, file, { fileName: '张三身份证.pdf', kind: 'evidence', workerId });
    expect(up.status).toBe(201);

    // Neither the stored bytes nor the event hold the file or its name in the clear.
    const stored = (await documents.get(documentKey(sha256(file), workerId)))!;
    expect(stored.includes(Buffer.from('330106199003071236'))).toBe(false);
    expect(await documents.has(documentKey(sha256(file)))).toBe(false);
    const attached = (await streamOf(e.store, caseId)).at(-1)!;
    expect(JSON.stringify(attached.data)).not.toContain('张三');
    expect(attached.data).toMatchObject({ sha256: sha256(file), personal: { workerId } });

    expect((await liaison.download(caseId, up.body.documentId)).bytes.equals(file)).toBe(true);
    const lead = { leadId: randomUUID(), to: 'procuratorate', summary: '移送', feedbackDueAt: inDays(10) };
    await liaison.api('POST', `/api/cases/${caseId}/transfer-lead`, lead);
    const other = await user(procuratorate, 'procuratorate', ['liaison']);
    expect((await other.download(caseId, up.body.documentId)).status).toBe(403);
    expect((await other.api('GET', `/api/cases/${caseId}/documents`)).body.documents[0]).toMatchObject({ fileName: null, downloadable: false });

    const admin = await user(union, 'union', ['admin']);
    expect((await admin.api('POST', `/api/cases/${caseId}/erase-worker-data`, { workerId, reason: 'worker_request' })).status).toBe(200);
    const gone = await liaison.download(caseId, up.body.documentId);
    expect(gone.status).toBe(410);
    expect(gone.problem.detail).toMatch(/个人信息已按要求删除/);
    expect((await liaison.api('GET', `/api/cases/${caseId}/documents`)).body.documents[0]).toMatchObject({
      fileName: null,
      downloadable: false,
      personal: { workerId, erased: true },
      sha256: sha256(file),
    });
    expect((await e.store.verifyStream(`case-${caseId}`)).ok).toBe(true);
    expect((await verifyStreamSignatures(e.store, `case-${caseId}`, await readPublishedKeys(e.store))).ok).toBe(true);
    // And no new personal document for an erased worker.
    expect((await liaison.upload(caseId, pdf('再传'), { fileName: '再传.pdf', workerId })).body).toMatchObject({ ruleId: 'CHAIN.document-worker' });
  });

  it('given a bad query, then 400 with the fields named and nothing read; the routes are in /openapi.json', async () => {
    const e = env();
    const { union, liaison, caseId } = await deployment(e);
    const doc = (await request(union.url)('GET', '/openapi.json')).body;
    expect(doc.paths['/api/cases/{caseId}/documents'].post.operationId).toBe('AttachDocument');
    expect(doc.paths['/api/cases/{caseId}/documents'].post.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['caseId', 'fileName', 'kind', 'actEventId', 'workerId']),
    );
    expect(doc.paths['/api/cases/{caseId}/documents/{documentId}'].get.responses['410']).toBeDefined();
    const res = await liaison.upload(caseId, pdf(), { fileName: '../../etc/passwd', kind: 'poem' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((x: { path: string }) => x.path).sort()).toEqual(['fileName', 'kind']);
  });
});
