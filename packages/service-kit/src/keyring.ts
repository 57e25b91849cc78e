import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject } from 'node:crypto';
import type { SessionKeyResolver } from './auth/sessions.js';
import { INTL_SUITE, type CryptoSuite } from './crypto-suite.js';
import { isSealed, KeyEncryptionKeyError, openSecret, sealSecret } from './key-encryption.js';
import type { EngineMigrations, SqlDb, SqlQueries } from './sql/sql-db.js';
import { SqliteSqlDb } from './sql/sqlite.js';
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

const SQLITE_MIGRATIONS = [
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

/**
 * The same table on PostgreSQL. `rowid` is SQLite's implicit one made explicit (named alike, so
 * the tie-break within a millisecond, insertion order, reads the same on both engines).
 */
const POSTGRES_MIGRATIONS = [
  `CREATE TABLE signing_keys (
    key_id      TEXT PRIMARY KEY,
    purpose     TEXT NOT NULL CHECK (purpose IN ('events', 'sessions')),
    private_key BYTEA NOT NULL,
    public_key  BYTEA NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT,
    algorithm   TEXT NOT NULL DEFAULT 'Ed25519' CHECK (algorithm IN ('Ed25519', 'SM2')),
    rowid       BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE
  )`,
];

/** The key ring's schema on each engine (moved between them by cli/move-to-server.ts). */
export const KEYRING_MIGRATIONS: EngineMigrations = { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS };

/** At most one re-read of the key table a second for session tokens naming keys the ring does not know (most are simply foreign or forged). */
const UNKNOWN_SESSION_KEY_REREAD_MS = 1_000;

/**
 * For a service checking its own sessions: every `sessions` key of its ring, current and retired,
 * as the ring holds them now (not a copy taken once). Before a token naming a key id the ring does
 * not know is checked, `load` re-reads the table (at most one re-read a second: most unknown ids
 * are foreign or forged, and each costs a query), so a key another replica made a moment ago is
 * found, and the token that named it first is accepted.
 */
export function ringSessionKeys(agency: string, ring: KeyRing, clock: () => number = Date.now): SessionKeyResolver {
  let lastReread = Number.NEGATIVE_INFINITY;
  let rereading: Promise<void> | null = null;
  const resolver: SessionKeyResolver = (keyId) => {
    const pair = ring.known(keyId);
    return pair?.purpose === 'sessions' ? { agency, publicKey: pair.publicKey } : undefined;
  };
  resolver.load = async (keyId) => {
    if (ring.known(keyId)) return;
    if (!rereading && clock() - lastReread >= UNKNOWN_SESSION_KEY_REREAD_MS) {
      lastReread = clock();
      // A failed re-read is tried again by a later miss; the token is refused either way.
      rereading = ring
        .refresh()
        .then(
          () => {},
          () => {},
        )
        .finally(() => {
          rereading = null;
        });
    }
    await rereading;
  };
  return resolver;
}

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
 * The agency's key pairs (Ed25519 under suite intl, SM2 under gm), kept in its own database
 * (never in the shared store). The current pair of a purpose is generated on first use; when the
 * suite changes, the current pair of the other algorithm is retired and one of the suite's made
 * (publishKeyRing has the old key endorse it); retired pairs stay, so signatures and sessions
 * they made still verify. Private keys are stored sealed under the key-encryption key
 * (key-encryption.ts); keys stored in the clear before there was one are sealed when the ring
 * opens with it. Only specs open a ring without a KEK.
 *
 * Every pair is also held in memory, loaded by `open`, so what reads keys on a hot path (signing,
 * checking a session) stays synchronous. Replicas of a service share the table (issue 17: a new
 * signing key is seen by all): a replica sees the pairs another made when it calls `refresh`, or
 * `find` with a key id it does not know yet, which re-reads the table.
 */
export class KeyRing {
  /** Every pair read so far by key id, and each purpose's in order (created_at, then insertion). */
  private readonly pairs = new Map<string, AgencyKeyPair>();
  private ordered: Record<KeyPurpose, AgencyKeyPair[]> = { events: [], sessions: [] };
  /** Re-reads run one after the other (a slower, older one never overwrites a newer); callers waiting for the next share it. */
  private reads: Promise<unknown> = Promise.resolve();
  private nextRead: Promise<number> | null = null;

  private constructor(
    private readonly db: SqlDb,
    private readonly clock: () => Date,
    private readonly kek: Buffer | null,
    /** The suite new seals are made with (CRYPTO_SUITE): AES-256-GCM or SM4; either opens. */
    private readonly suite: CryptoSuite,
  ) {}

  static async open(db: SqlDb, clock: () => Date = () => new Date(), kek: Buffer | null = null, suite: CryptoSuite = INTL_SUITE): Promise<KeyRing> {
    await db.migrate('keyring', KEYRING_MIGRATIONS);
    const ring = new KeyRing(db, clock, kek, suite);
    if (kek) await ring.sealStoredKeys(kek);
    await ring.refresh();
    return ring;
  }

  /**
   * Seals the private keys stored in the clear. On SQLite the WAL is then truncated so no clear
   * copy lingers there (secure_delete zeroes the old pages). Keys in the clear come only from
   * files made before there was a KEK, so PostgreSQL never holds one.
   */
  private async sealStoredKeys(kek: Buffer): Promise<void> {
    const rows = await this.db.all<Pick<Row, 'key_id' | 'private_key'>>('SELECT key_id, private_key FROM signing_keys');
    const clear = rows.filter((row) => !isSealed(row.private_key));
    if (clear.length === 0) return;
    await this.db.transaction(async (tx) => {
      for (const row of clear) {
        await tx.run('UPDATE signing_keys SET private_key = ? WHERE key_id = ?', [
          sealSecret(kek, row.private_key, privateAad(row.key_id), this.suite),
          row.key_id,
        ]);
      }
    });
    if (this.db instanceof SqliteSqlDb) this.db.raw.pragma('wal_checkpoint(TRUNCATE)');
  }

  /**
   * The current pair of the purpose, made when there is none (or only one of the other suite's
   * algorithm, which is retired). Read from the database, not memory: another replica may have
   * made it. Under the ring's lock, so two replicas (or processes) starting together do not both
   * make one.
   */
  async current(purpose: KeyPurpose): Promise<AgencyKeyPair> {
    const keyId = await this.db.transaction(async (tx) => {
      await tx.lock(`keyring:${purpose}`);
      const found = await tx.get<Row>('SELECT * FROM signing_keys WHERE purpose = ? AND retired_at IS NULL ORDER BY created_at DESC, rowid DESC LIMIT 1', [
        purpose,
      ]);
      if (found && found.algorithm !== this.suite.signatureAlgorithm) {
        await tx.run('UPDATE signing_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL', [this.clock().toISOString(), purpose]);
        return this.insert(tx, purpose);
      }
      return found ? found.key_id : this.insert(tx, purpose);
    });
    return this.known(keyId) ?? this.readOnce(keyId);
  }

  /** Every pair of the purpose this ring has read, current and retired, oldest first (insertion order breaks a tie in the millisecond). */
  all(purpose: KeyPurpose): AgencyKeyPair[] {
    return [...this.ordered[purpose]];
  }

  /** The pair with this key id, if this ring has read it (no database read: see `find`). */
  known(keyId: string): AgencyKeyPair | undefined {
    return this.pairs.get(keyId);
  }

  /** The pair with this key id; a key id not read yet (another replica may have just made it) re-reads the table once. */
  async find(keyId: string): Promise<AgencyKeyPair | undefined> {
    const pair = this.pairs.get(keyId);
    if (pair) return pair;
    await this.refresh();
    return this.pairs.get(keyId);
  }

  /** Retires the current pair of the purpose and makes a new one. */
  async rotate(purpose: KeyPurpose): Promise<AgencyKeyPair> {
    const keyId = await this.db.transaction(async (tx) => {
      await tx.lock(`keyring:${purpose}`);
      await tx.run('UPDATE signing_keys SET retired_at = ? WHERE purpose = ? AND retired_at IS NULL', [this.clock().toISOString(), purpose]);
      return this.insert(tx, purpose);
    });
    return this.readOnce(keyId);
  }

  /**
   * Re-reads the table: the pairs other replicas made since. Resolves to how many pairs it had not
   * read before. The read begins after the call (never one already under way, which may have
   * missed what was just committed); calls made while it waits to begin share it.
   */
  refresh(): Promise<number> {
    if (this.nextRead) return this.nextRead;
    const next = this.reads.then(() => {
      this.nextRead = null;
      return this.read();
    });
    this.nextRead = next;
    this.reads = next.catch(() => undefined);
    return next;
  }

  /** A pair this ring has just committed. */
  private async readOnce(keyId: string): Promise<AgencyKeyPair> {
    await this.refresh();
    const pair = this.pairs.get(keyId);
    if (!pair) throw new Error(`key ${keyId} was written but is not in the key ring`);
    return pair;
  }

  private async read(): Promise<number> {
    const rows = await this.db.all<Row>('SELECT * FROM signing_keys ORDER BY created_at, rowid');
    const ordered: Record<KeyPurpose, AgencyKeyPair[]> = { events: [], sessions: [] };
    let added = 0;
    for (const row of rows) {
      let pair = this.pairs.get(row.key_id);
      if (!pair) {
        pair = toPair(row, this.kek);
        this.pairs.set(row.key_id, pair);
        added++;
      }
      ordered[row.purpose].push(pair);
    }
    this.ordered = ordered;
    return added;
  }

  /** Makes a pair of the suite's algorithm; resolves to its key id. */
  private async insert(tx: SqlQueries, purpose: KeyPurpose): Promise<string> {
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
    const privateKey = this.kek ? sealSecret(this.kek, der, privateAad(keyId), this.suite) : der;
    await tx.run('INSERT INTO signing_keys (key_id, purpose, algorithm, private_key, public_key, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      keyId,
      purpose,
      algorithm,
      privateKey,
      raw,
      this.clock().toISOString(),
    ]);
    return keyId;
  }
}
