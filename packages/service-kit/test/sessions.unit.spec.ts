import { describe, expect, it } from 'vitest';
import {
  KeyRing,
  localSessionKeys,
  openLocalDb,
  SqliteSqlDb,
  publishedKeyOf,
  publishedSessionKeys,
  RevocationList,
  SessionIssuer,
  SessionVerifier,
  Unauthorized,
} from '../src/index.js';
import { ENGINES } from './engines.js';

const T0 = new Date('2025-03-01T08:00:00Z');
const db = openLocalDb(':memory:');
const ring = await KeyRing.open(new SqliteSqlDb(db));
const key = await ring.current('sessions');
const subject = { id: 'u1', agency: 'union' as const, roles: ['liaison' as const], displayName: '王科长' };

async function rejection(promise: Promise<unknown>): Promise<Unauthorized> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(Unauthorized);
    return error as Unauthorized;
  }
  throw new Error('expected a rejection');
}

describe('sessions', () => {
  const issuer = new SessionIssuer(key, 480, () => T0);
  const verifierAt = (now: Date, revocations?: RevocationList) =>
    new SessionVerifier({ keys: localSessionKeys('union', ring.all('sessions')), clock: () => now, ...(revocations ? { revocations } : {}) });

  it('issues an EdDSA JWT with the documented claims, verifiable with the public key alone', async () => {
    const session = await issuer.issue(subject);
    const [header, payload] = session.token
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'EdDSA', kid: key.keyId, typ: 'JWT' });
    expect(payload).toEqual({
      sub: 'u1',
      agency: 'union',
      roles: ['liaison'],
      name: '王科长',
      iat: T0.getTime() / 1000,
      exp: T0.getTime() / 1000 + 480 * 60,
      jti: session.jti,
    });
    expect(session.expiresAt.toISOString()).toBe('2025-03-01T16:00:00.000Z');

    const hub = new SessionVerifier({ keys: publishedSessionKeys([publishedKeyOf('union', key)]), clock: () => T0 });
    expect(await hub.verify(session.token)).toMatchObject({
      agency: 'union',
      userId: 'u1',
      roles: ['liaison'],
      name: '王科长',
      kind: 'user',
      sessionId: session.jti,
    });
  });

  it('says "expired" for an expired token, distinct from invalid', async () => {
    const session = await issuer.issue(subject);
    const later = new Date(T0.getTime() + 481 * 60_000);
    const error = await rejection(verifierAt(later).verify(session.token));
    expect(error.slug).toBe('session-expired');
    expect(error.message).toContain('过期');
    expect(error.detailEn).toContain('expired');
  });

  it('says "invalid" for a tampered token, an unknown key or garbage', async () => {
    const session = await issuer.issue(subject);
    const [h, p, s] = session.token.split('.');
    const claims = JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>;
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    expect((await rejection(verifierAt(T0).verify(`${h}.${elevated}.${s}`))).slug).toBe('session-invalid');
    expect((await rejection(verifierAt(T0).verify('not.a.token'))).slug).toBe('session-invalid');
    const stranger = new SessionIssuer(await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('sessions'), 60, () => T0);
    expect((await rejection(verifierAt(T0).verify((await stranger.issue(subject)).token))).slug).toBe('session-invalid');
  });

  it('refuses a token whose agency claim differs from the agency owning the key', async () => {
    const forged = await issuer.issue({ ...subject, agency: 'court' });
    expect((await rejection(verifierAt(T0).verify(forged.token))).slug).toBe('session-invalid');
  });

  for (const engine of ENGINES) {
    it(`says "revoked" after logout, until the token would have expired; the list is read at every check (${engine.name})`, async () => {
      const scratch = await engine.open();
      try {
        const revocations = await RevocationList.open(scratch.db, () => T0);
        const session = await issuer.issue(subject);
        await revocations.revoke(session.jti, session.expiresAt);
        expect((await rejection(verifierAt(T0, revocations).verify(session.token))).slug).toBe('session-revoked');
        expect(await revocations.isRevoked(session.jti)).toBe(true);
        // A logout at another replica holds here at once: nothing is cached.
        const other = await issuer.issue(subject);
        expect((await verifierAt(T0, revocations).verify(other.token)).sessionId).toBe(other.jti);
        await (await RevocationList.open(scratch.replica(), () => T0)).revoke(other.jti, other.expiresAt);
        expect((await rejection(verifierAt(T0, revocations).verify(other.token))).slug).toBe('session-revoked');
        // Long after expiry, the next revocation purges the entry.
        await (await RevocationList.open(scratch.db, () => new Date(T0.getTime() + 10 * 86_400_000))).revoke('other', new Date(T0.getTime() + 11 * 86_400_000));
        expect(await revocations.isRevoked(session.jti)).toBe(false);
      } finally {
        await scratch.done();
      }
    });
  }

  it('accepts tokens signed by a retired key', async () => {
    const local = await KeyRing.open(SqliteSqlDb.open(':memory:'));
    const old = new SessionIssuer(await local.current('sessions'), 60, () => T0);
    const token = (await old.issue(subject)).token;
    await local.rotate('sessions');
    const verifier = new SessionVerifier({ keys: localSessionKeys('union', local.all('sessions')), clock: () => T0 });
    expect((await verifier.verify(token)).userId).toBe('u1');
  });
});
