import { generateKeyPairSync, sign } from 'node:crypto';
import { keyIdOf, rawPublicKey } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { EXPORT_MEDIA_TYPE } from '../../src/audit/verify-export.js';
import { verifyExport } from '../../verifier/verify-audit.mjs';
import { auditFixture, bootAgency, caseWithHistory, reproveExport } from './support.js';

const ROUTE = '/api/audit/verify-export';

/** An exported, witnessed case; signed in EventsSigned records unless told (the tampering below edits those). */
async function setup(signing: 'inline' | 'events-signed' = 'events-signed') {
  const fx = await auditFixture({ signing });
  const union = await bootAgency(fx, 'union');
  fx.agencyUrls.union = union.url;
  const { caseId } = await caseWithHistory(fx);
  await union.service.witness.run();
  const auditor = await fx.token('court', ['auditor']);
  const exported = await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor);
  expect(exported.status).toBe(200);
  return { fx, caseId, auditor, doc: exported.body };
}

/** Every failure as check:kind@revision, as the page lists them. */
const failures = (result: any): string[] => result.checks.flatMap((c: any) => c.problems.map((p: any) => `${c.id}:${p.kind}@${p.revision ?? '-'}`));

async function post(url: string, token: string | undefined, body: string, contentType = 'application/json') {
  const headers: Record<string, string> = { 'content-type': contentType };
  if (token) headers['authorization'] = `Bearer ${token}`;
  const res = await fetch(url + ROUTE, { method: 'POST', headers, body });
  return { status: res.status, body: (await res.json()) as any };
}

describe('verify a copy: POST /api/audit/verify-export', () => {
  it("passes an export whose events carry their proofs inline, and fails one re-proven with a stranger's key because the hub's keys are pinned", async () => {
    const { fx, auditor, doc } = await setup('inline');
    const ok = await fx.request('POST', ROUTE, auditor, doc);
    expect(ok.body).toMatchObject({ usable: true, ok: true, exitCode: 0, counts: { events: 5, signatures: 0, witnesses: 2 } });
    expect(failures(ok.body)).toEqual([]);

    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const keyId = keyIdOf(raw);
    const other = generateKeyPairSync('ed25519');
    const otherRaw = rawPublicKey(other.publicKey);
    const otherId = keyIdOf(otherRaw);
    // Re-proving the union's events alone breaks the procuratorate's proofs after them: each signs the head it follows.
    const alone = reproveExport(doc, { union: { keyId, privateKey } });
    expect(failures(verifyExport(alone)).filter((f) => f.startsWith('signatures:bad-signature'))).not.toEqual([]);
    const forged = reproveExport(doc, { union: { keyId, privateKey }, procuratorate: { keyId: otherId, privateKey: other.privateKey } });
    forged.publicKeys = forged.publicKeys.map((k: any) =>
      k.agency === 'union'
        ? { agency: 'union', purpose: 'events', keyId, publicKey: raw.toString('base64') }
        : k.agency === 'procuratorate'
          ? { agency: 'procuratorate', purpose: 'events', keyId: otherId, publicKey: otherRaw.toString('base64') }
          : k,
    );
    // The file agrees with itself (its own keys)…
    const selfConsistent = verifyExport(forged);
    expect(selfConsistent.usable && failures(selfConsistent).filter((f) => f.startsWith('chain') || f.startsWith('signatures'))).toEqual([]);
    // …but the hub pins its trusted keys: the union's proofs are made with a key it does not know.
    const res = await fx.request('POST', ROUTE, auditor, forged);
    expect(res.body.ok).toBe(false);
    expect(failures(res.body)).toContain('signatures:unknown-key@0');
    expect(failures(res.body)).toContain('signatures:unsigned@0');
  });

  it("passes a real export with the hub's keys pinned, and fails an edited one at the edited revision", async () => {
    const { fx, caseId, auditor, doc } = await setup();
    const ok = await fx.request('POST', ROUTE, auditor, doc);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      usable: true,
      ok: true,
      proven: true,
      exitCode: 0,
      verdict: 'passed',
      caseId,
      trustedKeys: 'hub',
      keys: { source: 'pinned' },
      counts: { events: 5, signatures: 5, witnesses: 2 },
      notices: [],
      completeness: { proven: true, lastRevision: '4', witnessedRevision: '4' },
    });
    expect(ok.body.checks.map((c: any) => [c.id, c.ok])).toEqual([
      ['identity', true],
      ['chain', true],
      ['signatures', true],
      ['witnesses', true],
    ]);
    expect(failures(ok.body)).toEqual([]);

    // One word of revision 2's data edited: the chain names revision 2, with the hash it carries
    // and the hash of what it holds now.
    const edited = structuredClone(doc);
    edited.events[2].data.summary = '无欠薪';
    const bad = await fx.request('POST', ROUTE, auditor, edited);
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ usable: true, ok: false, exitCode: 1, verdict: 'failed' });
    expect(failures(bad.body)).toEqual(['chain:hash-mismatch@2']);
    const [problem] = bad.body.checks.find((c: any) => c.id === 'chain').problems;
    expect(problem).toMatchObject({ check: 'chain', kind: 'hash-mismatch', revision: '2', expected: doc.events[2].metadata.hash });
    expect(problem.found).toMatch(/^[0-9a-f]{64}$/);
    expect(problem.found).not.toBe(problem.expected);
    expect(problem.zh).toContain('第 2 版');
    expect(problem.en).toContain('revision 2: content does not match its hash');
    expect(bad.body.checks.find((c: any) => c.id === 'signatures').ok).toBe(true);

    // The same function the offline tool runs, on the same file: the same verdict.
    const offline = verifyExport(edited, { pinned: fx.hub.keys.trusted('events') });
    expect(offline.usable && failures(offline)).toEqual(['chain:hash-mismatch@2']);
  });

  it("fails a flipped signature on signatures, and a file re-signed with a stranger's key because the hub's keys are pinned", async () => {
    const { fx, auditor, doc } = await setup();
    const flipped = structuredClone(doc);
    const sig = Buffer.from(flipped.signatures[1].data.signature, 'base64');
    sig[0] = sig[0]! ^ 0x80;
    flipped.signatures[1].data.signature = sig.toString('base64');
    const res = await fx.request('POST', ROUTE, auditor, flipped);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.checks.find((c: any) => c.id === 'chain').ok).toBe(true);
    const signatures = res.body.checks.find((c: any) => c.id === 'signatures');
    expect(signatures.ok).toBe(false);
    expect(failures(res.body)).toEqual(['signatures:bad-signature@1', 'signatures:unsigned@1']);

    // A stranger re-signs the union's signature record over revision 0 with a key of their own
    // and puts that key in the file: the file agrees with itself, so the offline tool with the
    // file's own keys accepts that signature; the hub, trusting only its own keys, does not.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const keyId = keyIdOf(raw);
    const forged = structuredClone(doc);
    const record = forged.signatures.find((s: any) => s.stream === 'signatures-union' && s.data.fromRevision === '0');
    record.data.keyId = keyId;
    record.data.signature = sign(null, Buffer.from(record.data.hashes.join(''), 'utf8'), privateKey).toString('base64');
    forged.publicKeys = forged.publicKeys.map((k: any) => (k.agency === 'union' ? { ...k, keyId, publicKey: raw.toString('base64') } : k));
    const selfConsistent = verifyExport(forged);
    expect(selfConsistent.usable && selfConsistent.checks.find((c) => c.id === 'signatures')!.problems.filter((p) => p.revision === '0')).toEqual([]);
    const stranger = await fx.request('POST', ROUTE, auditor, forged);
    expect(stranger.status).toBe(200);
    expect(stranger.body.ok).toBe(false);
    expect(failures(stranger.body)).toContain('signatures:unknown-key@0');
    expect(stranger.body.checks.find((c: any) => c.id === 'signatures').problems.find((p: any) => p.kind === 'unknown-key')).toMatchObject({
      agency: 'union',
      found: keyId,
    });
    expect(stranger.body.notices).toEqual([expect.objectContaining({ kind: 'file-key-not-trusted', agency: 'union', keyId })]);
  });

  it('answers 400, never 500, to an empty, garbage or unusable body; 401 without a session', async () => {
    const { fx, auditor, doc } = await setup();
    const empty = await post(fx.url, auditor, '');
    expect(empty.status).toBe(400);
    expect(empty.body.detail).toContain('无法核验');
    const garbage = await post(fx.url, auditor, 'this is not json {');
    expect(garbage.status).toBe(400);
    expect(garbage.body.type).toBe('urn:hub:problem:malformed-json');
    const plain = await post(fx.url, auditor, JSON.stringify(doc), 'text/plain');
    expect(plain.status).toBe(400);
    expect(plain.body.detailEn).toContain(EXPORT_MEDIA_TYPE);

    const unusable = async (body: unknown) => {
      const res = await fx.request('POST', ROUTE, auditor, body);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ type: 'urn:hub:problem:unusable-export', exitCode: 2 });
      return res.body;
    };
    expect((await unusable({})).detailEn).toContain('not a labor-hub-audit/1 export');
    expect((await unusable([1, 2, 3])).detailEn).toContain('not a labor-hub-audit/1 export');
    expect((await unusable({ ...doc, events: [] })).detailEn).toContain('nothing to verify');
    expect((await unusable({ ...doc, signatures: 'none' })).detailEn).toContain('missing "signatures"');
    expect((await unusable({ ...doc, events: [{ id: 'x' }] })).detailEn).toContain('malformed event');
    // Malformed deeper than the tool looks (a witness record that is not an object): still the file's fault.
    expect((await unusable({ ...doc, witnesses: [null] })).detail).toContain('无法核验');
    expect((await unusable({ ...doc, signatures: [null] })).detail).toContain('无法核验');

    expect((await post(fx.url, undefined, JSON.stringify(doc))).status).toBe(401);
    // Documented with the other audit routes.
    const openapi = (await fx.request('GET', '/openapi.json')).body;
    expect(openapi.paths['/api/audit/verify-export'].post).toMatchObject({ tags: ['audit'] });
  });

  it('takes an export over the general 1 MB limit when sent as the export media type, and refuses it cleanly as application/json', async () => {
    const { fx, auditor, doc } = await setup();
    // The hub's own verdict rides along in the file for reading only; padded, the file is 2 MB.
    const big = JSON.stringify({ ...doc, verification: { ...doc.verification, padding: 'x'.repeat(2 * 1024 * 1024) } });
    const asJson = await post(fx.url, auditor, big);
    expect(asJson.status).toBe(413);
    const asExport = await post(fx.url, auditor, big, EXPORT_MEDIA_TYPE);
    expect(asExport.status).toBe(200);
    expect(asExport.body).toMatchObject({ ok: true, exitCode: 0 });
  });
});
