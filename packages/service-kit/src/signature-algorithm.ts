import { createPublicKey, KeyObject, sign, verify } from 'node:crypto';
import { SM2_DEFAULT_ID, sm2OnCurve, sm2PublicKeyBytes, sm2PublicKeyFrom, sm2PublicKeyOf, sm2Sign, sm2Verify, sm2Z, type Sm2PublicKey } from './sm2.js';

/**
 * The signature algorithms of the two suites (crypto-suite.ts): Ed25519 (intl, Node's own) and
 * SM2 with SM3 and the default user id 1234567812345678 (gm, GB/T 32918.2 / GM/T 0009, sm2.ts).
 * A public key names its algorithm by its encoding as published: 32 raw bytes are Ed25519,
 * 65 bytes 04 ‖ x ‖ y on the SM2 curve are SM2. Every signed record also names its algorithm
 * (proof, EventsSigned, witness record, AgencyKeyPublished, the JWS header), and a verifier
 * accepts a signature only when that name and the key's algorithm agree, so a history signed
 * first with Ed25519 and later with SM2 verifies record by record, and no signature is ever
 * checked under an algorithm other than its key's.
 *
 * SM2 keys are never Node KeyObjects: on Node 20 a KeyObject imported from SM2 DER aborts the
 * process on export, and Node's sign() over an SM2 key is not GB/T 32918 (no Z_A).
 */
export type SignatureAlgorithm = 'Ed25519' | 'SM2';
export const SIGNATURE_ALGORITHMS: readonly SignatureAlgorithm[] = ['Ed25519', 'SM2'];

/**
 * The digest a record signed with `algorithm` uses for what it signs by digest (an inline proof's
 * content digests, a witness record's leaves and `previous`): SM3 for SM2 (suite gm, GB/T 32905),
 * SHA-256 for Ed25519 (suite intl, as every record before the gm suite). Bound to the algorithm the
 * record already names, so a history mixing the two verifies record by record.
 */
export const digestOf = (algorithm: SignatureAlgorithm | undefined): 'sha256' | 'sm3' => (algorithm === 'SM2' ? 'sm3' : 'sha256');

export const isSignatureAlgorithm = (value: unknown): value is SignatureAlgorithm => value === 'Ed25519' || value === 'SM2';

/** An SM2 private key: d, with its public key and Z_A worked out once. */
export class Sm2PrivateKey {
  readonly algorithm = 'SM2' as const;
  readonly publicKey: Sm2PublicKeyObject;
  constructor(readonly d: bigint) {
    this.publicKey = new Sm2PublicKeyObject(sm2PublicKeyOf(d));
  }
  sign(message: Uint8Array): Buffer {
    return sm2Sign(message, this.d, { publicKey: this.publicKey.point, z: this.publicKey.z });
  }
}

/** An SM2 public key (a point of the curve), with its Z_A under the default id. */
export class Sm2PublicKeyObject {
  readonly algorithm = 'SM2' as const;
  readonly z: Buffer;
  constructor(readonly point: Sm2PublicKey) {
    if (!sm2OnCurve(point)) throw new Error('not a point of the SM2 curve');
    this.z = sm2Z(point, SM2_DEFAULT_ID);
  }
  get raw(): Buffer {
    return sm2PublicKeyBytes(this.point);
  }
  verify(message: Uint8Array, signature: Uint8Array): boolean {
    return sm2Verify(message, signature, this.point, { z: this.z });
  }
}

/** A private signing key of either suite: an Ed25519 KeyObject, or an SM2 key. */
export type SigningPrivateKey = KeyObject | Sm2PrivateKey;
/** A public key of either suite. */
export type SigningPublicKey = KeyObject | Sm2PublicKeyObject;

export function algorithmOfKey(key: SigningPrivateKey | SigningPublicKey): SignatureAlgorithm {
  if (key instanceof Sm2PrivateKey || key instanceof Sm2PublicKeyObject) return 'SM2';
  if (key.asymmetricKeyType === 'ed25519') return 'Ed25519';
  throw new Error(`not an Ed25519 or SM2 key (${key.asymmetricKeyType})`);
}

/** The algorithm of a published key's bytes: 32 → Ed25519, 65 starting 04 → SM2; null otherwise (the SM2 point is checked later). */
export function algorithmOfPublicKeyBytes(raw: Uint8Array): SignatureAlgorithm | null {
  if (raw.length === 32) return 'Ed25519';
  if (raw.length === 65 && raw[0] === 4) return 'SM2';
  return null;
}

/** A public key from its published bytes (or their base64), or an Ed25519 PEM; throws when malformed. */
export function signingPublicKeyFrom(key: string | Uint8Array | SigningPublicKey): SigningPublicKey {
  if (key instanceof KeyObject || key instanceof Sm2PublicKeyObject) return key;
  if (typeof key === 'string' && key.includes('-----BEGIN')) return createPublicKey(key);
  const raw = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.from(key);
  const algorithm = algorithmOfPublicKeyBytes(raw);
  if (algorithm === 'SM2') return new Sm2PublicKeyObject(sm2PublicKeyFrom(raw));
  if (algorithm !== 'Ed25519') throw new Error(`a public key is 32 bytes (Ed25519) or 65 bytes 04 ‖ x ‖ y (SM2), got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** The bytes a public key is published as: 32 raw bytes (Ed25519) or 04 ‖ x ‖ y (SM2). */
export function publicKeyBytes(key: SigningPublicKey): Buffer {
  if (key instanceof Sm2PublicKeyObject) return key.raw;
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** The 64-byte signature of the key's algorithm over `message` (Ed25519; SM2 r ‖ s). */
export function signBytes(key: SigningPrivateKey, message: Uint8Array): Buffer {
  if (key instanceof Sm2PrivateKey) return key.sign(message);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`not an Ed25519 or SM2 private key (${key.asymmetricKeyType})`);
  return sign(null, message, key);
}

/**
 * Whether `signature` is the key's signature over `message`; with `algorithm`, only when the key
 * is of that algorithm too. False for anything malformed, never a throw.
 */
export function verifyBytes(key: string | Uint8Array | SigningPublicKey, message: Uint8Array, signature: Uint8Array, algorithm?: unknown): boolean {
  try {
    const publicKey = signingPublicKeyFrom(key);
    const keyAlgorithm = algorithmOfKey(publicKey);
    if (algorithm !== undefined && algorithm !== keyAlgorithm) return false;
    if (signature.length !== 64) return false;
    if (publicKey instanceof Sm2PublicKeyObject) return publicKey.verify(message, signature);
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}
