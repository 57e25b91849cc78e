import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { INTL_SUITE, type CryptoSuite } from './crypto-suite.js';
import { isSealed, KeyEncryptionKeyError, openSecret, sealSecret } from './key-encryption.js';
import { migrate, type LocalDb } from './local-db.js';
import { Sm2PrivateKey, type SignatureAlgorithm, type SigningPrivateKey, type SigningPublicKey } from './signature-algorithm.js';
import { sm2GenerateKeyPair, sm2PrivateKeyBytes, sm2PrivateKeyFrom } from './sm2.js';

/** Event signatures and session tokens use separate keys, so one can be rotated or revoked alone. */
export type KeyPurpose = 'events' | 'sessions';

export interface AgencyKeyPair {
  purpose: KeyPurpose;
  /** Ed25519 (suite intl) or SM2 (suite gm). */
  algorithm: SignatureAlgorithm;
  /** First 16 hex digits of sha256 over the public key as published. */
  keyId: string;
  publicKey: SigningPublicKey;
  /** An Ed25519 KeyObject, or an SM2 key (never a KeyObject: signature-algorithm.ts). */
  privateKey: SigningPrivateKey;
  /** The public key as published: raw 32 bytes (Ed25519) or 04 ‖ x ‖ y, 65 bytes (SM2). */
  publicKeyRaw: Buffer;
  createdAt: Date;
}

const MIGRATIONS = [
  `CREATE TABLE signing_keys (
    key_id      TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('events', 'sessions')),
    private_key BLOB NOT NULL,
    public_key  BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
  )`,
  // Issue 15.6: SM2 pairs (suite gm) beside Ed25519 ones. An SM2 private_key is d (32 bytes), sealed.
  `ALTER TABLE signing_keys ADD COLUMN algorithm TEXT NOT NULL DEFAULT 'Ed25519' CHECK (algorithm IN ('Ed25519', 'SM2'))`,
];

/** The key id of a public key as published (either algorithm). */
export function keyIdOf(publicKeyRaw: Uint8Array): string {
  return createHash('sha256').update(publicKeyRaw).digest('hex').slice(0, 16);
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** An Ed25519 public key from its raw 32 bytes (or their base64), or from PEM. Either algorithm: signingPublicKeyFrom. */
export function publicKeyFrom(key: string | Uint8Array | KeyObject): KeyObject {
  if (key instanceof KeyObject) return key;
  if (typeof key === 'string' && key.includes('-----BEGIN')) return createPublicKey(key);
  const raw = typeof key === 'string' ? Buffer.from(key, 'base64') : Buffer.from(key);
  if (raw.length !== 32) throw new Error(`an Ed25519 public key is 32 bytes, got ${raw.length}`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
}

interface Row {
  key_id: string;
  purpose: KeyPurpose;
  algorithm: SignatureAlgorithm;
  private_key: Buffer;
  public_key: Buffer;
  created_at: string;
}

const privateAad = (keyId: string) => `hub-keyring:private:v1:${keyId}`;

function toPair(row: Row, kek: Buffer | null): AgencyKeyPair {
  let der = row.private_key;
  if (isSealed(der)) {
    if (!kek) throw new KeyEncryptionKeyError(`key ${row.key_id} is stored encrypted: the key ring needs the key-encryption key`);
    der = openSecret(kek, der, privateAad(row.key_id));
  }
  const common = { purpose: row.purpose, keyId: row.key_id, publicKeyRaw: row.public_key, createdAt: new Date(row.created_at) };
  if (row.algorithm === 'SM2') {
    const privateKey = new Sm2PrivateKey(sm2PrivateKeyFrom(der));
    if (!privateKey.publicKey.raw.equals(row.public_key)) throw new Error(`key ${row.key_id}: the stored SM2 private key does not match its public key`);
    return { ...common, algorithm: 'SM2', privateKey, publicKey: privateKey.publicKey };
  }
  return {
    ...common,
    algorithm: 'Ed25519',
    privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    publicKey: publicKeyFrom(row.public_key),
  };
}

/**
 * The agency's key pairs (Ed25519 under suite intl, SM2 under gm), kept in its local database
 * (never in the shared store). The current pair of a purpose is generated on first use; when the
 * suite changes, the current pair of the other algorithm is retired and one of the suite's made
 * (publishKeyRing has the old key endorse it); retired pairs stay, so signatures and sessions
 * they made still verify. Private keys are stored sealed under the key-encryption key
 * (key-encryption.ts); keys stored in the clear before there was one are sealed when the ring
 * opens with it. Only specs open a ring without a KEK.
 */
export class KeyRing {
  constructor(
    private readonly db: LocalDb,
    private readonly clock: () => Date = () => new Date(),
    private readonly kek: Buffer | null = null,
    /** The suite new seals are made with (CRYPTO_SUITE): AES-256-GCM or SM4; either opens. */
    private readonly suite: CryptoSuite = INTL_SUITE,
  ) {
    migrate(db, 'keyring', MIGRATIONS);
    if (kek) this.sealStoredKeys(kek);
  }

  /** Seals the private keys stored in the clear, then truncates the WAL so no clear copy lingers there (secure_delete zeroes the old pages). */
  private sealStoredKeys(kek: Buffer): void {
    const rows = this.db.prepare('SELECT key_id, private_key FROM signing_keys').all() as Pick<Row, 'key_id' | 'private_key'>[];
    const clear = rows.filter((row) => !isSealed(row.private_key));
    if (clear.length === 0) return;
    const update = this.db.prepare('UPDATE signing_keys SET private_key = ? WHERE key_id = ?');
    this.db.transaction(() => {
      for (const row of clear) update.run(sealSecret(kek, row.private_key, privateAad(row.key_id), this.suite), row.key_id);
    })();
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  current(purpose: KeyPurpose): AgencyKeyPair {
    const select = this.db.prepare('SELECT * FROM signing_keys WHERE purpose = ? AND retired_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1');
    // IMMEDIATE: two processes starting together must not both generate a "current" key.
    const row = this.db
      .transaction(() => {
        const found = select.get(purpose) as Row | undefined;
        if (found && found.algorithm !== this.suite.signatureAlgorithm) {
          this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL').run(this.clock().toISOString(), purpose);
          return this.insert(purpose);
        }
        return found ?? this.insert(purpose);
      })
      .immediate();
    return toPair(row, this.kek);
  }

  /** Every pair of the purpose, current and retired, oldest first (insertion order breaks a tie in the millisecond). */
  all(purpose: KeyPurpose): AgencyKeyPair[] {
    const rows = this.db.prepare('SELECT * FROM signing_keys WHERE purpose = ? ORDER BY created_at, rowid').all(purpose) as Row[];
    return rows.map((row) => toPair(row, this.kek));
  }

  /** Retires the current pair of the purpose and makes a new one. */
  rotate(purpose: KeyPurpose): AgencyKeyPair {
    const row = this.db
      .transaction(() => {
        this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL').run(this.clock().toISOString(), purpose);
        return this.insert(purpose);
      })
      .immediate();
    return toPair(row, this.kek);
  }

  private insert(purpose: KeyPurpose): Row {
    const algorithm = this.suite.signatureAlgorithm;
    let raw: Buffer;
    let der: Buffer;
    if (algorithm === 'SM2') {
      const { d } = sm2GenerateKeyPair();
      raw = new Sm2PrivateKey(d).publicKey.raw;
      der = sm2PrivateKeyBytes(d);
    } else {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      raw = rawPublicKey(publicKey);
      der = privateKey.export({ format: 'der', type: 'pkcs8' });
    }
    const keyId = keyIdOf(raw);
    const row: Row = {
      key_id: keyId,
      purpose,
      algorithm,
      private_key: this.kek ? sealSecret(this.kek, der, privateAad(keyId), this.suite) : der,
      public_key: raw,
      created_at: this.clock().toISOString(),
    };
    this.db
      .prepare(
        'INSERT INTO signing_keys (key_id, purpose, algorithm, private_key, public_key, created_at) VALUES (@key_id, @purpose, @algorithm, @private_key, @public_key, @created_at)',
      )
      .run(row);
    return row;
  }
}
