/**
 * Session tokens signed with SM2 (suite gm): a compact JWS (RFC 7515) with the protected header
 * {"alg":"SM2","kid":…,"typ":"JWT"}, signed over ASCII(header "." payload) with SM2 and SM3 and
 * the default user id 1234567812345678 (GB/T 32918.2, GM/T 0009), the signature r ‖ s (64 bytes)
 * in base64url. jose has no SM2, and "SM2" is not a registered JOSE algorithm name: this is the
 * project's own, read only by this code. The checks are jose's for the EdDSA tokens, made
 * strictly: exactly the header alg "SM2" (never "none", never another), no `crit`, canonical
 * base64url in all three parts, a JSON object payload, `exp`, `iat` (and `nbf` when present)
 * finite numbers, exp ≤ now − tolerance is expired and nbf > now + tolerance is not yet valid,
 * the key found by `kid` must be an SM2 key.
 */
import { type Sm2PrivateKey, Sm2PublicKeyObject, type SigningPublicKey } from '../signature-algorithm.js';

export const SM2_JWS_ALG = 'SM2';

export class Sm2JwsInvalid extends Error {
  override readonly name = 'Sm2JwsInvalid';
}
export class Sm2JwsExpired extends Error {
  override readonly name = 'Sm2JwsExpired';
}

const B64URL = /^[A-Za-z0-9_-]*$/;

const encode = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The bytes of a base64url part; throws when it is not exactly the canonical encoding of them. */
function decodePart(part: string): Buffer {
  if (!B64URL.test(part) || part.length % 4 === 1) throw new Sm2JwsInvalid('not base64url');
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw new Sm2JwsInvalid('not canonical base64url');
  return bytes;
}

function jsonObject(bytes: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new Sm2JwsInvalid('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Sm2JwsInvalid('not a JSON object');
  return value as Record<string, unknown>;
}

/** The protected header of a compact token, when it has one that parses; undefined otherwise (never a throw). */
export function peekHeader(token: string): Record<string, unknown> | undefined {
  try {
    const dot = token.indexOf('.');
    if (dot < 0) return undefined;
    return jsonObject(decodePart(token.slice(0, dot)));
  } catch {
    return undefined;
  }
}

export function signSm2Jwt(key: Sm2PrivateKey, kid: string, payload: Record<string, unknown>): string {
  const signingInput = `${encode({ alg: SM2_JWS_ALG, kid, typ: 'JWT' })}.${encode(payload)}`;
  return `${signingInput}.${key.sign(Buffer.from(signingInput, 'ascii')).toString('base64url')}`;
}

export interface Sm2JwtVerifyOptions {
  /** The key the token's `kid` names; may throw (its error passes through). */
  key: (header: { kid?: unknown }) => SigningPublicKey;
  now: Date;
  clockToleranceSeconds: number;
  /**
   * Tokens whose signature verified, with the key object that verified it: a token seen again
   * with the very same key object (the resolver keeps its objects until trust changes) skips the
   * SM2 verification (1–2 ms of bigint arithmetic); every other check runs each time.
   */
  verified?: Map<string, Sm2PublicKeyObject>;
}

/** How many verified tokens a verifier remembers (the oldest go first). */
export const SM2_VERIFIED_CACHE_SIZE = 1024;

const numericDate = (payload: Record<string, unknown>, claim: string, required: boolean): number | undefined => {
  const value = payload[claim];
  if (value === undefined) {
    if (required) throw new Sm2JwsInvalid(`missing "${claim}"`);
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Sm2JwsInvalid(`"${claim}" is not a number`);
  return value;
};

/** The payload of a valid, unexpired SM2 token; throws Sm2JwsExpired, Sm2JwsInvalid, or the key resolver's error. */
export function verifySm2Jwt(token: string, options: Sm2JwtVerifyOptions): Record<string, unknown> {
  if (typeof token !== 'string') throw new Sm2JwsInvalid('not a token');
  const parts = token.split('.');
  if (parts.length !== 3) throw new Sm2JwsInvalid('not a compact JWS');
  const [h, p, s] = parts as [string, string, string];
  const header = jsonObject(decodePart(h));
  if (header['alg'] !== SM2_JWS_ALG) throw new Sm2JwsInvalid('unexpected alg');
  if ('crit' in header || 'b64' in header || 'jku' in header || 'jwk' in header || 'x5u' in header || 'x5c' in header)
    throw new Sm2JwsInvalid('unsupported header parameter');
  if (header['typ'] !== undefined && header['typ'] !== 'JWT') throw new Sm2JwsInvalid('unexpected typ');
  const signature = decodePart(s);
  if (signature.length !== 64) throw new Sm2JwsInvalid('an SM2 signature is 64 bytes');
  const key = options.key(header);
  if (!(key instanceof Sm2PublicKeyObject)) throw new Sm2JwsInvalid('the key is not an SM2 key');
  if (options.verified?.get(token) !== key) {
    if (!key.verify(Buffer.from(`${h}.${p}`, 'ascii'), signature)) throw new Sm2JwsInvalid('signature verification failed');
    if (options.verified) {
      options.verified.delete(token);
      options.verified.set(token, key);
      if (options.verified.size > SM2_VERIFIED_CACHE_SIZE) options.verified.delete(options.verified.keys().next().value!);
    }
  }
  const payload = jsonObject(decodePart(p));
  const now = Math.floor(options.now.getTime() / 1000);
  const tolerance = options.clockToleranceSeconds;
  numericDate(payload, 'iat', true);
  const nbf = numericDate(payload, 'nbf', false);
  if (nbf !== undefined && nbf > now + tolerance) throw new Sm2JwsInvalid('"nbf" claim timestamp check failed');
  const exp = numericDate(payload, 'exp', true)!;
  if (exp <= now - tolerance) throw new Sm2JwsExpired('"exp" claim timestamp check failed');
  for (const claim of ['sub', 'jti']) if (payload[claim] === undefined) throw new Sm2JwsInvalid(`missing "${claim}"`);
  return payload;
}
