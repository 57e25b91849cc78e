import { readFileSync, statSync } from 'node:fs';
import { SqliteEventStore } from '@hub/event-store';
import { afterAll, describe, expect, it } from 'vitest';
import { isEncryptedField, loadVaultMasterKey, openLocalDb, Vault, VaultError, vaultKeyPath, type EncryptedField } from '../src/index.js';
import { memoryLogger, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const MASTER = Buffer.alloc(32, 1);

function newVault(name: string, master = MASTER): Vault {
  return new Vault(openLocalDb(`${tmp.dir}/${name}.db`), master);
}

describe('Vault', () => {
  it('round-trips a field, with a fresh IV each time', () => {
    const vault = newVault('roundtrip');
    const a = vault.encryptField('w1', '张三');
    const b = vault.encryptField('w1', '张三');
    expect(isEncryptedField(a)).toBe(true);
    expect(a).toMatchObject({ v: 1, alg: 'A256GCM' });
    expect(a.ct).not.toBe(b.ct);
    expect(vault.decryptField('w1', a)).toBe('张三');
    expect(vault.decryptField('w1', b)).toBe('张三');
  });

  it('makes data unreadable after erase, while the event hash still verifies', async () => {
    const vault = newVault('erase');
    const store = new SqliteEventStore({ path: ':memory:' });
    const field = vault.encryptField('w2', '330102199001011234');
    await store.append('case-vault', [{ type: 'CaseOpened', data: { worker: { id: 'w2', idNumber: field } } }]);
    expect(vault.erase('w2')).toBe(true);
    expect(vault.erase('w2')).toBe(false);
    expect(vault.erasedAt('w2')).toBeInstanceOf(Date);
    expect(vault.decryptField('w2', field)).toBeNull();
    expect(() => vault.encryptField('w2', 'new')).toThrow(VaultError);
    expect((await store.verifyStream('case-vault')).ok).toBe(true);
    await store.close();
  });

  it('throws on a tampered ciphertext, tag or IV', () => {
    const vault = newVault('tamper');
    const field = vault.encryptField('w3', '13812345678');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    expect(() => vault.decryptField('w3', { ...field, ct: flip(field.ct) })).toThrow(VaultError);
    expect(() => vault.decryptField('w3', { ...field, tag: flip(field.tag) })).toThrow(VaultError);
    expect(() => vault.decryptField('w3', { ...field, iv: flip(field.iv) })).toThrow(VaultError);
    expect(() => vault.decryptField('w3', { v: 2 } as unknown as EncryptedField)).toThrow(VaultError);
  });

  it("binds a field to its worker: another worker's key cannot decrypt it", () => {
    const vault = newVault('bind');
    const forA = vault.encryptField('worker-a', '李四');
    vault.encryptField('worker-b', '王五');
    expect(() => vault.decryptField('worker-b', forA)).toThrow(VaultError);
    expect(vault.decryptField('unknown-worker', forA)).toBeNull();
  });

  it('refuses a master key that does not match the database', () => {
    newVault('master').encryptField('w', 'x');
    expect(() => newVault('master', Buffer.alloc(32, 2))).toThrow(/master key does not match/);
    expect(newVault('master').decryptField('w', newVault('master').encryptField('w', 'y'))).toBe('y');
  });

  it('does not leave the erased key in the WAL', () => {
    const db = openLocalDb(`${tmp.dir}/wal.db`);
    const vault = new Vault(db, MASTER);
    vault.encryptField('w9', 'x');
    const wrapped = db.prepare("SELECT wrapped FROM vault_keys WHERE worker_id = 'w9'").pluck().get() as Buffer;
    const files = () =>
      [`${tmp.dir}/wal.db`, `${tmp.dir}/wal.db-wal`].map((f) => {
        try {
          return readFileSync(f);
        } catch {
          return Buffer.alloc(0);
        }
      });
    expect(files().some((bytes) => bytes.includes(wrapped))).toBe(true);
    vault.erase('w9');
    expect(files().some((bytes) => bytes.includes(wrapped))).toBe(false);
  });
});

describe('Vault durability: a new key on disk before the event that refers to it, without an fsync of its own', () => {
  /** A sync of the WAL that the spec releases by hand, counting how many were started. */
  function watchedSync() {
    const started: (() => void)[] = [];
    return {
      started,
      sync: () => new Promise<void>((resolve) => started.push(resolve)),
      releaseAll: () => {
        for (const r of started.splice(0)) r();
      },
    };
  }

  it('commits a new key into the WAL at synchronous=NORMAL, then one shared sync makes every key written so far durable', async () => {
    const db = openLocalDb(`${tmp.dir}/group.db`);
    const watch = watchedSync();
    const vault = new Vault(db, MASTER, () => new Date(), watch.sync);
    const wrapped: Buffer[] = [];
    for (const w of ['g1', 'g2', 'g3']) {
      vault.encryptField(w, '张三');
      wrapped.push(db.prepare('SELECT wrapped FROM vault_keys WHERE worker_id = ?').pluck().get(w) as Buffer);
    }
    // Written (into the WAL file), the connection back at FULL for everything else, no sync yet.
    const wal = readFileSync(`${tmp.dir}/group.db-wal`);
    expect(wrapped.every((k) => wal.includes(k))).toBe(true);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(watch.started).toHaveLength(0);

    // Three openings wait at once: one sync covers them all.
    let done = 0;
    const waiting = [vault.durable(), vault.durable(), vault.durable()].map((p) => p.then(() => done++));
    await new Promise((r) => setImmediate(r));
    expect(watch.started).toHaveLength(1);
    expect(done).toBe(0);
    watch.releaseAll();
    await Promise.all(waiting);
    expect(done).toBe(3);

    // Nothing new written: nothing to wait for. An existing worker's key is not written again.
    await vault.durable();
    vault.encryptField('g1', '李四');
    await vault.durable();
    expect(watch.started).toHaveLength(0);
  });

  it('does not let a key written during a sync ride on it: its opening waits for the next sync', async () => {
    const watch = watchedSync();
    const vault = new Vault(openLocalDb(`${tmp.dir}/next.db`), MASTER, () => new Date(), watch.sync);
    vault.encryptField('n1', 'x');
    const first = vault.durable();
    await new Promise((r) => setImmediate(r));
    vault.encryptField('n2', 'y');
    let secondDone = false;
    const second = vault.durable().then(() => {
      secondDone = true;
    });
    watch.releaseAll();
    await first;
    await new Promise((r) => setImmediate(r));
    expect(secondDone).toBe(false);
    expect(watch.started).toHaveLength(1);
    watch.releaseAll();
    await second;
    expect(secondDone).toBe(true);
  });

  it('syncs the real WAL file by default (and an in-memory db has nothing to sync)', async () => {
    const vault = newVault('default-sync');
    vault.encryptField('d1', 'x');
    await expect(vault.durable()).resolves.toBeUndefined();
    const memory = new Vault(openLocalDb(':memory:'), MASTER);
    memory.encryptField('d2', 'x');
    await expect(memory.durable()).resolves.toBeUndefined();
  });
});

describe('loadVaultMasterKey', () => {
  it('uses the configured key when given', () => {
    expect(loadVaultMasterKey({ configured: MASTER, keyFile: `${tmp.dir}/never.key` })).toBe(MASTER);
  });

  it('otherwise generates an owner-only key file once, with a warning, and reuses it', () => {
    const { logger, lines } = memoryLogger();
    const keyFile = vaultKeyPath(`${tmp.dir}/keys`, 'union');
    expect(keyFile).toBe(`${tmp.dir}/keys/union.vault.key`);
    const first = loadVaultMasterKey({ configured: null, keyFile, logger });
    const again = loadVaultMasterKey({ configured: null, keyFile, logger });
    expect(first).toHaveLength(32);
    expect(again).toEqual(first);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(lines.filter((l) => l['level'] === 40)).toHaveLength(1);
  });
});
