import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { endorseKey, keyIdOf, loadConfig, parseTrustFile, publishedKeyOf, rawPublicKey, resolveTrust, TRUST_FORMAT } from '../src/index.js';

function pair(purpose: 'events' | 'sessions' = 'events') {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = rawPublicKey(publicKey);
  return { purpose, keyId: keyIdOf(raw), privateKey, publicKeyRaw: raw };
}

describe('trust', () => {
  it('follows endorsements from an anchor in a chain, in any store order, and refuses the rest with why', () => {
    const [a, b, c, stranger] = [pair(), pair(), pair(), pair()];
    const key = (p: ReturnType<typeof pair>) => publishedKeyOf('union', p);
    const published = [
      { ...key(c), endorsement: endorseKey(b, key(c)) },
      { ...key(b), endorsement: endorseKey(a, key(b)) },
      key(stranger),
      { ...key(pair()), endorsement: endorseKey(stranger, key(stranger)) },
      { ...key(pair()), endorsement: { keyId: a.keyId, signature: endorseKey(a, key(b)).signature } },
    ];
    const { trusted, refused } = resolveTrust({ anchors: [key(a)], storeKeys: false }, published);
    expect(trusted.map((k) => k.keyId).sort()).toEqual([a.keyId, b.keyId, c.keyId].sort());
    expect(refused.map((k) => k.reason)).toEqual(['not-endorsed', 'endorser-untrusted', 'bad-endorsement']);
    // An events key does not endorse a sessions key.
    const s = pair('sessions');
    expect(resolveTrust({ anchors: [key(a)], storeKeys: false }, [{ ...key(s), endorsement: endorseKey(a, key(s)) }]).trusted.map((k) => k.keyId)).toEqual([
      a.keyId,
    ]);
    // TRUST_STORE_KEYS=1 trusts published keys only where no anchor exists.
    const court = publishedKeyOf('court', stranger);
    expect(resolveTrust({ anchors: [key(a)], storeKeys: true }, [key(stranger), court]).trusted.map((k) => `${k.agency}:${k.keyId}`)).toEqual([
      `union:${a.keyId}`,
      `court:${stranger.keyId}`,
    ]);
  });

  it('parses a trust file, checking each keyId against its key, and reads TRUST_FILE and TRUST_STORE_KEYS', () => {
    const k = publishedKeyOf('union', pair());
    expect(parseTrustFile(JSON.stringify({ format: TRUST_FORMAT, anchors: [k] }), 'f').anchors).toEqual([k]);
    expect(() => parseTrustFile(JSON.stringify({ format: TRUST_FORMAT, anchors: [{ ...k, keyId: '0000000000000000' }] }), 'f')).toThrow(
      /does not match its key/,
    );
    expect(() => parseTrustFile('{', 'f')).toThrow(/not JSON/);
    expect(loadConfig({ PORT: '1', TRUST_FILE: '/etc/hub/trust.json', TRUST_STORE_KEYS: '1' })).toMatchObject({
      trustFile: '/etc/hub/trust.json',
      trustStoreKeys: true,
    });
    expect(() => loadConfig({ PORT: '1', TRUST_STORE_KEYS: 'yes' })).toThrow(/TRUST_STORE_KEYS must be 0 or 1/);
  });
});
