import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
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

function toPair(row: Row): AgencyKeyPair {
  return {
    purpose: row.purpose,
    keyId: row.key_id,
    privateKey: createPrivateKey({ key: row.private_key, format: 'der', type: 'pkcs8' }),
    publicKey: publicKeyFrom(row.public_key),
    publicKeyRaw: row.public_key,
    createdAt: new Date(row.created_at),
  };
}

/**
 * The agency's Ed25519 key pairs, kept in its local database (never in the shared store). The
 * current pair of a purpose is generated on first use; retired pairs stay, so signatures and
 * sessions they made still verify.
 */
export class KeyRing {
  constructor(
    private readonly db: LocalDb,
    private readonly clock: () => Date = () => new Date(),
  ) {
    migrate(db, 'keyring', MIGRATIONS);
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
    return toPair(row);
  }

  /** Every pair of the purpose, current and retired, oldest first (insertion order breaks a tie in the millisecond). */
  all(purpose: KeyPurpose): AgencyKeyPair[] {
    const rows = this.db.prepare('SELECT * FROM signing_keys WHERE purpose = ? ORDER BY created_at, rowid').all(purpose) as Row[];
    return rows.map(toPair);
  }

  /** Retires the current pair of the purpose and makes a new one. */
  rotate(purpose: KeyPurpose): AgencyKeyPair {
    const row = this.db
      .transaction(() => {
        this.db.prepare('UPDATE signing_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL').run(this.clock().toISOString(), purpose);
        return this.insert(purpose);
      })
      .immediate();
    return toPair(row);
  }

  private insert(purpose: KeyPurpose): Row {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = rawPublicKey(publicKey);
    const row: Row = {
      key_id: keyIdOf(raw),
      purpose,
      private_key: privateKey.export({ format: 'der', type: 'pkcs8' }),
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
