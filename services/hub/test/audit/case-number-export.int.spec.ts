/**
 * 案号 in what the audit hands out: the JSON proof file's caseNumber, the CSV and XLSX 案号 column,
 * the printable page's heading, the download names (RFC 5987 filename* with an ASCII fallback),
 * and the offline verifier's report, which reads the number from the signed event and fails a
 * file whose caseNumber field says otherwise.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../verifier/verify-audit.mjs';
import { contentDisposition, safeFileName } from '../../src/audit/file-name.js';
import { cmd, id, openCase } from '../support/cases.js';
import { auditFixture } from './support.js';

const VERIFIER = join(import.meta.dirname, '../../verifier/verify-audit.mjs');
const NUMBER = '〔2026〕浙0106工维字第12号';

function runVerifier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** What a browser makes of the header: filename* when given (RFC 6266), else filename. */
function downloadName(disposition: string | null): string | null {
  const extended = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (extended) return decodeURIComponent(extended[1]!);
  return /filename="([^"]*)"/.exec(disposition ?? '')?.[1] ?? null;
}

/** A case opened and numbered (revision 1, as the agency service writes it), then one more act. */
async function numberedCase() {
  const fx = await auditFixture();
  const caseId = id();
  await fx.act('union', caseId, openCase(caseId));
  await fx.record('union', `case-${caseId}`, [{ type: 'CaseNumberAssigned', data: { caseId, caseNumber: NUMBER, issuer: 'union', year: 2026, sequence: 12 } }]);
  fx.advance(3_600_000);
  await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已电话告知受理情况' }));
  await fx.settle();
  return { fx, caseId, auditor: await fx.token('court', ['auditor']) };
}

describe('case numbers in audit exports', () => {
  it('given a numbered case, when it is exported in each format, then the file is named after its 案号 and carries it', async () => {
    const { fx, caseId, auditor } = await numberedCase();
    const get = (format: string) => fetch(`${fx.url}/api/cases/${caseId}/export?format=${format}`, { headers: { authorization: `Bearer ${auditor}` } });

    const csv = await get('csv');
    expect(csv.status).toBe(200);
    const disposition = csv.headers.get('content-disposition');
    // An ASCII fallback for old clients, the UTF-8 name (percent-encoded, RFC 5987) for everyone else.
    expect(disposition).toBe(`attachment; filename="case-${caseId}.csv"; filename*=UTF-8''${encodeURIComponent(`${NUMBER}-审计导出.csv`)}`);
    expect(downloadName(disposition)).toBe('〔2026〕浙0106工维字第12号-审计导出.csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]!.startsWith('案号,全局位置,版本,')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([NUMBER, NUMBER, NUMBER]);
    // The number is the people's name for the case: its own event is listed too.
    expect(lines[2]).toContain('案号编定');

    const xlsx = await get('xlsx');
    expect(downloadName(xlsx.headers.get('content-disposition'))).toBe(`${NUMBER}-审计导出.xlsx`);
    const sheet = (await readXlsxFile(Buffer.from(await xlsx.arrayBuffer())))[0]!.data;
    expect(sheet[0]![0]).toBe('案号');
    expect(sheet.slice(1).map((r) => r[0])).toEqual([NUMBER, NUMBER, NUMBER]);

    const json = await get('json');
    expect(downloadName(json.headers.get('content-disposition'))).toBe(`${NUMBER}-审计导出.json`);
    expect(json.headers.get('content-disposition')).toContain(`filename="case-${caseId}.audit.json"`);
    const doc = await json.json();
    expect(doc).toMatchObject({ caseId, caseNumber: NUMBER });

    const html = await get('html');
    expect(html.headers.get('content-disposition')).toMatch(/^inline; filename="case-[^"]+\.html"; filename\*=UTF-8''/);
    expect(downloadName(html.headers.get('content-disposition'))).toBe(`${NUMBER}-审计报告.html`);
    const page = await html.text();
    expect(page).toContain(`<title>案件审计报告 ${NUMBER}</title>`);
    expect(page).toContain(`案号：<strong class="case-number">${NUMBER}</strong>`);
    // The case is named by its 案号 alone: the printout carries no id (the JSON export does, for the verifier).
    expect(page).not.toContain(caseId);
  });

  it('given the JSON export of a numbered case, when the offline verifier reads it, then it reports the 案号 from the signed event, and fails a file relabelled with another number', async () => {
    const { fx, caseId, auditor } = await numberedCase();
    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    const file = join(fx.dir, 'numbered.json');
    writeFileSync(file, JSON.stringify(doc));
    const ok = await runVerifier(file);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain(`案号 Case number: ${NUMBER}（第 1 版 CaseNumberAssigned 所记 / as recorded at revision 1）`);
    expect(ok.stdout).toContain(`案件 Case: ${caseId}`);
    expect(verifyExport(doc)).toMatchObject({ usable: true, ok: true, caseNumber: NUMBER, caseNumberRevision: '1' });

    // Someone hands the proof on as another case's: the unsigned label disagrees with the signed event.
    const relabelled = { ...doc, caseNumber: '〔2026〕浙0106工维字第13号' };
    writeFileSync(join(fx.dir, 'relabelled.json'), JSON.stringify(relabelled));
    const bad = await runVerifier(join(fx.dir, 'relabelled.json'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('[失败 FAIL] 案件标识 Case identity: 1');
    expect(bad.stdout).toContain(`the file names case number 〔2026〕浙0106工维字第13号, but its events record ${NUMBER}`);
    // Editing the number in the event itself breaks the chain and the signature instead.
    const edited = structuredClone(doc);
    edited.events[1].data.caseNumber = '〔2026〕浙0106工维字第13号';
    edited.caseNumber = '〔2026〕浙0106工维字第13号';
    const result = verifyExport(edited) as { ok: boolean; checks: { id: string; ok: boolean }[] };
    expect(result.ok).toBe(false);
    expect(result.checks.find((c) => c.id === 'chain')!.ok).toBe(false);
  });

  it('given an unnumbered case, then its files keep the ASCII case-<id> name, the column reads 未编号案件 and the verifier says so', async () => {
    const fx = await auditFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    await fx.settle();
    const auditor = await fx.token('court', ['auditor']);
    const csv = await fx.request('GET', `/api/cases/${caseId}/export?format=csv`, auditor);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="case-${caseId}.csv"`);
    expect(
      (csv.body as string)
        .replace(/^\uFEFF/, '')
        .split('\r\n')[1]!
        .startsWith('未编号案件,'),
    ).toBe(true);
    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    expect(doc.caseNumber).toBeNull();
    const file = join(fx.dir, 'unnumbered.json');
    writeFileSync(file, JSON.stringify(doc));
    const run = await runVerifier(file);
    expect(run.stdout).toContain('案号 Case number: 未编号案件 / unnumbered');
    // A file claiming a number its events do not record fails.
    expect(verifyExport({ ...doc, caseNumber: NUMBER })).toMatchObject({ ok: false, caseNumber: null });
  });

  it('file names: what file systems refuse becomes _, the length is capped by characters, ASCII names need no filename*', () => {
    expect(safeFileName('〔2026〕浙0106工维字第12号-审计导出')).toBe('〔2026〕浙0106工维字第12号-审计导出');
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j\u0001k')).toBe('a_b_c_d_e_f_g_h_i_j_k');
    expect(safeFileName(' ..第1号.. ')).toBe('第1号');
    expect([...safeFileName('案'.repeat(300))]).toHaveLength(120);
    expect(contentDisposition('attachment', 'case-1.csv', 'case-1.csv')).toBe('attachment; filename="case-1.csv"');
    // RFC 5987 attr-char: ' ( ) * are percent-encoded too.
    expect(contentDisposition('inline', "第(1)号's*.html", 'x.html')).toBe(`inline; filename="x.html"; filename*=UTF-8''%E7%AC%AC%281%29%E5%8F%B7%27s%2A.html`);
  });
});
