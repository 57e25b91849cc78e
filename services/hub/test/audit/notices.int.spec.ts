import { generateKeyPairSync } from 'node:crypto';
import { createLogger, keyIdOf, publishedKeyOf, publishKeys, rawPublicKey } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { auditFixture, bootAgency, caseWithHistory } from './support.js';

/** A key pair nobody on the hub holds: forged in an agency's name, or pinned by mistake. */
function strangerKey() {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { keyId: keyIdOf(raw), privateKey, purpose: 'events' as const, publicKeyRaw: raw };
}

/** A logger whose lines land in `lines` (parsed), never on the console. */
function memoryLogger() {
  const lines: Record<string, any>[] = [];
  const logger = createLogger({ name: 'hub', level: 'info', destination: { write: (line: string) => void lines.push(JSON.parse(line)) } });
  return { logger, lines };
}

const notices = (problems: any[]) => problems.filter((p) => p.severity === 'notice');

describe('verification notices an auditor must see', () => {
  it('lists every published key nothing trusted vouches for (agency, purpose, keyId), without failing the case', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const auditor = await fx.token('union', ['auditor']);
    expect(notices((await fx.request('POST', `/api/cases/${caseId}/verify`, auditor)).body.problems).filter((p) => p.check === 'keys')).toEqual([]);

    // Someone publishes a key in the union's name; the trust file keeps the hub from trusting it.
    const forged = strangerKey();
    await publishKeys(fx.store, 'union', [forged]);
    const deadline = Date.now() + 5_000;
    while (!fx.hub.keys.refused().some((k) => k.keyId === forged.keyId) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));

    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
    expect(res.body.ok).toBe(true);
    expect(notices(res.body.problems).filter((p) => p.check === 'keys')).toEqual([
      expect.objectContaining({ kind: 'untrusted-key', agency: 'union', purpose: 'events', keyId: forged.keyId }),
    ]);
    const [notice] = res.body.problems.filter((p: any) => p.kind === 'untrusted-key');
    expect(notice.detail).toContain(forged.keyId);
    expect(notice.detailEn).toContain("published in union's name is not in the trust file");
  });

  it('logs the published keys it refuses once, at warn level, when the hub starts', async () => {
    const { logger, lines } = memoryLogger();
    // The union's real events key is published; the trust file names another one for it.
    const wrong = publishedKeyOf('union', strangerKey());
    const fx = await auditFixture({ logger, trust: { anchors: [wrong], storeKeys: false, source: 'test' } });
    const genuine = (await fx.agencies.union.keyring.current('events')).keyId;
    const warned = lines.filter((l) => l['level'] === 40 && String(l['msg']).includes('not trusted'));
    expect(warned).toHaveLength(1);
    expect(warned[0]!['refused']).toContainEqual({ agency: 'union', purpose: 'events', keyId: genuine, reason: 'not-endorsed' });
  });

  it("says so when no agency's own copy was compared, and the printable page then does not claim the witnesses agree", async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const auditor = await fx.token('court', ['auditor']);
    const alone = (await fx.request('POST', `/api/cases/${caseId}/verify`, auditor)).body;
    expect(alone.ok).toBe(true);
    expect(alone.checks.witnesses.compared).toEqual([]);
    const none = notices(alone.problems).filter((p) => p.kind === 'none-compared');
    expect(none).toHaveLength(1);
    expect(none[0].detailEn).toContain("no agency's own copy was compared");
    expect(none[0].detailEn).toContain("a truncation after the store's own witness records would go unnoticed");
    const page = (await fx.request('GET', `/api/cases/${caseId}/export?format=html`, auditor)).body as string;
    expect(page).toContain('核验通过');
    expect(page).not.toContain('见证一致');
    // The printout is in Chinese only (issue 14.5).
    expect(page).toContain('但未比对任何机构的自存见证副本');

    // With the union's own copy compared, the page may say it.
    const union = await bootAgency(fx, 'union');
    fx.agencyUrls.union = union.url;
    await union.service.witness.run();
    const compared = (await fx.request('POST', `/api/cases/${caseId}/verify`, auditor)).body;
    expect(compared.checks.witnesses.compared).toEqual(['union']);
    expect(compared.problems.filter((p: any) => p.kind === 'none-compared')).toEqual([]);
    expect((await fx.request('GET', `/api/cases/${caseId}/export?format=html`, auditor)).body).toContain('见证一致');
  });
});
