/**
 * The offline verifier takes the deployment's trust file (`--trust`): a key the file carries
 * counts only when the trust file names it or a trusted key endorsed it, so whoever produced the
 * file cannot swap in a key of their own and re-sign.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync, sign } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSigner, keyIdOf, publishKeys, rawPublicKey, TRUST_FORMAT } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { cmd } from '../support/cases.js';
import { verifyExport } from '../../verifier/verify-audit.mjs';
import { reproveExport, auditFixture, caseWithHistory } from './support.js';

const VERIFIER = join(import.meta.dirname, '../../verifier/verify-audit.mjs');

function runVerifier(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [VERIFIER, ...args], (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

async function exported(signing: 'inline' | 'events-signed' = 'inline') {
  const fx = await auditFixture({ signing });
  const { caseId } = await caseWithHistory(fx);
  const trustFile = join(fx.dir, 'trust.json');
  writeFileSync(trustFile, JSON.stringify({ format: TRUST_FORMAT, anchors: fx.anchors }));
  const auditor = await fx.token('court', ['auditor']);
  const doc = async () => (await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor)).body;
  return { fx, caseId, trustFile, doc };
}

describe('the offline verifier with the trust file', () => {
  it("refuses a key the file carries in an agency's name that the trust file does not vouch for, naming it (proofs inline, re-made and the chain recomputed)", async () => {
    const { fx, trustFile, doc } = await exported();
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const keyId = keyIdOf(raw);
    const other = generateKeyPairSync('ed25519');
    const otherRaw = rawPublicKey(other.publicKey);
    const otherId = keyIdOf(otherRaw);
    // Re-proving the union's events alone breaks the procuratorate's proofs after them: each signs the head it follows.
    const alone = reproveExport(await doc(), { union: { keyId, privateKey } });
    const onlyUnion = verifyExport(alone);
    expect(onlyUnion.usable && onlyUnion.checks.find((c) => c.id === 'signatures')!.problems.map((p) => p.kind)).toContain('bad-signature');
    const forged = reproveExport(await doc(), { union: { keyId, privateKey }, procuratorate: { keyId: otherId, privateKey: other.privateKey } });
    forged.publicKeys = forged.publicKeys.map((k: any) =>
      k.agency === 'union'
        ? { agency: 'union', purpose: 'events', keyId, publicKey: raw.toString('base64') }
        : k.agency === 'procuratorate'
          ? { agency: 'procuratorate', purpose: 'events', keyId: otherId, publicKey: otherRaw.toString('base64') }
          : k,
    );
    const file = join(fx.dir, 'forged.json');
    writeFileSync(file, JSON.stringify(forged));
    const selfConsistent = await runVerifier(file);
    expect(selfConsistent.stdout).toContain('[通过 PASS] 哈希链 Hash chain');
    expect(selfConsistent.stdout).toContain('[通过 PASS] 机构签名 Agency signatures');
    const checked = await runVerifier(file, '--trust', trustFile);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('[失败 FAIL] 机构签名 Agency signatures');
    expect(checked.stdout).toContain(`uses untrusted key ${keyId}`);
  });

  it("refuses a key the file carries in an agency's name that the trust file does not vouch for, naming it (EventsSigned records, as before issue 12.2)", async () => {
    const { fx, trustFile, doc } = await exported('events-signed');
    // Whoever produced the file puts a key of their own in the union's place and re-signs every
    // union signature record with it: the file agrees with itself.
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const keyId = keyIdOf(raw);
    const forged = await doc();
    for (const record of forged.signatures.filter((s: any) => s.stream === 'signatures-union')) {
      record.data.keyId = keyId;
      record.data.signature = sign(null, Buffer.from(record.data.hashes.join(''), 'utf8'), privateKey).toString('base64');
    }
    forged.publicKeys = forged.publicKeys.map((k: any) =>
      k.agency === 'union' ? { agency: 'union', purpose: 'events', keyId, publicKey: raw.toString('base64') } : k,
    );
    const file = join(fx.dir, 'forged.json');
    writeFileSync(file, JSON.stringify(forged));

    const selfConsistent = await runVerifier(file);
    expect(selfConsistent.stdout).toContain('[通过 PASS] 机构签名 Agency signatures');

    const checked = await runVerifier(file, '--trust', trustFile);
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('[失败 FAIL] 机构签名 Agency signatures');
    expect(checked.stdout).toContain(`uses untrusted key ${keyId}`);
    expect(checked.stdout).toContain(`the file's union key ${keyId} is not trusted (not in the trust file, not endorsed by a trusted key)`);
  });

  it('accepts an export whose agency rotated its events key with an endorsement by the key in the trust file', async () => {
    const { fx, caseId, trustFile, doc } = await exported();
    const union = fx.agencies.union;
    const previous = await union.keyring.current('events');
    const rotated = await union.keyring.rotate('events');
    await publishKeys(fx.store, 'union', [{ ...rotated, endorsedBy: previous }]);
    await expect.poll(() => fx.hub.keys.trusted('events').some((k) => k.keyId === rotated.keyId), { timeout: 5_000 }).toBe(true);
    Object.assign(union, { signer: createSigner(rotated) });
    await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '轮换密钥后' }));
    const file = join(fx.dir, 'rotated.json');
    const document = await doc();
    expect(document.publicKeys).toContainEqual(
      expect.objectContaining({ agency: 'union', keyId: rotated.keyId, endorsement: expect.objectContaining({ keyId: previous.keyId }) }),
    );
    writeFileSync(file, JSON.stringify(document));

    const checked = await runVerifier(file, '--trust', trustFile);
    expect(checked.stdout).toContain('[通过 PASS] 机构签名 Agency signatures');
    expect(checked.stdout).not.toContain('is not trusted');
    // No witness ran in this spec: verified, not proven complete.
    expect(checked.code).toBe(3);
  });
});
