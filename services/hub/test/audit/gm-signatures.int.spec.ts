import { recomputeHash } from '@hub/event-store';
import { contentDigestFor, keyIdOf, proofMessage, sm2GenerateKeyPair, sm2PublicKeyBytes, sm2PublicKeyOf, sm2Sign } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { sm2Verify, verifyExport } from '../../verifier/verify-audit.mjs';
import { auditFixture, bootAgency, caseWithHistory } from './support.js';

const failures = (result: any): string[] => result.checks.flatMap((c: any) => c.problems.map((p: any) => `${c.id}:${p.kind}@${p.revision ?? '-'}`));
const big = (s: string) => BigInt(`0x${s.replace(/\s+/g, '')}`);

/** The export with every proof made again by an SM2 key of its agency, as a gm deployment's would be. */
function reproveWithSm2(doc: any, algorithm = 'SM2') {
  const forged = structuredClone(doc);
  const keys = new Map<string, { d: bigint; raw: Buffer }>();
  const keyOf = (agency: string) => {
    if (!keys.has(agency)) {
      const { d, publicKey } = sm2GenerateKeyPair();
      keys.set(agency, { d, raw: sm2PublicKeyBytes(publicKey) });
    }
    return keys.get(agency)!;
  };
  let prevHash: string | null = null;
  forged.events.forEach((e: any, i: number) => {
    e.metadata.prevHash = prevHash;
    const proof = e.metadata.proof;
    if (proof) {
      const key = keyOf(e.metadata.agency);
      const run = forged.events.slice(i, i + proof.count).map((r: any) => ({ ...r, revision: BigInt(r.revision) }));
      const message = proofMessage(e.stream, BigInt(e.revision), prevHash, run.map(contentDigestFor('SM2')));
      e.metadata.proof = { ...proof, algorithm, keyId: keyIdOf(key.raw), signature: sm2Sign(Buffer.from(message, 'utf8'), key.d).toString('base64') };
    }
    e.metadata.hash = recomputeHash({ ...e, revision: BigInt(e.revision), position: BigInt(e.position) });
    prevHash = e.metadata.hash;
  });
  forged.publicKeys = forged.publicKeys.map((k: any) => {
    const key = keys.get(k.agency);
    return key && (k.purpose ?? 'events') === 'events'
      ? { agency: k.agency, purpose: 'events', keyId: keyIdOf(key.raw), publicKey: key.raw.toString('base64') }
      : k;
  });
  return forged;
}

describe('the offline verifier and SM2 (issue 15.6)', () => {
  it("given GB/T 32918.2's recommended-curve example and service-kit's SM2 signatures, then the verifier's own SM2 accepts them and refuses a changed bit", () => {
    const d = big('3945208F 7B2144B1 3F36E38A C6D39F95 88939369 2860B51A 42FB81EF 4DF7C5B8');
    const key = sm2PublicKeyBytes(sm2PublicKeyOf(d));
    const message = Buffer.from('message digest', 'ascii');
    const published = Buffer.from(
      'F5A03B0648D2C4630EEAC513E1BB81A15944DA3827D5B74143AC7EACEEE720B3B1B6AA29DF212FD8763182BC0D421CA1BB9038FD1F7F42D4840B69C485BBC1AA',
      'hex',
    );
    expect(sm2Verify(message, published, key)).toBe(true);
    const ours = sm2Sign(Buffer.from('事件'), d);
    expect(sm2Verify(Buffer.from('事件'), ours, key)).toBe(true);
    const flipped = Buffer.from(ours);
    flipped[10]! ^= 1;
    expect(sm2Verify(Buffer.from('事件'), flipped, key)).toBe(false);
  });

  it('given an export whose proofs are SM2 signatures by 65-byte SM2 keys, then chain and signatures pass; a proof that calls itself Ed25519 does not', async () => {
    const fx = await auditFixture({ signing: 'inline' });
    const union = await bootAgency(fx, 'union');
    fx.agencyUrls.union = union.url;
    const { caseId } = await caseWithHistory(fx);
    const auditor = await fx.token('court', ['auditor']);
    const exported = await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor);
    expect(exported.status).toBe(200);
    const sm2 = reproveWithSm2(exported.body);
    const result = verifyExport(sm2);
    expect(result.usable).toBe(true);
    expect(failures(result).filter((f) => f.startsWith('chain') || f.startsWith('signatures'))).toEqual([]);
    const mislabelled = reproveWithSm2(exported.body, 'Ed25519');
    expect(failures(verifyExport(mislabelled)).filter((f) => f.startsWith('signatures:bad-signature'))).not.toEqual([]);
  });
});
