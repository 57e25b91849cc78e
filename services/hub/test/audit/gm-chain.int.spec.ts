import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson } from '@hub/event-store';
import { GM_SUITE, keyIdOf, rawPublicKey } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { verifyExport } from '../../verifier/verify-audit.mjs';
import { auditFixture, bootAgency, caseWithHistory, reproveExport } from './support.js';

const failures = (result: any): string[] => result.checks.flatMap((c: any) => c.problems.map((p: any) => `${c.id}:${p.kind}@${p.revision ?? '-'}`));

/** A fresh events key of an agency, as the export's publicKeys list it and reproveExport signs with it. */
function freshKey(agency: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { signer: { keyId: keyIdOf(raw), privateKey }, listed: { agency, purpose: 'events', keyId: keyIdOf(raw), publicKey: raw.toString('base64') } };
}

describe('the offline verifier and the gm suite (issue 15.6)', () => {
  it('given an exported case whose history switches to SM3 half-way, then the verifier recomputes each event with its own algorithm and the mixed chain passes; an altered SM3 event fails', async () => {
    const fx = await auditFixture({ signing: 'inline' });
    const union = await bootAgency(fx, 'union');
    fx.agencyUrls.union = union.url;
    const { caseId } = await caseWithHistory(fx);
    const auditor = await fx.token('court', ['auditor']);
    const exported = await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor);
    expect(exported.status).toBe(200);
    const doc = structuredClone(exported.body);
    // From the third event on, the deployment chains with SM3: as a switch of CRYPTO_SUITE would record it.
    doc.events.forEach((e: any, i: number) => {
      if (i >= 2) e.metadata.hashAlg = 'sm3';
    });
    const keys = { union: freshKey('union'), procuratorate: freshKey('procuratorate') };
    const mixed = reproveExport(doc, { union: keys.union.signer, procuratorate: keys.procuratorate.signer });
    mixed.publicKeys = mixed.publicKeys.map((k: any) => (k.agency === 'union' || k.agency === 'procuratorate' ? keys[k.agency as 'union'].listed : k));

    const third = mixed.events[2];
    const { hash, ...metadata } = third.metadata;
    const content = canonicalJson({ data: third.data, id: third.id, metadata, revision: String(third.revision), stream: third.stream, type: third.type });
    expect(hash).toBe(GM_SUITE.hash(content));
    const result = verifyExport(mixed);
    expect(result.usable).toBe(true);
    expect(failures(result).filter((f) => f.startsWith('chain') || f.startsWith('signatures'))).toEqual([]);

    const altered = structuredClone(mixed);
    altered.events[3].data = { ...altered.events[3].data, summary: '改过的' };
    expect(failures(verifyExport(altered))).toContain('chain:hash-mismatch@3');
    const relabelled = structuredClone(mixed);
    relabelled.events[2].metadata.hashAlg = 'sha256';
    expect(failures(verifyExport(relabelled))).toContain('chain:hash-mismatch@2');
  });
});
