import { describe, expect, it } from 'vitest';
import {
  GM_SUITE,
  KeyRing,
  localSessionKeys,
  SqliteSqlDb,
  publishedKeyOf,
  publishedSessionKeys,
  SessionIssuer,
  SessionVerifier,
  type Sm2PrivateKey,
  Unauthorized,
  type AgencyKeyPair,
  type SessionKeyResolver,
} from '../src/index.js';

/** Session tokens under CRYPTO_SUITE=gm (issue 15.6): SM2 compact JWS, checked as strictly as the EdDSA ones. */
const T0 = new Date('2025-03-01T08:00:00Z');
const gmRing = await KeyRing.open(SqliteSqlDb.open(':memory:'), undefined, null, GM_SUITE);
const sm2Key = await gmRing.current('sessions');
const edRing = await KeyRing.open(SqliteSqlDb.open(':memory:'));
const edKey = await edRing.current('sessions');
const subject = { id: 'u1', agency: 'union' as const, roles: ['liaison' as const], displayName: '王科长' };
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const parts = (token: string) => token.split('.') as [string, string, string];

async function slug(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Unauthorized);
    return (error as Unauthorized).slug;
  }
  throw new Error('expected a rejection');
}

/** Signs any header and payload with the SM2 key, as a forger holding it (or a buggy issuer) could. */
function signRaw(key: AgencyKeyPair, header: unknown, payload: unknown): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${(key.privateKey as Sm2PrivateKey).sign(Buffer.from(input, 'ascii')).toString('base64url')}`;
}

describe('SM2 session tokens', () => {
  const verifier = (now = T0) =>
    new SessionVerifier({ keys: localSessionKeys('union', [...gmRing.all('sessions'), ...edRing.all('sessions')]), clock: () => now });
  const claims = { sub: 'u1', agency: 'union', roles: ['liaison'], name: '王科长', iat: T0.getTime() / 1000, exp: T0.getTime() / 1000 + 3600, jti: 'j1' };

  it('given the gm key ring, then a token is a JWS with alg SM2 that the service and the hub (from the published key) accept', async () => {
    expect(sm2Key.algorithm).toBe('SM2');
    const session = await new SessionIssuer(sm2Key, 480, () => T0).issue(subject);
    const [h, p] = parts(session.token);
    expect(JSON.parse(Buffer.from(h, 'base64url').toString())).toEqual({ alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT' });
    expect(JSON.parse(Buffer.from(p, 'base64url').toString())).toMatchObject({ sub: 'u1', agency: 'union', jti: session.jti });
    expect(await verifier().verify(session.token)).toMatchObject({ agency: 'union', userId: 'u1', sessionId: session.jti });
    const hub = new SessionVerifier({ keys: publishedSessionKeys([publishedKeyOf('union', sm2Key)]), clock: () => T0 });
    expect(await hub.verify(session.token)).toMatchObject({ userId: 'u1' });
    // Both suites' tokens side by side (a deployment that switched): each verifies with its own key.
    const ed = await new SessionIssuer(edKey, 480, () => T0).issue(subject);
    expect(await verifier().verify(ed.token)).toMatchObject({ userId: 'u1' });
  });

  it('given a token past exp (beyond the 30 s tolerance), then session-expired; within it, accepted; nbf ahead, invalid', async () => {
    const session = await new SessionIssuer(sm2Key, 60, () => T0).issue(subject);
    expect(await slug(verifier(new Date(T0.getTime() + 3_600_000 + 31_000)).verify(session.token))).toBe('session-expired');
    expect(await verifier(new Date(T0.getTime() + 3_600_000 + 29_000)).verify(session.token)).toMatchObject({ userId: 'u1' });
    const early = signRaw(sm2Key, { alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT' }, { ...claims, nbf: T0.getTime() / 1000 + 120 });
    expect(await slug(verifier().verify(early))).toBe('session-invalid');
  });

  it('given a changed byte in the signature or payload, alg none, EdDSA over an SM2 key, SM2 over an Ed25519 key, crit, missing claims or non-canonical base64url, then session-invalid', async () => {
    const good = signRaw(sm2Key, { alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT' }, claims);
    expect(await verifier().verify(good)).toMatchObject({ userId: 'u1' });
    const [h, p, s] = parts(good);
    const sig = Buffer.from(s, 'base64url');
    sig[0]! ^= 0x80;
    const other = b64({ ...claims, roles: ['admin'] });
    const edPart = Buffer.from((await new SessionIssuer(edKey, 60, () => T0).issue(subject)).token.split('.')[2]!, 'base64url');
    const bad = [
      `${h}.${p}.${sig.toString('base64url')}`,
      `${h}.${other}.${s}`,
      `${b64({ alg: 'none', kid: sm2Key.keyId, typ: 'JWT' })}.${p}.`,
      `${b64({ alg: 'none', kid: sm2Key.keyId })}.${p}.${s}`,
      `${b64({ alg: 'EdDSA', kid: sm2Key.keyId, typ: 'JWT' })}.${p}.${s}`,
      `${b64({ alg: 'SM2', kid: edKey.keyId, typ: 'JWT' })}.${p}.${edPart.toString('base64url')}`,
      signRaw(sm2Key, { alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT', crit: ['exp'] }, claims),
      signRaw(sm2Key, { alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT' }, { ...claims, jti: undefined }),
      signRaw(sm2Key, { alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT' }, { ...claims, exp: '9999999999' }),
      signRaw(sm2Key, { alg: 'SM2', kid: 'unknown', typ: 'JWT' }, claims),
      signRaw(sm2Key, { alg: 'SM2', kid: sm2Key.keyId, typ: 'JWT' }, { ...claims, agency: 'court' }),
      `${h}=.${p}.${s}`,
      `${h}.${p}.${s}.x`,
      `${h}.${p}`,
      '',
    ];
    for (const token of bad) expect(await slug(verifier().verify(token)), token).toBe('session-invalid');
  });

  it('given a token verified once, then seeing it again still checks expiry, the key and its trust each time (only the SM2 arithmetic is remembered)', async () => {
    let now = T0;
    let keys: SessionKeyResolver = localSessionKeys('union', gmRing.all('sessions'));
    const verifier = new SessionVerifier({ keys: (kid) => keys(kid), clock: () => now });
    const session = await new SessionIssuer(sm2Key, 60, () => T0).issue(subject);
    expect(await verifier.verify(session.token)).toMatchObject({ userId: 'u1' });
    expect(await verifier.verify(session.token)).toMatchObject({ userId: 'u1' });
    now = new Date(T0.getTime() + 3_600_000 + 31_000);
    expect(await slug(verifier.verify(session.token))).toBe('session-expired');
    now = T0;
    keys = () => ({ untrusted: { agency: 'union', keyId: sm2Key.keyId } });
    expect(await slug(verifier.verify(session.token))).toBe('session-key-untrusted');
    keys = () => undefined;
    expect(await slug(verifier.verify(session.token))).toBe('session-invalid');
    // Another key object for the same key id (as after the hub rebuilds its trust): verified afresh, and an impostor key fails.
    const impostor = await (await KeyRing.open(SqliteSqlDb.open(':memory:'), undefined, null, GM_SUITE)).current('sessions');
    keys = () => ({ agency: 'union', publicKey: impostor.publicKey });
    expect(await slug(verifier.verify(session.token))).toBe('session-invalid');
  });
});
