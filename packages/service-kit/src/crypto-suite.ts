import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The deployment's cryptographic suite (issue 15.6), chosen at set-up with CRYPTO_SUITE:
 * - `intl` (default): SHA-256, Ed25519, AES-256-GCM;
 * - `gm` (商用密码): SM3 (GB/T 32905), SM2 (GB/T 32918, sm2.ts), SM4 (GB/T 32907).
 * Node 20 on OpenSSL 3.0 has SM3 and SM4 (ECB, CBC, CTR, OFB, CFB) but no SM4-GCM or SM4-CCM,
 * so the gm cipher is SM4-CTR with an HMAC-SM3 tag over aad ‖ iv ‖ ciphertext, encrypt-then-MAC
 * under two keys derived from the one (GM/T 0054 accepts SM4 with HMAC-SM3 for confidentiality
 * and integrity). What an event was hashed with is recorded in it (metadata.hashAlg), so a
 * deployment that switches suites keeps a history that still verifies.
 */
export type CryptoSuiteId = 'intl' | 'gm';

export interface CryptoSuite {
  id: CryptoSuiteId;
  /** The event chain's hash (event-store hash-chain.ts). */
  hashAlg: 'sha256' | 'sm3';
  signatureAlgorithm: 'Ed25519' | 'SM2';
  /** The vault's cipher name, as recorded beside its ciphertext. */
  cipher: 'A256GCM' | 'SM4-CTR-HMAC-SM3';
  hash(bytes: Uint8Array | string): string;
  /** iv ‖ tag ‖ ciphertext, bound to `aad`. */
  seal(key: Buffer, plaintext: Buffer, aad: string): Buffer;
  /** The plaintext; throws when the sealed bytes were altered, or belong to another aad or key. */
  open(key: Buffer, sealed: Buffer, aad: string): Buffer;
}

export class CryptoSuiteError extends Error {
  override readonly name = 'CryptoSuiteError';
}

function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]);
}

function gcmOpen(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 28) throw new CryptoSuiteError('sealed bytes too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(12, 28));
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}

/** Two 16-byte SM4 keys and an HMAC key from one 32-byte key: SM3 over a label and the key. */
function sm4Keys(key: Buffer): { enc: Buffer; mac: Buffer } {
  if (key.length !== 32) throw new CryptoSuiteError('the key must be 32 bytes');
  const derive = (label: string) => createHash('sm3').update(label, 'utf8').update(key).digest();
  return { enc: derive('labor-hub:sm4:enc').subarray(0, 16), mac: derive('labor-hub:sm4:mac') };
}

function sm4Tag(mac: Buffer, aad: string, iv: Buffer, ct: Buffer): Buffer {
  const aadBytes = Buffer.from(aad, 'utf8');
  const length = Buffer.alloc(8);
  length.writeBigUInt64BE(BigInt(aadBytes.length));
  return createHmac('sm3', mac).update(length).update(aadBytes).update(iv).update(ct).digest();
}

function sm4Seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const { enc, mac } = sm4Keys(key);
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', enc, iv);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, sm4Tag(mac, aad, iv, ct), ct]);
}

function sm4Open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < 48) throw new CryptoSuiteError('sealed bytes too short');
  const { enc, mac } = sm4Keys(key);
  const iv = sealed.subarray(0, 16);
  const ct = sealed.subarray(48);
  if (!timingSafeEqual(sm4Tag(mac, aad, iv, ct), sealed.subarray(16, 48)))
    throw new CryptoSuiteError('the tag does not match: altered, or another key or binding');
  const decipher = createDecipheriv('sm4-ctr', enc, iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

export const INTL_SUITE: CryptoSuite = {
  id: 'intl',
  hashAlg: 'sha256',
  signatureAlgorithm: 'Ed25519',
  cipher: 'A256GCM',
  hash: (bytes) => createHash('sha256').update(bytes).digest('hex'),
  seal: gcmSeal,
  open: gcmOpen,
};

export const GM_SUITE: CryptoSuite = {
  id: 'gm',
  hashAlg: 'sm3',
  signatureAlgorithm: 'SM2',
  cipher: 'SM4-CTR-HMAC-SM3',
  hash: (bytes) => createHash('sm3').update(bytes).digest('hex'),
  seal: sm4Seal,
  open: sm4Open,
};

/** CRYPTO_SUITE: `intl` (default) or `gm`; anything else stops the service at start. */
export function cryptoSuiteOf(env: Readonly<Record<string, string | undefined>>): CryptoSuite {
  const value = env['CRYPTO_SUITE']?.trim() || 'intl';
  if (value === 'intl') return INTL_SUITE;
  if (value === 'gm') return GM_SUITE;
  throw new CryptoSuiteError(`CRYPTO_SUITE must be intl (SHA-256, Ed25519, AES-256-GCM) or gm (SM3, SM2, SM4), not ${JSON.stringify(value)}`);
}

/** The suite a recorded cipher name belongs to, so data sealed under either opens after a switch. */
export function suiteOfCipher(cipher: string): CryptoSuite {
  if (cipher === INTL_SUITE.cipher) return INTL_SUITE;
  if (cipher === GM_SUITE.cipher) return GM_SUITE;
  throw new CryptoSuiteError(`unknown cipher ${JSON.stringify(cipher)}`);
}
