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
  openLocalDb,
  Sm2PrivateKey,
  sm2PrivateKeyBytes,
  type SigningPrivateKey,
} from '../src/index.js';
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
function secretsOf(ring: KeyRing): Buffer[] {
  const der = secretOf(ring.current('events').privateKey);
  return [der, der.subarray(der.length - 32)];
}

describe('private keys at rest under the key-encryption key', () => {
  it('given a key ring opened with a KEK, when its keys are made, then the SQLite file holds neither their DER nor their seed, and the ring reopens to the same keys', () => {
    const path = join(tmp.dir, 'sealed.db');
    const db = openLocalDb(path);
    const ring = new KeyRing(db, undefined, KEK);
    const secrets = secretsOf(ring);
    ring.current('sessions');
    db.close();
    const disk = bytesOnDisk(path);
    for (const secret of secrets) expect(disk.includes(secret)).toBe(false);
    const again = new KeyRing(openLocalDb(path), undefined, KEK);
    expect(secretOf(again.current('events').privateKey)).toEqual(secrets[0]);
  });

  it('given keys stored in the clear before there was a KEK, when the ring opens with one, then they are sealed in place and still sign as before', () => {
    const path = join(tmp.dir, 'migrated.db');
    const before = new KeyRing(openLocalDb(path));
    const secrets = secretsOf(before);
    const keyId = before.current('events').keyId;
    expect(bytesOnDisk(path).includes(secrets[1]!)).toBe(true);
    const db = openLocalDb(path);
    const after = new KeyRing(db, undefined, KEK);
    expect(after.current('events').keyId).toBe(keyId);
    expect(secretOf(after.current('events').privateKey)).toEqual(secrets[0]);
    db.close();
    const disk = bytesOnDisk(path);
    for (const secret of secrets) expect(disk.includes(secret)).toBe(false);
  });

  it('given CRYPTO_SUITE=gm, then the keys are SM2, their d is sealed with SM4 under the KEK, and a ring of either suite opens them', () => {
    const path = join(tmp.dir, 'gm.db');
    const db = openLocalDb(path);
    const ring = new KeyRing(db, undefined, KEK, GM_SUITE);
    const secrets = secretsOf(ring);
    expect(ring.current('events').algorithm).toBe('SM2');
    expect(ring.current('events').publicKeyRaw).toHaveLength(65);
    const stored = (db.prepare("SELECT private_key FROM signing_keys WHERE purpose = 'events'").get() as { private_key: Buffer }).private_key;
    expect(stored.subarray(0, 4).toString('ascii')).toBe('kek2');
    expect(secretOf(new KeyRing(db, undefined, KEK, INTL_SUITE).all('events')[0]!.privateKey)).toEqual(secrets[0]);
    db.close();
    for (const secret of secrets) expect(bytesOnDisk(path).includes(secret)).toBe(false);
  });

  it('given sealed keys, when the ring opens with another KEK or none, then it fails with a clear error', () => {
    const path = join(tmp.dir, 'wrong.db');
    new KeyRing(openLocalDb(path), undefined, KEK).current('events');
    expect(() => new KeyRing(openLocalDb(path), undefined, Buffer.alloc(32, 3)).current('events')).toThrow(/key-encryption key does not open the keys/);
    expect(() => new KeyRing(openLocalDb(path)).current('events')).toThrow(KeyEncryptionKeyError);
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
