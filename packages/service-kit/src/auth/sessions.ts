import { randomUUID, KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import { Unauthorized } from '../errors.js';
import type { AgencyKeyPair } from '../keyring.js';
import type { Actor, AgencyId, Role } from '../request-context.js';
import { signingPublicKeyFrom, Sm2PrivateKey, type Sm2PublicKeyObject, type SigningPublicKey } from '../signature-algorithm.js';
import type { PublishedKey } from '../signing.js';
import type { SqlDb } from '../sql/index.js';
import { agencySchema, AUTH_MIGRATIONS, roleSchema } from './schema.js';
import type { SessionRegistry } from './session-registry.js';
import { peekHeader, signSm2Jwt, SM2_JWS_ALG, Sm2JwsExpired, verifySm2Jwt } from './sm2-jws.js';

export interface IssuedSession {
  token: string;
  jti: string;
  expiresAt: Date;
}

export interface SessionSubject {
  id: string;
  agency: AgencyId;
  roles: readonly Role[];
  displayName: string;
}

/**
 * Signs session tokens with the agency's `sessions` key: EdDSA JWTs (Ed25519, suite intl) or
 * SM2 JWS (suite gm, sm2-jws.ts), which any holder of the public key can check.
 */
export class SessionIssuer {
  constructor(
    private readonly key: Pick<AgencyKeyPair, 'keyId' | 'privateKey'>,
    private readonly ttlMinutes: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async issue(user: SessionSubject): Promise<IssuedSession> {
    const now = Math.floor(this.clock().getTime() / 1000);
    const exp = now + this.ttlMinutes * 60;
    const jti = randomUUID();
    const claims = { agency: user.agency, roles: [...user.roles], name: user.displayName };
    if (this.key.privateKey instanceof Sm2PrivateKey) {
      const token = signSm2Jwt(this.key.privateKey, this.key.keyId, { ...claims, sub: user.id, iat: now, exp, jti });
      return { token, jti, expiresAt: new Date(exp * 1000) };
    }
    const token = await new SignJWT({ agency: user.agency, roles: [...user.roles], name: user.displayName })
      .setProtectedHeader({ alg: 'EdDSA', kid: this.key.keyId, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuedAt(now)
      .setExpirationTime(exp)
      .setJti(jti)
      .sign(this.key.privateKey);
    return { token, jti, expiresAt: new Date(exp * 1000) };
  }
}

/**
 * Finds the public key a token names (`kid`) and the agency that key belongs to. `untrusted`: the
 * key is known (published on the store) but not trusted, so the token is refused with its own slug.
 */
export type SessionKeyResolver = ((
  keyId: string,
) => { agency: string; publicKey: SigningPublicKey } | { untrusted: { agency: string; keyId: string } } | undefined) & {
  /** Called before a token naming `keyId` is checked: a resolver that can learn keys (a replica's ring) does it here. */
  load?: (keyId: string) => Promise<void>;
};

/** For a service checking its own sessions: every `sessions` key of its key ring, current and retired. */
export function localSessionKeys(agency: AgencyId, pairs: readonly Pick<AgencyKeyPair, 'keyId' | 'publicKey'>[]): SessionKeyResolver {
  const byId = new Map(pairs.map((p) => [p.keyId, { agency, publicKey: p.publicKey }]));
  return (keyId) => byId.get(keyId);
}

/** For the hub: the `sessions` keys every agency published (or that configuration pinned). */
export function publishedSessionKeys(keys: readonly PublishedKey[]): SessionKeyResolver {
  const byId = new Map(keys.filter((k) => k.purpose === 'sessions').map((k) => [k.keyId, { agency: k.agency, publicKey: signingPublicKeyFrom(k.publicKey) }]));
  return (keyId) => byId.get(keyId);
}

/**
 * Answers whether a session was logged out. `agency` is the agency that issued it (the token's
 * `agency` claim, already checked against the agency of the key that signed it), so a list fed
 * from several agencies counts a revocation only from the agency whose session it is. The hub's
 * answers from memory (the events it follows); an agency's own list reads its database.
 */
export interface SessionRevocations {
  isRevoked(jti: string, agency: AgencyId): boolean | Promise<boolean>;
}

/**
 * Logged-out sessions, kept until they would have expired anyway. One agency's own list: `isRevoked`
 * needs no agency. Nothing is kept in memory: every answer is read from the database, so a
 * logout at one replica ends the session at every replica sharing it.
 */
export class RevocationList implements SessionRevocations {
  private constructor(
    private readonly db: SqlDb,
    private readonly clock: () => Date,
  ) {}

  static async open(db: SqlDb, clock: () => Date = () => new Date()): Promise<RevocationList> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new RevocationList(db, clock);
  }

  async revoke(jti: string, expiresAt: Date): Promise<void> {
    const now = this.clock().getTime();
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM revoked_sessions WHERE expires_at < ?', [now]);
      await tx.run('INSERT INTO revoked_sessions (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING', [jti, expiresAt.getTime()]);
    });
  }

  async isRevoked(jti: string): Promise<boolean> {
    return (await this.db.get('SELECT 1 AS revoked FROM revoked_sessions WHERE jti = ?', [jti])) !== undefined;
  }
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  agency: agencySchema,
  roles: z.array(roleSchema),
  name: z.string(),
  jti: z.string().min(1),
  exp: z.number(),
  iat: z.number(),
});

const invalid = () => new Unauthorized('登录凭据无效，请重新登录', 'The session token is not valid; please log in again', 'session-invalid');
const expired = () => new Unauthorized('会话已过期，请重新登录', 'Your session has expired; please log in again', 'session-expired');
const revoked = () => new Unauthorized('会话已退出，请重新登录', 'This session was logged out; please log in again', 'session-revoked');
const idle = () =>
  new Unauthorized('长时间没有操作，会话已结束，请重新登录', 'The session ended after a while without use; please log in again', 'session-idle');
const untrustedKey = (k: { agency: string; keyId: string }) =>
  new Unauthorized(
    `会话签名密钥 ${k.keyId} 虽以 ${k.agency} 名义发布在事件存储中，但不受信任（不在信任文件中，也没有受信任密钥的背书），请在本机构重新登录`,
    `The session is signed with key ${k.keyId}, published in ${k.agency}'s name on the event store but not trusted (not in the trust file, not endorsed by a trusted key); log in again at your agency`,
    'session-key-untrusted',
  );

export interface SessionVerifierOptions {
  keys: SessionKeyResolver;
  /**
   * Logged-out sessions: the issuing service's own RevocationList, or at the hub the
   * `SessionRevoked` events each agency recorded in its own stream (HubKeys).
   */
  revocations?: SessionRevocations;
  /**
   * The issuing service's own SessionRegistry: ends sessions idle too long (and those ended from
   * the list of one's sessions), noting each use. The hub has none: it learns of those ends from
   * the `SessionRevoked` the agency records, like a logout.
   */
  activity?: Pick<SessionRegistry, 'use'>;
  clock?: () => Date;
  /** Seconds of clock skew tolerated between the issuing service and this one. */
  clockToleranceSeconds?: number;
}

export class SessionVerifier {
  /** SM2 tokens already verified, by the key object that verified them (sm2-jws.ts). */
  private readonly verifiedSm2 = new Map<string, Sm2PublicKeyObject>();
  constructor(private readonly options: SessionVerifierOptions) {}

  /** The actor a token stands for; throws Unauthorized telling expired, revoked and invalid apart. */
  async verify(token: string): Promise<Actor> {
    let payload: JWTPayload;
    let keyAgency = '';
    const named = typeof token === 'string' ? peekHeader(token)?.['kid'] : undefined;
    if (typeof named === 'string' && this.options.keys.load) await this.options.keys.load(named);
    const keyOf = (header: { kid?: unknown }): SigningPublicKey => {
      const found = typeof header.kid === 'string' ? this.options.keys(header.kid) : undefined;
      if (!found) throw invalid();
      if ('untrusted' in found) throw untrustedKey(found.untrusted);
      keyAgency = found.agency;
      return found.publicKey;
    };
    // The algorithm is the header's, checked strictly on each path: SM2 only with an SM2 key
    // (sm2-jws.ts), EdDSA only with an Ed25519 key (jose, algorithms: ['EdDSA']); nothing else.
    if (typeof token === 'string' && peekHeader(token)?.['alg'] === SM2_JWS_ALG) {
      try {
        payload = verifySm2Jwt(token, {
          key: keyOf,
          now: (this.options.clock ?? (() => new Date()))(),
          clockToleranceSeconds: this.options.clockToleranceSeconds ?? 30,
          verified: this.verifiedSm2,
        }) as JWTPayload;
      } catch (error) {
        if (error instanceof Sm2JwsExpired) throw expired();
        if (error instanceof Unauthorized && error.slug === 'session-key-untrusted') throw error;
        throw invalid();
      }
      return this.actorOf(payload, keyAgency);
    }
    try {
      const result = await jwtVerify(
        token,
        (header) => {
          const key = keyOf(header);
          if (!(key instanceof KeyObject)) throw invalid();
          return key;
        },
        {
          algorithms: ['EdDSA'],
          currentDate: (this.options.clock ?? (() => new Date()))(),
          clockTolerance: this.options.clockToleranceSeconds ?? 30,
          requiredClaims: ['sub', 'exp', 'iat', 'jti'],
        },
      );
      payload = result.payload;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw expired();
      if (error instanceof Unauthorized && error.slug === 'session-key-untrusted') throw error;
      throw invalid();
    }
    return this.actorOf(payload, keyAgency);
  }

  private async actorOf(payload: JWTPayload, keyAgency: string): Promise<Actor> {
    const claims = claimsSchema.safeParse(payload);
    // An agency's key vouches only for that agency's people.
    if (!claims.success || claims.data.agency !== keyAgency) throw invalid();
    if (await this.options.revocations?.isRevoked(claims.data.jti, claims.data.agency)) throw revoked();
    const c = claims.data;
    const state = await this.options.activity?.use({
      jti: c.jti,
      agency: c.agency,
      userId: c.sub,
      issuedAt: new Date(c.iat * 1000),
      expiresAt: new Date(c.exp * 1000),
    });
    if (state === 'ended') throw revoked();
    if (state === 'idle') throw idle();
    return {
      agency: c.agency,
      userId: c.sub,
      roles: c.roles,
      name: c.name,
      kind: 'user',
      sessionId: c.jti,
      sessionExpiresAt: new Date(c.exp * 1000),
    };
  }
}
