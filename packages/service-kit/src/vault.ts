import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GM_SUITE, INTL_SUITE, suiteOfCipher, type CryptoSuite } from './crypto-suite.js';
import type { LocalDb } from './local-db.js';
import type { EngineMigrations, SqlDb } from './sql/sql-db.js';
import { SqliteSqlDb } from './sql/sqlite.js';
import type { Logger } from './logger.js';

/** An encrypted personal-data field as it sits in event data: AES-256-GCM (suite intl) or SM4-CTR + HMAC-SM3 (suite gm). */
export type EncryptedField = { v: 1; alg: 'A256GCM' | 'SM4-CTR-HMAC-SM3'; iv: string; ct: string; tag: string };

/** iv and tag lengths of each envelope. */
const LAYOUT = { A256GCM: { iv: 12, tag: 16 }, 'SM4-CTR-HMAC-SM3': { iv: 16, tag: 32 } } as const;
/** Sealed bytes (documents) of the gm suite start with this, so either suite's bytes open after a switch. */
const SM4_BYTES = Buffer.from('sm4\0', 'ascii');

export class VaultError extends Error {
  override readonly name = 'VaultError';
}

export function isEncryptedField(value: unknown): value is EncryptedField {
  if (typeof value !== 'object' || value === null) return false;
  const f = value as Record<string, unknown>;
  return (
    f['v'] === 1 &&
    (f['alg'] === 'A256GCM' || f['alg'] === 'SM4-CTR-HMAC-SM3') &&
    typeof f['iv'] === 'string' &&
    typeof f['ct'] === 'string' &&
    typeof f['tag'] === 'string'
  );
}

const SQLITE_MIGRATIONS = [
  `CREATE TABLE vault_keys (
    worker_id  TEXT PRIMARY KEY,
    wrapped    BLOB,          -- iv (12) | tag (16) | encrypted data key (32); NULL once erased
    created_at TEXT NOT NULL,
    erased_at  TEXT
  )`,
  `CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)`,
];

const POSTGRES_MIGRATIONS = [
  `CREATE TABLE vault_keys (
    worker_id  TEXT PRIMARY KEY,
    wrapped    BYTEA,         -- the data key wrapped under the master key, NULL once erased
    created_at TEXT NOT NULL,
    erased_at  TEXT
  );
  CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value BYTEA NOT NULL)`,
];

/** The vault's schema on each engine. */
export const VAULT_MIGRATIONS: EngineMigrations = { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS };

function seal(key: Buffer, plaintext: Buffer, aad: string): { iv: Buffer; ct: Buffer; tag: Buffer } {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

function open(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, aad: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

const CHECK_AAD = 'hub-vault:check';
const keyAad = (workerId: string) => `hub-vault:key:v1:${workerId}`;
const fieldAad = (workerId: string) => `hub-vault:field:v1:${workerId}`;
const bytesAad = (workerId: string, purpose: string) => `hub-vault:bytes:v1:${workerId}:${purpose}`;

/**
 * The personal-data vault. Each worker has an AES-256-GCM data key, itself encrypted under the
 * master key and kept in the service's own database. Event data holds only ciphertext bound to
 * the worker's id; erasing the key (a PIPL deletion request) makes that ciphertext unreadable
 * while every event hash, computed over the ciphertext, still verifies.
 *
 * Data keys are read from the database at each use, never kept in memory: replicas of a service
 * share the table (issue 17), so a key one replica made is found by another, and a key one
 * replica erased can no longer be used by any.
 */
export class Vault {
  /** Keys written so far, and how many of them a finished sync of the WAL covers (SQLite only). */
  private written = 0;
  private synced = 0;
  /** The one sync in progress, if any: every caller that needs it waits on it. */
  private syncing: Promise<void> | null = null;
  private readonly syncWal: () => Promise<void>;
  /** SQLite's handle, for its WAL (durable, erase); null on PostgreSQL, where a commit is durable. */
  private readonly local: LocalDb | null;

  private constructor(
    private readonly db: SqlDb,
    private readonly masterKey: Buffer,
    private readonly clock: () => Date,
    syncWal: (() => Promise<void>) | undefined,
    /** The suite new ciphertext is made with (CRYPTO_SUITE); what was sealed under the other still opens. */
    private readonly suite: CryptoSuite,
  ) {
    this.local = db instanceof SqliteSqlDb ? db.raw : null;
    const local = this.local;
    this.syncWal = syncWal ?? (() => (local ? datasyncWal(local) : Promise.resolve()));
  }

  /**
   * `syncWal`: how the WAL is made durable on SQLite; default: fdatasync of the local db's -wal
   * file on the libuv pool. Given by specs to watch it.
   */
  static async open(
    db: SqlDb,
    masterKey: Buffer,
    clock: () => Date = () => new Date(),
    syncWal?: () => Promise<void>,
    suite: CryptoSuite = INTL_SUITE,
  ): Promise<Vault> {
    if (masterKey.length !== 32) throw new VaultError('the vault master key must be 32 bytes');
    await db.migrate('vault', VAULT_MIGRATIONS);
    const vault = new Vault(db, masterKey, clock, syncWal, suite);
    await vault.checkMasterKey();
    return vault;
  }

  /**
   * Resolves once every data key written before the call is on disk: what the events that refer
   * to them (a CaseOpened holding ciphertext under them) wait for before they are appended. A new
   * key is committed with synchronous=NORMAL (into the WAL, no fsync on the thread); this fsyncs
   * the WAL off the event loop (FileHandle.datasync runs on libuv's pool), one sync for all the
   * keys written meanwhile: concurrent openings share it (group commit), and a command that
   * wrote no key waits for nothing. On PostgreSQL the key's commit was durable: nothing to wait for.
   */
  async durable(): Promise<void> {
    const needed = this.written;
    while (this.synced < needed) {
      if (!this.syncing) {
        const covers = this.written;
        this.syncing = this.syncWal()
          .then(() => {
            this.synced = Math.max(this.synced, covers);
          })
          .finally(() => {
            this.syncing = null;
          });
      }
      await this.syncing;
    }
  }

  /** A wrong master key would otherwise surface only as undecryptable fields, much later. */
  private async checkMasterKey(): Promise<void> {
    let row = await this.db.get<{ value: Buffer }>("SELECT value FROM vault_meta WHERE name = 'check'");
    if (!row) {
      const { iv, ct, tag } = seal(this.masterKey, Buffer.from('labor-hub vault'), CHECK_AAD);
      // Two replicas starting together on a new database: the first one's check stays, and the other checks against it.
      await this.db.run("INSERT INTO vault_meta (name, value) VALUES ('check', ?) ON CONFLICT (name) DO NOTHING", [Buffer.concat([iv, tag, ct])]);
      row = await this.db.get<{ value: Buffer }>("SELECT value FROM vault_meta WHERE name = 'check'");
      if (!row) throw new VaultError('the vault check value was written but cannot be read back');
    }
    try {
      open(this.masterKey, row.value.subarray(0, 12), row.value.subarray(28), row.value.subarray(12, 28), CHECK_AAD);
    } catch {
      throw new VaultError('the vault master key does not match this database (HUB_VAULT_KEY or the key file changed?)');
    }
  }

  async encryptField(workerId: string, plaintext: string): Promise<EncryptedField> {
    const key = await this.dataKey(workerId, true);
    if (!key) throw new VaultError(`worker ${workerId}: personal data was erased; record new data under a new worker id`);
    if (this.suite.cipher !== 'A256GCM') {
      const sealed = this.suite.seal(key, Buffer.from(plaintext, 'utf8'), fieldAad(workerId));
      const { iv, tag } = LAYOUT[this.suite.cipher];
      const b64 = (from: number, to?: number) => sealed.subarray(from, to).toString('base64');
      return { v: 1, alg: this.suite.cipher, iv: b64(0, iv), tag: b64(iv, iv + tag), ct: b64(iv + tag) };
    }
    const { iv, ct, tag } = seal(key, Buffer.from(plaintext, 'utf8'), fieldAad(workerId));
    return { v: 1, alg: 'A256GCM', iv: iv.toString('base64'), ct: ct.toString('base64'), tag: tag.toString('base64') };
  }

  /**
   * The plaintext; null when this vault holds no key for the worker (erased, or the data belongs
   * to another agency's vault). Throws when the field was tampered with or belongs to another worker.
   */
  async decryptField(workerId: string, field: EncryptedField): Promise<string | null> {
    if (!isEncryptedField(field)) throw new VaultError('not an encrypted field');
    const key = await this.dataKey(workerId, false);
    if (!key) return null;
    try {
      const iv = Buffer.from(field.iv, 'base64');
      const tag = Buffer.from(field.tag, 'base64');
      const layout = LAYOUT[field.alg];
      if (iv.length !== layout.iv || tag.length !== layout.tag) throw new Error('bad lengths');
      const ct = Buffer.from(field.ct, 'base64');
      if (field.alg !== 'A256GCM')
        return suiteOfCipher(field.alg)
          .open(key, Buffer.concat([iv, tag, ct]), fieldAad(workerId))
          .toString('utf8');
      return open(key, iv, ct, tag, fieldAad(workerId)).toString('utf8');
    } catch {
      throw new VaultError(`worker ${workerId}: the field cannot be decrypted (tampered, or not this worker's)`);
    }
  }

  /**
   * A file's bytes sealed under the worker's data key: iv (12) | tag (16) | ciphertext, or under
   * the gm suite "sm4\0" | iv (16) | HMAC-SM3 tag (32) | SM4-CTR ciphertext. `purpose`
   * binds them to what they are (a document's sha256), so sealed bytes cannot pass for another's.
   */
  async encryptBytes(workerId: string, plaintext: Buffer, purpose: string): Promise<Buffer> {
    const key = await this.dataKey(workerId, true);
    if (!key) throw new VaultError(`worker ${workerId}: personal data was erased; record new data under a new worker id`);
    if (this.suite.cipher !== 'A256GCM') return Buffer.concat([SM4_BYTES, this.suite.seal(key, plaintext, bytesAad(workerId, purpose))]);
    const { iv, ct, tag } = seal(key, plaintext, bytesAad(workerId, purpose));
    return Buffer.concat([iv, tag, ct]);
  }

  /** The plaintext of encryptBytes; null when this vault holds no key for the worker (erased, or another agency's). Throws when tampered with. */
  async decryptBytes(workerId: string, sealed: Buffer, purpose: string): Promise<Buffer | null> {
    const key = await this.dataKey(workerId, false);
    if (!key) return null;
    try {
      // A GCM iv is random: one that happens to begin "sm4\0" makes SM4 fail its tag, then GCM is tried.
      if (sealed.subarray(0, 4).equals(SM4_BYTES)) {
        try {
          return GM_SUITE.open(key, sealed.subarray(4), bytesAad(workerId, purpose));
        } catch {}
      }
      if (sealed.length < 28) throw new Error('too short');
      return open(key, sealed.subarray(0, 12), sealed.subarray(28), sealed.subarray(12, 28), bytesAad(workerId, purpose));
    } catch {
      throw new VaultError(`worker ${workerId}: the file cannot be decrypted (tampered, or not this worker's)`);
    }
  }

  /** Whether this vault holds a live key for the worker (never creates one). */
  async holds(workerId: string): Promise<boolean> {
    return (await this.dataKey(workerId, false)) !== null;
  }

  /**
   * Destroys the worker's data key and records when. Returns false when it was erased before.
   * On SQLite the WAL is checkpointed and truncated so the old key does not linger in it
   * (secure_delete, set by openLocalDb, zeroes freed pages in the main file).
   */
  async erase(workerId: string): Promise<boolean> {
    const now = this.clock().toISOString();
    const changed = await this.db.transaction(async (tx) => {
      // Two replicas erasing the same worker: the second finds it erased.
      await tx.lock(`vault:${workerId}`);
      const row = await tx.get<{ erased_at: string | null }>('SELECT erased_at FROM vault_keys WHERE worker_id = ?', [workerId]);
      if (row?.erased_at) return false;
      if (row) await tx.run('UPDATE vault_keys SET wrapped = NULL, erased_at = ? WHERE worker_id = ?', [now, workerId]);
      else await tx.run('INSERT INTO vault_keys (worker_id, wrapped, created_at, erased_at) VALUES (?, NULL, ?, ?)', [workerId, now, now]);
      return true;
    });
    if (changed && this.local) this.local.pragma('wal_checkpoint(TRUNCATE)');
    return changed;
  }

  async erasedAt(workerId: string): Promise<Date | null> {
    const row = await this.db.get<{ erased_at: string | null }>('SELECT erased_at FROM vault_keys WHERE worker_id = ?', [workerId]);
    return row?.erased_at ? new Date(row.erased_at) : null;
  }

  /**
   * Writes a new data key. On SQLite it goes into the WAL without an fsync on this thread:
   * durable() syncs it, shared, before the event that refers to the key is appended. That needs
   * the connection at synchronous=NORMAL for this one statement, which SQLite allows only
   * outside a transaction: so it runs right here, synchronously (nothing else can run on the
   * connection meanwhile), and the connection is back at FULL right after. While another
   * transaction is open the key waits for it and commits at FULL: durable already.
   * On PostgreSQL the commit is durable.
   */
  private async insertKey(sql: string, params: [string, Buffer, string]): Promise<void> {
    const local = this.local;
    if (!local || local.inTransaction) {
      await this.db.run(sql, params);
      return;
    }
    local.pragma('synchronous = NORMAL');
    try {
      local.prepare(sql).run(...params);
    } finally {
      local.pragma('synchronous = FULL');
    }
    this.written++;
  }

  private async dataKey(workerId: string, create: boolean): Promise<Buffer | null> {
    if (typeof workerId !== 'string' || workerId.length === 0) throw new VaultError('a worker id is required');
    const select = 'SELECT wrapped, erased_at FROM vault_keys WHERE worker_id = ?';
    type KeyRow = { wrapped: Buffer | null; erased_at: string | null };
    let row = await this.db.get<KeyRow>(select, [workerId]);
    if (!row && create) {
      const key = randomBytes(32);
      // Wrapped with the suite's cipher: AES-256-GCM, 60 bytes; SM4-CTR + HMAC-SM3, 80 bytes.
      const wrapped = this.suite.seal(this.masterKey, key, keyAad(workerId));
      // ON CONFLICT: another replica (or a concurrent request) made the worker's key first; theirs is read back below.
      await this.insertKey('INSERT INTO vault_keys (worker_id, wrapped, created_at) VALUES (?, ?, ?) ON CONFLICT (worker_id) DO NOTHING', [
        workerId,
        wrapped,
        this.clock().toISOString(),
      ]);
      row = await this.db.get<KeyRow>(select, [workerId]);
    }
    if (!row?.wrapped) return null;
    return (row.wrapped.length === 60 ? INTL_SUITE : GM_SUITE).open(this.masterKey, row.wrapped, keyAad(workerId));
  }
}

/**
 * fdatasync of the local db's WAL file, on libuv's thread pool: what synchronous=FULL would have
 * done at commit, for every commit since. A checkpoint that moved frames into the main file
 * synced them there first (SQLite syncs the WAL, then the database, at a checkpoint); an
 * in-memory db has nothing to sync.
 */
async function datasyncWal(db: LocalDb): Promise<void> {
  if (db.memory || db.name === '' || db.name === ':memory:') return;
  let file;
  try {
    file = await openFile(`${db.name}-wal`, 'r');
  } catch (error) {
    // No WAL file (checkpointed and truncated since): what was in it is in the main file, synced.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    await file.datasync();
  } finally {
    await file.close();
  }
}

/** Where the generated master key lives when HUB_VAULT_KEY is not set. */
export function vaultKeyPath(dataDir: string, service: string): string {
  return join(dataDir, `${service}.vault.key`);
}

/**
 * The vault's master key: HUB_VAULT_KEY when configured; otherwise a key file generated on first
 * start. A key file beside the database protects little against someone who copies the whole
 * data directory, so production sets HUB_VAULT_KEY (from a secret store) and backs it up apart.
 */
export function loadVaultMasterKey(options: { configured: Buffer | null; keyFile: string; logger?: Logger }): Buffer {
  if (options.configured) return options.configured;
  const { keyFile, logger } = options;
  if (!existsSync(keyFile)) {
    mkdirSync(dirname(keyFile), { recursive: true });
    try {
      writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      logger?.warn(
        { keyFile },
        'HUB_VAULT_KEY is not set: generated a vault key file; back it up apart from the data, or personal data becomes unreadable when it is lost',
      );
    } catch (error) {
      // Another process created it between our check and our write: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const key = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64');
  if (key.length !== 32) throw new VaultError(`${keyFile} must hold 32 bytes in base64`);
  return key;
}
