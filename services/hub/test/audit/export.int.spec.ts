import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caseStream } from '@hub/case-domain';
import { recomputeHash } from '@hub/event-store';
import readXlsxFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { cmd, id } from '../support/cases.js';
import { auditFixture, bootAgency, caseWithHistory } from './support.js';

const VERIFIER = join(import.meta.dirname, '../../verifier/verify-audit.mjs');

function runVerifier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

/** A witnessed case; signed as the services sign, or (data written before issue 12.2) in EventsSigned records. */
async function setup(signing: 'inline' | 'events-signed' = 'inline') {
  const fx = await auditFixture({ signing });
  const union = await bootAgency(fx, 'union');
  fx.agencyUrls.union = union.url;
  const { caseId } = await caseWithHistory(fx);
  await union.service.witness.run();
  return { fx, caseId, auditor: await fx.token('court', ['auditor']) };
}

describe('export: GET /api/cases/:caseId/export', () => {
  it('writes a proof file whose events carry their proofs inline; the offline verifier accepts it, and catches an edit even when the chain is recomputed', async () => {
    const { fx, caseId, auditor } = await setup();
    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    expect(doc.verification.ok).toBe(true);
    expect(doc.signatures).toEqual([]);
    expect(doc.events.filter((e: any) => e.metadata.proof).length).toBeGreaterThan(0);
    const file = join(fx.dir, 'case-export.json');
    writeFileSync(file, JSON.stringify(doc));
    const ok = await runVerifier(file);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ALL CHECKS PASSED');

    // Whoever edits revision 2 and recomputes every hash from there keeps the chain whole; the
    // agency's proof, made before the store sealed the event, does not follow.
    const rewritten = structuredClone(doc);
    rewritten.events[2].data.summary = '无欠薪';
    for (let i = 2; i < rewritten.events.length; i++) {
      const e = rewritten.events[i];
      e.metadata.prevHash = rewritten.events[i - 1].metadata.hash;
      e.metadata.hash = recomputeHash({ ...e, revision: BigInt(e.revision), position: BigInt(e.position) });
    }
    writeFileSync(join(fx.dir, 'rewritten.json'), JSON.stringify(rewritten));
    const bad = await runVerifier(join(fx.dir, 'rewritten.json'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('[通过 PASS] 哈希链 Hash chain');
    expect(bad.stdout).toContain('revision 2 carries no valid signature of');
  });

  it('writes a self-contained JSON proof file (EventsSigned records, as before issue 12.2) that the offline verifier accepts, and rejects when tampered', async () => {
    const { fx, caseId, auditor } = await setup('events-signed');
    const res = await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="case-${caseId}.audit.json"`);
    const doc = res.body;
    expect(doc).toMatchObject({ format: 'labor-hub-audit/1', caseId, stream: caseStream(caseId), verification: { ok: true } });
    expect(doc.events).toHaveLength(5);
    const stored: any[] = [];
    for await (const e of fx.store.readStream(caseStream(caseId))) stored.push({ ...e, revision: e.revision.toString(), position: e.position.toString() });
    expect(doc.events).toEqual(stored);
    // Personal fields stay the encrypted envelopes they are: they are part of what is hashed.
    expect(doc.events[0].data.workers[0].name.alg).toBe('A256GCM');
    expect(doc.signatures).toHaveLength(5);
    expect(doc.witnesses.map((w: any) => w.source).sort()).toEqual(['agency-copy', 'store']);
    expect(new Set(doc.publicKeys.map((k: any) => k.agency))).toEqual(new Set(['union', 'procuratorate']));

    const file = join(fx.dir, 'case-export.json');
    writeFileSync(file, JSON.stringify(doc));
    const ok = await runVerifier(file);
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ALL CHECKS PASSED');
    expect(ok.stdout).toContain('[通过 PASS] 跨机构见证 Cross-agency witnesses');

    // Pinned keys: the hub's trusted ones pass; a file without the procuratorate's key does not.
    const keysFile = join(fx.dir, 'pinned.json');
    writeFileSync(keysFile, JSON.stringify(fx.hub.keys.trusted('events')));
    expect((await runVerifier(file, '--keys', keysFile)).code).toBe(0);
    const partial = join(fx.dir, 'partial.txt');
    writeFileSync(
      partial,
      fx.hub.keys
        .trusted('events')
        .filter((k) => k.agency === 'union')
        .map((k) => `union:events:${k.publicKey}`)
        .join(','),
    );
    const unpinned = await runVerifier(file, '--keys', partial);
    expect(unpinned.code).toBe(1);
    expect(unpinned.stdout).toContain('procuratorate');

    // Tampered: one word of revision 2's data.
    const edited = structuredClone(doc);
    edited.events[2].data.summary = '无欠薪';
    writeFileSync(join(fx.dir, 'edited.json'), JSON.stringify(edited));
    const bad = await runVerifier(join(fx.dir, 'edited.json'));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('revision 2: content does not match its hash');
    expect(bad.stdout).toContain('FAILED');

    // Truncated with its signatures gone too: the witness records still disagree.
    const cut = structuredClone(doc);
    cut.events = cut.events.slice(0, 3);
    cut.signatures = cut.signatures.filter((s: any) => Number(s.data.fromRevision) < 3);
    writeFileSync(join(fx.dir, 'cut.json'), JSON.stringify(cut));
    const truncated = await runVerifier(join(fx.dir, 'cut.json'));
    expect(truncated.code).toBe(1);
    expect(truncated.stdout).toContain('saw revision 4, but the export ends at 2 (truncated)');
    expect(truncated.stdout).toContain('[通过 PASS] 哈希链 Hash chain');

    // A signature byte flipped.
    const flipped = structuredClone(doc);
    const sig = Buffer.from(flipped.signatures[1].data.signature, 'base64');
    sig[0] = sig[0]! ^ 0x80;
    flipped.signatures[1].data.signature = sig.toString('base64');
    writeFileSync(join(fx.dir, 'flipped.json'), JSON.stringify(flipped));
    expect((await runVerifier(join(fx.dir, 'flipped.json'))).code).toBe(1);

    // Unusable input: exit 2.
    writeFileSync(join(fx.dir, 'junk.json'), '{"format":"something-else"}');
    const junk = await runVerifier(join(fx.dir, 'junk.json'));
    expect(junk.code).toBe(2);
    expect(junk.stderr).toContain('labor-hub-audit/1');
    expect((await runVerifier()).code).toBe(2);
  });

  it('offline: fails a file relabelled to another case, refuses one with no events, and exits 3 when no witness covers the last revision', async () => {
    const { fx, caseId, auditor } = await setup('events-signed');
    const doc = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    const run = async (name: string, file: object) => {
      writeFileSync(join(fx.dir, name), JSON.stringify(file));
      return runVerifier(join(fx.dir, name));
    };
    const whole = await run('whole.json', doc);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toContain('[通过 PASS] 完整性 Completeness');
    expect(whole.stdout).toContain('a file proves only what it contains');
    expect(whole.stdout).not.toContain('WARNING');

    // The reviewer's repro: revisions 3–4 cut, with their signatures and every witness record that saw them.
    const cut = structuredClone(doc);
    cut.events = cut.events.slice(0, 3);
    cut.signatures = cut.signatures.filter((s: any) => Number(s.data.fromRevision) < 3);
    cut.witnesses = cut.witnesses.filter((w: any) => Number(w.head.revision) < 3);
    const unproven = await run('cut-unwitnessed.json', cut);
    expect(unproven.code).toBe(3);
    expect(unproven.stdout).not.toContain('ALL CHECKS PASSED');
    expect(unproven.stdout).toContain('[警告 WARNING] 完整性 Completeness');
    expect(unproven.stdout).toContain('cannot show that events were not removed from its end');
    expect(unproven.stdout).toContain('无法证明其末尾没有事件被删除');
    expect(unproven.stdout).toContain('VERIFIED, NOT PROVEN COMPLETE');

    // A later event no agency has witnessed yet: the tail after revision 4 is not proven.
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '再次告知办理进度' }));
    await fx.settle();
    const grown = (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
    expect(grown.events).toHaveLength(6);
    const tail = await run('tail.json', grown);
    expect(tail.code).toBe(3);
    expect(tail.stdout).toContain('the tail after revision 4 (revision 5 and whatever followed) cannot be proven complete by this file');
    expect(tail.stdout).toContain('[通过 PASS] 跨机构见证 Cross-agency witnesses');

    // The case id changed to another case's (or the stream to another stream): not this case's proof.
    const relabelled = await run('relabelled.json', { ...doc, stream: caseStream(id()) });
    expect(relabelled.code).toBe(1);
    expect(relabelled.stdout).toContain('[失败 FAIL] 案件标识 Case identity');
    expect(relabelled.stdout).toContain(`(expected ${caseStream(caseId)})`);
    const other = id();
    const renamed = await run('renamed.json', { ...doc, caseId: other });
    expect(renamed.code).toBe(1);
    expect(renamed.stdout).toContain(`the file names case ${other}, but its stream is ${caseStream(caseId)}`);

    const empty = await run('empty.json', { ...doc, events: [], signatures: [], witnesses: [] });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('nothing to verify');
    expect(empty.stdout).not.toContain('ALL CHECKS PASSED');
  });

  it('gives people CSV, XLSX and a printable HTML page, masked, one row per event', async () => {
    const { fx, caseId, auditor } = await setup();
    const csv = await fx.request('GET', `/api/cases/${caseId}/export?format=csv`, auditor);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="case-${caseId}.csv"`);
    const lines = (csv.body as string)
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('案号,全局位置,版本,记录时间（北京时间）,发生时间（北京时间）,补录,机构,经办人,事件,摘要,款项,哈希（SHA-256 或 SM3）');
    // T0 is 02:00 UTC: 10:00 in Shanghai; recorded as it happened, so no 补录.
    // An unnumbered case (opened before numbering) reads 未编号案件 in the 案号 column.
    // People by name, never by user id; times as people in Beijing write them.
    expect(lines[1]).toMatch(/^未编号案件,\d+,0,2026年3月2日 10:00,2026年3月2日 10:00,,工会,union 联络员,案件登记,/);
    expect(csv.body).not.toContain('union-liaison');
    expect(csv.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
    expect(lines[5]).toContain('人民检察院');
    // Money reads in yuan, as people write it, not in the fen the events keep.
    expect(lines[1]).toContain('请求金额：¥36,000.00');
    expect(lines[1]).not.toContain('3600000');
    expect(lines[2]).toContain('已电话告知受理情况');
    expect(csv.body).not.toContain('A256GCM');

    // Event text that a spreadsheet would run as a formula is neutralized.
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '=HYPERLINK("http://x.example","点此")' }));
    const injected = await fx.request('GET', `/api/cases/${caseId}/export?format=csv`, auditor);
    expect((injected.body as string).trimEnd().split('\r\n').at(-1)).toContain(`"'=HYPERLINK(""http://x.example"",""点此"")`);

    const xlsx = await fetch(`${fx.url}/api/cases/${caseId}/export?format=xlsx`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(xlsx.headers.get('content-disposition')).toBe(`attachment; filename="case-${caseId}.xlsx"`);
    const sheets = await readXlsxFile(Buffer.from(await xlsx.arrayBuffer()));
    expect(sheets.map((s) => s.sheet)).toEqual(['事件', '核验', '材料']);
    const rows = sheets[0]!.data;
    expect(rows).toHaveLength(7);
    expect(rows[0]!.slice(0, 3)).toEqual(['案号', '全局位置', '版本']);
    // 案号, position, revision, recorded, occurred, 补录, agency, user, 事件, summary, money, hash.
    expect(rows.slice(1).map((r) => [r[2], r[8]])).toEqual([
      ['0', '案件登记'],
      ['1', '向职工反馈'],
      ['2', '线索移送'],
      ['3', '线索接收'],
      ['4', '线索反馈'],
      ['5', '向职工反馈'],
    ]);
    expect(rows[6]![9]).toMatch(/^'=HYPERLINK/);
    expect(sheets[1]!.data[0]!.slice(0, 2)).toEqual(['核验结果', '通过']);

    const html = await fx.request('GET', `/api/cases/${caseId}/export?format=html`, auditor);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-disposition')).toBe(`inline; filename="case-${caseId}.html"`);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = html.body as string;
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('size: A4');
    expect(page).toContain('核验通过');
    expect(page.match(/<tr><td>/g)).toHaveLength(6);
    expect(page).toContain('=HYPERLINK(&quot;http://x.example&quot;');
    expect(page).toContain('线索反馈');
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toContain('A256GCM');

    expect((await fx.request('GET', `/api/cases/${caseId}/export?format=pdf`, auditor)).status).toBe(400);
    expect((await fx.request('GET', `/api/cases/${caseId}/export?format=csv`, await fx.token('court'))).status).toBe(404);
  });
});
