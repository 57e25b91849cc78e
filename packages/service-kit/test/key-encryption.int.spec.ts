import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyObject } from 'node:crypto';
import {
  GM_SUITE,
  INTL_SUITE,
  KEK_MISSING_MESSAGE,
  KeyEncryptionKeyError,
  KeyRing,
  loadKeyEncryptionKey,
  Sm2PrivateKey,
  sm2PrivateKeyBytes,
  SqliteSqlDb,
  type SigningPrivateKey,
  type SqlDb,
} from '../src/index.js';
import { agencyDbEngines } from './agency-db-engines.js';
import { memoryLogger, tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const KEK = Buffer.alloc(32, 9);

/** Every byte the local db left on disk: the main file and its WAL. */
function bytesOnDisk(path: string): Buffer {
  return Buffer.concat([readFileSync(path), existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`) : Buffer.alloc(0)]);
}

/** An Ed25519 key's PKCS#8 DER; an SM2 key's d (32 bytes). */
const secretOf = (key: SigningPrivateKey): Buffer =>
  key instanceof Sm2PrivateKey ? sm2PrivateKeyBytes(key.d) : (key as KeyObject).export({ format: 'der', type: 'pkcs8' });

/** The private key's own bytes: its PKCS#8 DER and the 32-byte seed inside it (Ed25519), or d (SM2). */
async function secretsOf(ring: KeyRing): Promise<Buffer[]> {
  const der = secretOf((await ring.current('events')).privateKey);
  return [der, der.subarray(der.length - 32)];
}

describe('private keys at rest under the key-encryption key (SQLite: the file)', () => {
  it('given a key ring opened with a KEK, when its keys are made, then the SQLite file holds neither their DER nor their seed, and the ring reopens to the same keys', async () => {
    const path = join(tmp.dir, 'sealed.db');
    const db = SqliteSqlDb.open(path);
    const ring = await KeyRing.open(db, undefined, KEK);
    const secrets = await secretsOf(ring);
    await ring.current('sessions');
    await db.close();
    const disk = bytesOnDisk(path);
    for (const secret of secrets) expect(disk.includes(secret)).toBe(false);
    const again = await KeyRing.open(SqliteSqlDb.open(path), undefined, KEK);
    expect(secretOf((await again.current('events')).privateKey)).toEqual(secrets[0]);
  });

  it('given keys stored in the clear before there was a KEK, when the ring opens with one, then they are sealed in place and still sign as before', async () => {
    const path = join(tmp.dir, 'migrated.db');
    const before = await KeyRing.open(SqliteSqlDb.open(path));
    const secrets = await secretsOf(before);
    const keyId = (await before.current('events')).keyId;
    expect(bytesOnDisk(path).includes(secrets[1]!)).toBe(true);
    const db = SqliteSqlDb.open(path);
    const after = await KeyRing.open(db, undefined, KEK);
    expect((await after.current('events')).keyId).toBe(keyId);
    expect(secretOf((await after.current('events')).privateKey)).toEqual(secrets[0]);
    await db.close();
    const disk = bytesOnDisk(path);
    for (const secret of secrets) expect(disk.includes(secret)).toBe(false);
  });
});

describe.each(agencyDbEngines())('private keys sealed under the key-encryption key, on $name', (engine) => {
  afterAll(() => engine.cleanup());
  /** What the database keeps of the keys: SQLite's file and WAL; on PostgreSQL every stored private key. */
  const stored = async (db: SqlDb): Promise<Buffer> => {
    if (db instanceof SqliteSqlDb) return bytesOnDisk(db.location);
    const rows = await db.all<{ private_key: Buffer }>('SELECT private_key FROM signing_keys');
    return Buffer.concat(rows.map((r) => r.private_key));
  };

  it('given CRYPTO_SUITE=gm, then the keys are SM2, their d is sealed with SM4 under the KEK, and a ring of either suite opens them', async () => {
    const db = engine.open('gm');
    const ring = await KeyRing.open(db, undefined, KEK, GM_SUITE);
    const secrets = await secretsOf(ring);
    expect((await ring.current('events')).algorithm).toBe('SM2');
    expect((await ring.current('events')).publicKeyRaw).toHaveLength(65);
    const row = await db.get<{ private_key: Buffer }>("SELECT private_key FROM signing_keys WHERE purpose = 'events'");
    expect(row!.private_key.subarray(0, 4).toString('ascii')).toBe('kek2');
    expect(secretOf((await KeyRing.open(db, undefined, KEK, INTL_SUITE)).all('events')[0]!.privateKey)).toEqual(secrets[0]);
    for (const secret of secrets) expect((await stored(db)).includes(secret)).toBe(false);
  });

  it('given sealed keys, when the ring opens with another KEK or none, then it fails with a clear error', async () => {
    await (await KeyRing.open(engine.open('wrong'), undefined, KEK)).current('events');
    await expect(KeyRing.open(engine.open('wrong'), undefined, Buffer.alloc(32, 3))).rejects.toThrow(/key-encryption key does not open the keys/);
    await expect(KeyRing.open(engine.open('wrong'))).rejects.toThrow(KeyEncryptionKeyError);
  });
});

describe('loadKeyEncryptionKey', () => {
  const dataDir = join(tmp.dir, 'data');

  it('given production mode and no KEK, when the service starts, then it refuses with a message naming the settings', () => {
    const generatedKeyFile = join(dataDir, 'prod.vault.key');
    expect(() => loadKeyEncryptionKey({ env: { NODE_ENV: 'production' }, dataDir, generatedKeyFile })).toThrow(KEK_MISSING_MESSAGE);
    expect(KEK_MISSING_MESSAGE).toMatch(/KEY_ENCRYPTION_KEY_FILE/);
    expect(existsSync(generatedKeyFile)).toBe(false);
  });

  it('given the demo and no KEK, when the service starts, then it generates one under DATA_DIR with a warning, and keeps it', () => {
    const { logger, lines } = memoryLogger();
    const generatedKeyFile = join(dataDir, 'demo.vault.key');
    const first = loadKeyEncryptionKey({ env: {}, dataDir, generatedKeyFile, logger });
    expect(first).toHaveLength(32);
    expect(lines.some((l) => l['level'] === 40 && String(l['msg']).includes('KEY_ENCRYPTION_KEY'))).toBe(true);
    expect(loadKeyEncryptionKey({ env: {}, dataDir, generatedKeyFile })).toEqual(first);
  });

  it('given KEY_ENCRYPTION_KEY or a KEY_ENCRYPTION_KEY_FILE outside DATA_DIR, then that is the KEK; a file inside DATA_DIR or a short key is refused', () => {
    const key = Buffer.alloc(32, 5);
    const env = { NODE_ENV: 'production', KEY_ENCRYPTION_KEY: key.toString('base64') };
    expect(loadKeyEncryptionKey({ env, dataDir, generatedKeyFile: 'unused' })).toEqual(key);
    const outside = join(tmp.dir, 'kek.b64');
    writeFileSync(outside, `${key.toString('base64')}\n`);
    expect(loadKeyEncryptionKey({ env: { NODE_ENV: 'production', KEY_ENCRYPTION_KEY_FILE: outside }, dataDir, generatedKeyFile: 'unused' })).toEqual(key);
    const inside = join(dataDir, 'kek.b64');
    writeFileSync(inside, `${key.toString('base64')}\n`);
    expect(() => loadKeyEncryptionKey({ env: { KEY_ENCRYPTION_KEY_FILE: inside }, dataDir, generatedKeyFile: 'unused' })).toThrow(/must lie outside DATA_DIR/);
    expect(() => loadKeyEncryptionKey({ env: { KEY_ENCRYPTION_KEY: 'c2hvcnQ=' }, dataDir, generatedKeyFile: 'unused' })).toThrow(/32 bytes/);
  });
});
