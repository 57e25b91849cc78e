import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { GM_SUITE, INTL_SUITE, suiteOfCipher, type CryptoSuite } from './crypto-suite.js';
import { migrate, type LocalDb } from './local-db.js';
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

const MIGRATIONS = [
  `CREATE TABLE vault_keys (
    worker_id  TEXT PRIMARY KEY,
    wrapped    BLOB,          -- iv (12) | tag (16) | encrypted data key (32); NULL once erased
    created_at TEXT NOT NULL,
    erased_at  TEXT
  )`,
  `CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value BLOB NOT NULL)`,
];

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
 * master key and kept in the service's local database. Event data holds only ciphertext bound to
 * the worker's id; erasing the key (a PIPL deletion request) makes that ciphertext unreadable
 * while every event hash, computed over the ciphertext, still verifies.
 */
export class Vault {
  /** Keys written so far, and how many of them a finished sync of the WAL covers. */
  private written = 0;
  private synced = 0;
  /** The one sync in progress, if any: every caller that needs it waits on it. */
  private syncing: Promise<void> | null = null;
  private readonly syncWal: () => Promise<void>;

  constructor(
    private readonly db: LocalDb,
    private readonly masterKey: Buffer,
    private readonly clock: () => Date = () => new Date(),
    /** How the WAL is made durable; default: fdatasync of the local db's -wal file on the libuv pool. Given by specs to watch it. */
    syncWal?: () => Promise<void>,
    /** The suite new ciphertext is made with (CRYPTO_SUITE); what was sealed under the other still opens. */
    private readonly suite: CryptoSuite = INTL_SUITE,
  ) {
    if (masterKey.length !== 32) throw new VaultError('the vault master key must be 32 bytes');
    migrate(db, 'vault', MIGRATIONS);
    this.checkMasterKey();
    this.syncWal = syncWal ?? (() => datasyncWal(db));
  }

  /**
   * Resolves once every data key written before the call is on disk: what the events that refer
   * to them (a CaseOpened holding ciphertext under them) wait for before they are appended. A new
   * key is committed with synchronous=NORMAL (into the WAL, no fsync on the thread); this fsyncs
   * the WAL off the event loop (FileHandle.datasync runs on libuv's pool), one sync for all the
   * keys written meanwhile: concurrent openings share it (group commit), and a command that
   * wrote no key waits for nothing.
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
  private checkMasterKey(): void {
    const row = this.db.prepare("SELECT value FROM vault_meta WHERE name = 'check'").get() as { value: Buffer } | undefined;
    if (!row) {
      const { iv, ct, tag } = seal(this.masterKey, Buffer.from('labor-hub vault'), CHECK_AAD);
      this.db.prepare("INSERT INTO vault_meta (name, value) VALUES ('check', ?)").run(Buffer.concat([iv, tag, ct]));
      return;
    }
    try {
      open(this.masterKey, row.value.subarray(0, 12), row.value.subarray(28), row.value.subarray(12, 28), CHECK_AAD);
    } catch {
      throw new VaultError('the vault master key does not match this database (HUB_VAULT_KEY or the key file changed?)');
    }
  }

  encryptField(workerId: string, plaintext: string): EncryptedField {
    const key = this.dataKey(workerId, true);
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
  decryptField(workerId: string, field: EncryptedField): string | null {
    if (!isEncryptedField(field)) throw new VaultError('not an encrypted field');
    const key = this.dataKey(workerId, false);
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
  encryptBytes(workerId: string, plaintext: Buffer, purpose: string): Buffer {
    const key = this.dataKey(workerId, true);
    if (!key) throw new VaultError(`worker ${workerId}: personal data was erased; record new data under a new worker id`);
    if (this.suite.cipher !== 'A256GCM') return Buffer.concat([SM4_BYTES, this.suite.seal(key, plaintext, bytesAad(workerId, purpose))]);
    const { iv, ct, tag } = seal(key, plaintext, bytesAad(workerId, purpose));
    return Buffer.concat([iv, tag, ct]);
  }

  /** The plaintext of encryptBytes; null when this vault holds no key for the worker (erased, or another agency's). Throws when tampered with. */
  decryptBytes(workerId: string, sealed: Buffer, purpose: string): Buffer | null {
    const key = this.dataKey(workerId, false);
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
  holds(workerId: string): boolean {
    return this.dataKey(workerId, false) !== null;
  }

  /**
   * Destroys the worker's data key and records when. Returns false when it was erased before.
   * The WAL is checkpointed and truncated so the old key does not linger in it (secure_delete,
   * set by openLocalDb, zeroes freed pages in the main file).
   */
  erase(workerId: string): boolean {
    const now = this.clock().toISOString();
    const changed = this.db
      .transaction(() => {
        const row = this.db.prepare('SELECT erased_at FROM vault_keys WHERE worker_id = ?').get(workerId) as { erased_at: string | null } | undefined;
        if (row?.erased_at) return false;
        if (row) this.db.prepare('UPDATE vault_keys SET wrapped = NULL, erased_at = ? WHERE worker_id = ?').run(now, workerId);
        else this.db.prepare('INSERT INTO vault_keys (worker_id, wrapped, created_at, erased_at) VALUES (?, NULL, ?, ?)').run(workerId, now, now);
        return true;
      })
      .immediate();
    if (changed) this.db.pragma('wal_checkpoint(TRUNCATE)');
    return changed;
  }

  erasedAt(workerId: string): Date | null {
    const row = this.db.prepare('SELECT erased_at FROM vault_keys WHERE worker_id = ?').get(workerId) as { erased_at: string | null } | undefined;
    return row?.erased_at ? new Date(row.erased_at) : null;
  }

  private dataKey(workerId: string, create: boolean): Buffer | null {
    if (typeof workerId !== 'string' || workerId.length === 0) throw new VaultError('a worker id is required');
    const select = this.db.prepare('SELECT wrapped, erased_at FROM vault_keys WHERE worker_id = ?');
    let row = select.get(workerId) as { wrapped: Buffer | null; erased_at: string | null } | undefined;
    if (!row && create) {
      const key = randomBytes(32);
      // Wrapped with the suite's cipher: AES-256-GCM, 60 bytes; SM4-CTR + HMAC-SM3, 80 bytes.
      const wrapped = this.suite.seal(this.masterKey, key, keyAad(workerId));
      // Into the WAL without an fsync on this thread: durable() syncs it, shared, before the
      // event that refers to the key is appended. The connection is back at FULL right after.
      this.db.pragma('synchronous = NORMAL');
      try {
        this.db
          .prepare('INSERT OR IGNORE INTO vault_keys (worker_id, wrapped, created_at) VALUES (?, ?, ?)')
          .run(workerId, wrapped, this.clock().toISOString());
      } finally {
        this.db.pragma('synchronous = FULL');
      }
      this.written++;
      row = select.get(workerId) as typeof row;
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
