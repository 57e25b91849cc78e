import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseStream } from '@hub/case-domain';
import type { EventDataOf, HubEvent } from '@hub/contracts';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { checkDocumentFiles } from '../../verifier/verify-audit.mjs';
import { id } from '../support/cases.js';
import { auditFixture, bootAgency, caseWithHistory } from './support.js';

const VERIFIER = join(import.meta.dirname, '../../verifier/verify-audit.mjs');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function runVerifier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

const ROSTER = Buffer.from('%PDF-1.4\n% 职工名册\n%%EOF\n');
const PHOTO = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('现场照片')]);
const ID_COPY = Buffer.from('%PDF-1.4\n% 身份证复印件\n%%EOF\n');
/** Stands for the PDF of a 提示函 the union issued: the verifier holds it against the hash in the letter's event. */
const LETTER = Buffer.from('%PDF-1.4\n% 关于某建筑劳务有限公司欠薪问题的提示函\n%%EOF\n');
const LETTER_NO = '西工提〔2026〕7号';

/** A witnessed case with three documents recorded on it: two plain, one a worker's personal file (its name encrypted). */
async function caseWithDocuments() {
  const fx = await auditFixture();
  const union = await bootAgency(fx, 'union');
  fx.agencyUrls.union = union.url;
  const { caseId } = await caseWithHistory(fx);
  const attached = (file: Buffer, fileName: EventDataOf<'DocumentAttached'>['fileName'], extra: Partial<EventDataOf<'DocumentAttached'>> = {}): HubEvent => ({
    type: 'DocumentAttached',
    data: {
      documentId: id(),
      attachedBy: 'union',
      kind: 'evidence',
      fileName,
      mediaType: file[0] === 0x89 ? 'image/png' : 'application/pdf',
      size: file.length,
      sha256: sha256(file),
      ...extra,
    },
  });
  const sealedName = {
    v: 1 as const,
    alg: 'A256GCM' as const,
    iv: Buffer.alloc(12, 1).toString('base64'),
    ct: Buffer.from('x').toString('base64'),
    tag: Buffer.alloc(16, 2).toString('base64'),
  };
  const opened = (await fx.state(caseId)) as { workers: Record<string, unknown> };
  const workerId = Object.keys(opened.workers)[0]!;
  await fx.record('union', caseStream(caseId), [
    attached(ROSTER, '职工名册.pdf'),
    attached(PHOTO, '现场照片.png', { kind: 'photo' }),
    attached(ID_COPY, sealedName, { personal: { workerId } }),
    {
      type: 'SupervisionLetterIssued',
      data: {
        letterId: id(),
        kind: 'reminder_letter',
        issuedBy: 'union',
        addressee: { kind: 'enterprise', name: '某建筑劳务有限公司' },
        documentNo: LETTER_NO,
        summary: '请依法足额支付所欠工资。',
        replyDueAt: '2026-04-01T02:00:00.000Z',
        urgent: false,
        document: {
          issuerName: '杭州市西湖区总工会',
          title: '杭州市西湖区总工会关于某建筑劳务有限公司欠薪问题的提示函',
          issuedAt: '2026-03-16T02:00:00.000Z',
          sha256: sha256(LETTER),
          size: LETTER.length,
          pages: 1,
        },
      },
    },
  ]);
  await fx.settle();
  await union.service.witness.run();
  return { fx, caseId, auditor: await fx.token('court', ['auditor']) };
}

describe('the audit export lists the documents; the offline verifier checks a folder of files against them', () => {
  it('given a case with documents, when exported, then JSON, CSV, XLSX and HTML name each file with its hash; a personal file by hash only', async () => {
    const { fx, caseId, auditor } = await caseWithDocuments();
    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    expect(doc.verification.ok).toBe(true);
    expect(doc.documents.map((d: any) => [d.fileName, d.sha256, d.personal])).toEqual([
      ['职工名册.pdf', sha256(ROSTER), false],
      ['现场照片.png', sha256(PHOTO), false],
      [null, sha256(ID_COPY), true],
      [`${LETTER_NO}.pdf`, sha256(LETTER), false],
    ]);

    const csv = await fetch(`${fx.url}/api/cases/${caseId}/export?format=csv`, { headers: { authorization: `Bearer ${auditor}` } }).then((r) => r.text());
    expect(csv).toContain(`职工名册.pdf；大小：${ROSTER.length} 字节；文件哈希：${sha256(ROSTER)}`);
    expect(csv).toContain(`（含个人信息，文件名已加密）；大小：${ID_COPY.length} 字节；文件哈希：${sha256(ID_COPY)}`);

    const html = await fetch(`${fx.url}/api/cases/${caseId}/export?format=html`, { headers: { authorization: `Bearer ${auditor}` } }).then((r) => r.text());
    expect(html).toContain('证据材料');
    expect(html).toContain(sha256(PHOTO));

    const xlsx = await fetch(`${fx.url}/api/cases/${caseId}/export?format=xlsx`, { headers: { authorization: `Bearer ${auditor}` } });
    const sheet = (await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()))).find((x) => x.sheet === '材料')!;
    expect(sheet.data.slice(1).map((row) => [row[4], row[7]])).toEqual([
      ['职工名册.pdf', sha256(ROSTER)],
      ['现场照片.png', sha256(PHOTO)],
      ['（含个人信息，文件名已加密）', sha256(ID_COPY)],
      [`${LETTER_NO}.pdf`, sha256(LETTER)],
    ]);
  });

  it('given a folder, then each recorded document is a match, a mismatch or missing; a mismatch fails the run', async () => {
    const { fx, caseId, auditor } = await caseWithDocuments();
    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    const exportFile = join(fx.dir, 'case.audit.json');
    writeFileSync(exportFile, JSON.stringify(doc));

    // Everything as recorded, under any names, in a subfolder too: all match, the run passes.
    const good = join(fx.dir, 'good');
    mkdirSync(join(good, 'sub'), { recursive: true });
    writeFileSync(join(good, 'a.pdf'), ROSTER);
    writeFileSync(join(good, 'sub', 'b.png'), PHOTO);
    writeFileSync(join(good, 'c.pdf'), ID_COPY);
    writeFileSync(join(good, 'sub', `${LETTER_NO}.pdf`), LETTER);
    const ok = await runVerifier(exportFile, '--documents', good);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('[通过 PASS] 材料文件 Documents: 一致 match 4，不一致 mismatch 0，缺少 missing 0');
    expect(ok.stdout).toContain(`一致 MATCH 版本 revision 8 ${LETTER_NO}.pdf sha256 ${sha256(LETTER)}`);
    expect(ok.code).toBe(0);

    // The roster altered under its recorded name, the photo absent, a stray file: mismatch, missing, not recorded.
    const bad = join(fx.dir, 'bad');
    mkdirSync(bad);
    const altered = Buffer.from('%PDF-1.4\n% 职工名册（改）\n%%EOF\n');
    writeFileSync(join(bad, '职工名册.pdf'), altered);
    writeFileSync(join(bad, 'c.pdf'), ID_COPY);
    writeFileSync(join(bad, 'notes.txt'), '备注');
    // A letter's PDF edited after it was issued (say, its deadline changed by hand): a mismatch under its 文号.
    const editedLetter = Buffer.from('%PDF-1.4\n% 关于某建筑劳务有限公司欠薪问题的提示函（改期限）\n%%EOF\n');
    writeFileSync(join(bad, `${LETTER_NO}.pdf`), editedLetter);
    const failed = await runVerifier('--documents', bad, exportFile);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('[失败 FAIL] 材料文件 Documents: 一致 match 1，不一致 mismatch 2，缺少 missing 1');
    expect(failed.stdout).toContain(
      `不一致 MISMATCH 版本 revision 8 ${LETTER_NO}.pdf: 记录的 recorded sha256 ${sha256(LETTER)}，文件的 found ${sha256(editedLetter)}`,
    );
    expect(failed.stdout).toContain(`不一致 MISMATCH 版本 revision 5 职工名册.pdf: 记录的 recorded sha256 ${sha256(ROSTER)}，文件的 found ${sha256(altered)}`);
    expect(failed.stdout).toContain(`缺少 MISSING 版本 revision 6 现场照片.png sha256 ${sha256(PHOTO)}`);
    expect(failed.stdout).toContain('未记录 NOT RECORDED notes.txt');
    expect(failed.stdout).toContain('结论 Result: 未通过 / FAILED (2)');

    // Missing alone warns and keeps the verdict of the events.
    const partial = join(fx.dir, 'partial');
    mkdirSync(partial);
    writeFileSync(join(partial, 'a.pdf'), ROSTER);
    const some = await runVerifier(exportFile, '--documents', partial);
    expect(some.code).toBe(0);
    expect(some.stdout).toContain('[警告 WARNING] 材料文件 Documents: 一致 match 1，不一致 mismatch 0，缺少 missing 3');

    // The list comes from the events, not from the export's own `documents`: editing that list changes nothing.
    const forged = { ...doc, documents: [] };
    expect(checkDocumentFiles(forged, [{ name: 'a.pdf', sha256: sha256(ROSTER), size: ROSTER.length }]).documents.map((d) => d.status)).toEqual([
      'match',
      'missing',
      'missing',
      'missing',
    ]);
    // And a document's hash edited in the event is the chain's failure.
    const edited = structuredClone(doc);
    edited.events.find((e: any) => e.type === 'DocumentAttached').data.sha256 = sha256(altered);
    writeFileSync(join(fx.dir, 'edited.json'), JSON.stringify(edited));
    const caught = await runVerifier(join(fx.dir, 'edited.json'), '--documents', bad);
    expect(caught.code).toBe(1);
    expect(caught.stdout).toContain('[失败 FAIL] 哈希链 Hash chain');
  });
});
