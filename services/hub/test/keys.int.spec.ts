/**
 * Issue 10, item 3: a key written into the store is not trusted for being there. The trust file
 * (here the fixture's: every agency's first keys) is where trust starts; a later key counts only
 * when a trusted key of its agency and purpose endorsed it.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createSigner, keyIdOf, publishKeys, rawPublicKey, SessionIssuer, type KeyPurpose } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { auditFixture, caseWithHistory } from './audit/support.js';
import { cmd } from './support/cases.js';
import { hubFixture, type HubFixture } from './support/fixture.js';

/** A key pair made by whoever can write to the store, not by the agency. */
function forgedKey<P extends KeyPurpose>(purpose: P) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { purpose, keyId: keyIdOf(raw), publicKey, privateKey, publicKeyRaw: raw, createdAt: new Date() };
}

/** Waits until the hub has read the key from the store, trusted or refused (`refused?.`: so this spec also runs, and fails for the right reason, on the hub before the trust file). */
async function seen(fx: HubFixture, keyId: string): Promise<void> {
  await expect.poll(() => [...fx.hub.keys.trusted(), ...(fx.hub.keys.refused?.() ?? [])].some((k) => k.keyId === keyId), { timeout: 5_000 }).toBe(true);
}

describe('a key only the store vouches for', () => {
  it('is refused in verification: an event chained correctly and signed with a forged AgencyKeyPublished key fails, naming the key', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const auditor = await fx.token('court', ['auditor']);
    expect((await fx.request('POST', `/api/cases/${caseId}/verify`, auditor)).body.ok).toBe(true);

    // The store's operator publishes a key in the union's name, then records an act as the union:
    // appended through the store (so the hash chain holds) and signed with that key.
    const forged = forgedKey('events');
    await publishKeys(fx.store, 'union', [forged]);
    Object.assign(fx.agencies.union, { signer: createSigner(forged) });
    const { nextExpectedRevision: revision } = await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary: '已结案' }));
    await seen(fx, forged.keyId);

    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, auditor);
    expect(res.body.ok).toBe(false);
    expect(res.body.checks.chain.ok).toBe(true);
    const failed = res.body.problems.filter((p: any) => p.severity === 'failure');
    expect(failed.map((p: any) => `${p.check}:${p.kind}@${p.revision}`)).toEqual([`signatures:unknown-key@${revision}`, `signatures:unsigned@${revision}`]);
    expect(failed[0]).toMatchObject({ agency: 'union', keyId: forged.keyId, found: forged.keyId });
    expect(failed[0].detail).toContain(`密钥 ${forged.keyId} 只在事件存储中发布`);
    expect(failed[0].detailEn).toContain(`uses key ${forged.keyId}, published only on the event store, which is not in the trust file`);
    // And reported as a key to look into, whether or not anything was signed with it.
    expect(res.body.problems).toContainEqual(
      expect.objectContaining({ check: 'keys', kind: 'untrusted-key', severity: 'notice', agency: 'union', keyId: forged.keyId }),
    );
  });

  it('is refused at sign-in: a session signed with a forged sessions key published on the store gets 401 session-key-untrusted', async () => {
    const fx = await hubFixture();
    const forged = forgedKey('sessions');
    await publishKeys(fx.store, 'union', [forged]);
    await seen(fx, forged.keyId);
    const issuer = new SessionIssuer(forged, 60, fx.now);
    const token = (await issuer.issue({ id: 'union-admin', agency: 'union', roles: ['auditor'], displayName: '伪造' })).token;

    const res = await fx.request('GET', '/api/cases', token);
    expect(res.status).toBe(401);
    expect(res.body.type).toBe('urn:hub:problem:session-key-untrusted');
    expect(res.body.detail).toContain(forged.keyId);
    expect(fx.hub.keys.refused()).toContainEqual(
      expect.objectContaining({ agency: 'union', purpose: 'sessions', keyId: forged.keyId, reason: 'not-endorsed' }),
    );
    // A genuine session still works.
    expect((await fx.request('GET', '/api/cases', await fx.token('union'))).status).toBe(200);
  });

  it('is not made trusted by an endorsement from another untrusted key', async () => {
    const fx = await hubFixture();
    const first = forgedKey('sessions');
    const second = forgedKey('sessions');
    await publishKeys(fx.store, 'union', [first, { ...second, endorsedBy: first }]);
    await seen(fx, second.keyId);
    expect(fx.hub.keys.refused()).toContainEqual(expect.objectContaining({ keyId: second.keyId, reason: 'endorser-untrusted' }));
    const token = (await new SessionIssuer(second, 60, fx.now).issue({ id: 'x', agency: 'union', roles: ['auditor'], displayName: 'x' })).token;
    expect((await fx.request('GET', '/api/cases', token)).status).toBe(401);
  });
});

describe('a rotation endorsed by a trusted key', () => {
  it('is followed live: a rotated sessions key endorsed by the previous one signs sessions the hub accepts', async () => {
    const fx = await hubFixture();
    const union = fx.agencies.union;
    const previous = await union.keyring.current('sessions');
    const rotated = await union.keyring.rotate('sessions');
    const token = (await new SessionIssuer(rotated, 60, fx.now).issue({ id: 'union-new', agency: 'union', roles: ['liaison'], displayName: 'new key' })).token;
    // Not published yet: the hub cannot know the key.
    expect((await fx.request('GET', '/api/cases', token)).status).toBe(401);
    await publishKeys(fx.store, 'union', [{ ...rotated, endorsedBy: previous }]);
    await expect.poll(async () => (await fx.request('GET', '/api/cases', token)).status, { timeout: 10_000 }).toBe(200);
    expect(
      fx.hub.keys
        .trusted('sessions')
        .filter((k) => k.agency === 'union')
        .map((k) => k.keyId),
    ).toContain(rotated.keyId);
    expect(fx.hub.keys.refused()).toEqual([]);
  });

  it('signs events that verify: a rotated events key endorsed by the previous one, and the next rotation endorsed by that one', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const union = fx.agencies.union;
    let previous = await union.keyring.current('events');
    for (const summary of ['第一次轮换后', '第二次轮换后']) {
      const rotated = await union.keyring.rotate('events');
      await publishKeys(fx.store, 'union', [{ ...rotated, endorsedBy: previous }]);
      await seen(fx, rotated.keyId);
      Object.assign(union, { signer: createSigner(rotated) });
      await fx.act('union', caseId, cmd('GiveWorkerFeedback', { channel: 'phone', summary }));
      previous = rotated;
    }
    const res = await fx.request('POST', `/api/cases/${caseId}/verify`, await fx.token('court', ['auditor']));
    expect(res.body.problems.filter((p: any) => p.severity === 'failure')).toEqual([]);
    expect(res.body.ok).toBe(true);
    expect(res.body.checks.signatures.signedEvents).toBe(7);
    expect(fx.hub.keys.trusted('events').filter((k) => k.agency === 'union')).toHaveLength(3);
  });
});
