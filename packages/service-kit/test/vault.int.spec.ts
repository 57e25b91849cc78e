import { readFileSync, statSync } from 'node:fs';
import { SqliteEventStore } from '@hub/event-store';
import { afterAll, describe, expect, it } from 'vitest';
import { isEncryptedField, loadVaultMasterKey, SqliteSqlDb, Vault, VaultError, vaultKeyPath, type EncryptedField } from '../src/index.js';
import { agencyDbEngines } from './agency-db-engines.js';
import { memoryLogger, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const MASTER = Buffer.alloc(32, 1);

describe.each(agencyDbEngines())('Vault on $name', (engine) => {
  afterAll(() => engine.cleanup());
  const newVault = (name: string, master = MASTER): Promise<Vault> => Vault.open(engine.open(name), master);

  it('round-trips a field, with a fresh IV each time', async () => {
    const vault = await newVault('roundtrip');
    const a = await vault.encryptField('w1', '张三');
    const b = await vault.encryptField('w1', '张三');
    expect(isEncryptedField(a)).toBe(true);
    expect(a).toMatchObject({ v: 1, alg: 'A256GCM' });
    expect(a.ct).not.toBe(b.ct);
    expect(await vault.decryptField('w1', a)).toBe('张三');
    expect(await vault.decryptField('w1', b)).toBe('张三');
  });

  it('makes data unreadable after erase, while the event hash still verifies', async () => {
    const vault = await newVault('erase');
    const store = new SqliteEventStore({ path: ':memory:' });
    const field = await vault.encryptField('w2', '330102199001011234');
    await store.append('case-vault', [{ type: 'CaseOpened', data: { worker: { id: 'w2', idNumber: field } } }]);
    expect(await vault.erase('w2')).toBe(true);
    expect(await vault.erase('w2')).toBe(false);
    expect(await vault.erasedAt('w2')).toBeInstanceOf(Date);
    expect(await vault.decryptField('w2', field)).toBeNull();
    await expect(vault.encryptField('w2', 'new')).rejects.toThrow(VaultError);
    expect((await store.verifyStream('case-vault')).ok).toBe(true);
    await store.close();
  });

  it('throws on a tampered ciphertext, tag or IV', async () => {
    const vault = await newVault('tamper');
    const field = await vault.encryptField('w3', '13812345678');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    await expect(vault.decryptField('w3', { ...field, ct: flip(field.ct) })).rejects.toThrow(VaultError);
    await expect(vault.decryptField('w3', { ...field, tag: flip(field.tag) })).rejects.toThrow(VaultError);
    await expect(vault.decryptField('w3', { ...field, iv: flip(field.iv) })).rejects.toThrow(VaultError);
    await expect(vault.decryptField('w3', { v: 2 } as unknown as EncryptedField)).rejects.toThrow(VaultError);
  });

  it("binds a field to its worker: another worker's key cannot decrypt it", async () => {
    const vault = await newVault('bind');
    const forA = await vault.encryptField('worker-a', '李四');
    await vault.encryptField('worker-b', '王五');
    await expect(vault.decryptField('worker-b', forA)).rejects.toThrow(VaultError);
    expect(await vault.decryptField('unknown-worker', forA)).toBeNull();
  });

  it('refuses a master key that does not match the database', async () => {
    await (await newVault('master')).encryptField('w', 'x');
    await expect(newVault('master', Buffer.alloc(32, 2))).rejects.toThrow(/master key does not match/);
    const again = await newVault('master');
    expect(await (await newVault('master')).decryptField('w', await again.encryptField('w', 'y'))).toBe('y');
  });

  it("given two replicas on one database, then a worker's key made by one is found by the other, and an erase by one holds for both", async () => {
    const [one, two] = [await newVault('replicas'), await newVault('replicas')];
    const field = await one.encryptField('shared', '赵六');
    expect(await two.holds('shared')).toBe(true);
    expect(await two.decryptField('shared', field)).toBe('赵六');
    // Both make a key for a new worker at once: one key wins, and each opens what the other sealed.
    const [a, b] = await Promise.all([one.encryptField('both', '甲'), two.encryptField('both', '乙')]);
    expect(await two.decryptField('both', a)).toBe('甲');
    expect(await one.decryptField('both', b)).toBe('乙');
    expect(await two.erase('shared')).toBe(true);
    expect(await one.erase('shared')).toBe(false);
    expect(await one.decryptField('shared', field)).toBeNull();
    await expect(one.encryptField('shared', 'new')).rejects.toThrow(VaultError);
  });
});

describe('Vault on SQLite: its WAL', () => {
  it('does not leave the erased key in the WAL', async () => {
    const db = SqliteSqlDb.open(`${tmp.dir}/wal.db`);
    const vault = await Vault.open(db, MASTER);
    await vault.encryptField('w9', 'x');
    const wrapped = (await db.get<{ wrapped: Buffer }>("SELECT wrapped FROM vault_keys WHERE worker_id = 'w9'"))!.wrapped;
    const files = () =>
      [`${tmp.dir}/wal.db`, `${tmp.dir}/wal.db-wal`].map((f) => {
        try {
          return readFileSync(f);
        } catch {
          return Buffer.alloc(0);
        }
      });
    expect(files().some((bytes) => bytes.includes(wrapped))).toBe(true);
    await vault.erase('w9');
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
    const db = SqliteSqlDb.open(`${tmp.dir}/group.db`);
    const watch = watchedSync();
    const vault = await Vault.open(db, MASTER, () => new Date(), watch.sync);
    const wrapped: Buffer[] = [];
    for (const w of ['g1', 'g2', 'g3']) {
      await vault.encryptField(w, '张三');
      wrapped.push((await db.get<{ wrapped: Buffer }>('SELECT wrapped FROM vault_keys WHERE worker_id = ?', [w]))!.wrapped);
    }
    // Written (into the WAL file), the connection back at FULL for everything else, no sync yet.
    const wal = readFileSync(`${tmp.dir}/group.db-wal`);
    expect(wrapped.every((k) => wal.includes(k))).toBe(true);
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
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
    await vault.encryptField('g1', '李四');
    await vault.durable();
    expect(watch.started).toHaveLength(0);
  });

  it('a key made while a transaction holds the connection waits for it and commits at FULL: nothing left to sync', async () => {
    const db = SqliteSqlDb.open(`${tmp.dir}/busy.db`);
    const watch = watchedSync();
    const vault = await Vault.open(db, MASTER, () => new Date(), watch.sync);
    const holding = () => {
      let release!: () => void;
      const done = db.transaction(() => new Promise<void>((resolve) => (release = resolve)));
      return { done, release: () => release() };
    };
    // The vault's read waits for the first transaction; the second begins before the vault writes.
    const first = holding();
    const made = vault.encryptField('t1', 'x');
    const second = holding();
    first.release();
    await first.done;
    await new Promise((r) => setImmediate(r));
    expect(db.raw.inTransaction).toBe(true);
    expect(db.raw.prepare("SELECT count(*) AS n FROM vault_keys WHERE worker_id = 't1'").get()).toEqual({ n: 0 });
    second.release();
    await second.done;
    expect(await vault.decryptField('t1', await made)).toBe('x');
    expect(db.raw.pragma('synchronous', { simple: true })).toBe(2);
    await vault.durable();
    expect(watch.started).toHaveLength(0);
  });

  it('does not let a key written during a sync ride on it: its opening waits for the next sync', async () => {
    const watch = watchedSync();
    const vault = await Vault.open(SqliteSqlDb.open(`${tmp.dir}/next.db`), MASTER, () => new Date(), watch.sync);
    await vault.encryptField('n1', 'x');
    const first = vault.durable();
    await new Promise((r) => setImmediate(r));
    await vault.encryptField('n2', 'y');
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
    const vault = await Vault.open(SqliteSqlDb.open(`${tmp.dir}/default-sync.db`), MASTER);
    await vault.encryptField('d1', 'x');
    await expect(vault.durable()).resolves.toBeUndefined();
    const memory = await Vault.open(SqliteSqlDb.open(':memory:'), MASTER);
    await memory.encryptField('d2', 'x');
    await expect(memory.durable()).resolves.toBeUndefined();
  });

  it.runIf(process.env['DATABASE_URL'])('on PostgreSQL a new key is durable at its commit: durable() waits for no sync', async () => {
    const [engine] = agencyDbEngines().filter((e) => e.name === 'PostgreSQL');
    try {
      const watch = watchedSync();
      const vault = await Vault.open(engine!.open('durable'), MASTER, () => new Date(), watch.sync);
      await vault.encryptField('p1', 'x');
      await vault.durable();
      expect(watch.started).toHaveLength(0);
    } finally {
      await engine!.cleanup();
    }
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
