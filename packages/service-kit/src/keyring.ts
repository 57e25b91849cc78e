import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import { INTL_SUITE, type CryptoSuite } from './crypto-suite.js';
import { isSealed, KeyEncryptionKeyError, openSecret, sealSecret } from './key-encryption.js';
import { migrate, type LocalDb } from './local-db.js';

/** Event signatures and session tokens use separate keys, so one can be rotated or revoked alone. */
export type KeyPurpose = 'events' | 'sessions';

export interface AgencyKeyPair {
  purpose: KeyPurpose;
  /** First 16 hex digits of sha256 over the raw 32-byte public key. */
  keyId: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  /** The raw 32-byte Ed25519 public key, as published. */
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
];

export function keyIdOf(publicKeyRaw: Uint8Array): string {
  return createHash('sha256').update(publicKeyRaw).digest('hex').slice(0, 16);
}

export function rawPublicKey(publicKey: KeyObject): Buffer {
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

/** An Ed25519 public key from its raw 32 bytes (or their base64), or from PEM. */
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
  return {
    purpose: row.purpose,
    keyId: row.key_id,
    privateKey: createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }),
    publicKey: publicKeyFrom(row.public_key),
    publicKeyRaw: row.public_key,
    createdAt: new Date(row.created_at),
  };
}

/**
 * The agency's Ed25519 key pairs, kept in its local database (never in the shared store). The
 * current pair of a purpose is generated on first use; retired pairs stay, so signatures and
 * sessions they made still verify. Private keys are stored sealed under the key-encryption key
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
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const keyId = keyIdOf(raw);
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    const row: Row = {
      key_id: keyId,
      purpose,
      private_key: this.kek ? sealSecret(this.kek, der, privateAad(keyId), this.suite) : der,
      public_key: raw,
      created_at: this.clock().toISOString(),
    };
    this.db
      .prepare(
        'INSERT INTO signing_keys (key_id, purpose, private_key, public_key, created_at) VALUES (@key_id, @purpose, @private_key, @public_key, @created_at)',
      )
      .run(row);
    return row;
  }
}
