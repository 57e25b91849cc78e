import { readFileSync } from 'node:fs';
import { encryptedFieldSchema } from '@hub/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { GM_SUITE, INTL_SUITE, SqliteSqlDb, Vault, VaultError } from '../src/index.js';
import { agencyDbEngines } from './agency-db-engines.js';

const MASTER = Buffer.alloc(32, 1);

describe.each(agencyDbEngines())('the vault under the gm suite (SM4), on $name', (engine) => {
  afterAll(() => engine.cleanup());

  it('given CRYPTO_SUITE=gm, then fields are SM4-CTR-HMAC-SM3 envelopes the contract accepts, and they round-trip; a changed ciphertext is refused', async () => {
    const db = engine.open('gm');
    const vault = await Vault.open(db, MASTER, undefined, undefined, GM_SUITE);
    const field = await vault.encryptField('w1', '张三');
    // The worker's data key itself is wrapped under the key-encryption key with SM4 too: iv 16, tag 32, key 32.
    expect((await db.get<{ wrapped: Buffer }>("SELECT wrapped FROM vault_keys WHERE worker_id = 'w1'"))!.wrapped).toHaveLength(80);
    expect(field.alg).toBe('SM4-CTR-HMAC-SM3');
    expect(encryptedFieldSchema.safeParse(field).success).toBe(true);
    expect(await vault.decryptField('w1', field)).toBe('张三');
    const ct = Buffer.from(field.ct, 'base64');
    ct[0]! ^= 1;
    await expect(vault.decryptField('w1', { ...field, ct: ct.toString('base64') })).rejects.toThrow(VaultError);
    await vault.encryptField('w2', '李四');
    await expect(vault.decryptField('w2', field)).rejects.toThrow(VaultError);
  });

  it('given data sealed under intl, when the deployment switches to gm, then the old fields and files still open and new ones are SM4', async () => {
    const before = await Vault.open(engine.open('switch'), MASTER, undefined, undefined, INTL_SUITE);
    const oldField = await before.encryptField('w3', '13800138000');
    const oldFile = await before.encryptBytes('w3', Buffer.from('%PDF old'), 'sha-old');
    const after = await Vault.open(engine.open('switch'), MASTER, undefined, undefined, GM_SUITE);
    expect(oldField.alg).toBe('A256GCM');
    expect(await after.decryptField('w3', oldField)).toBe('13800138000');
    expect((await after.decryptBytes('w3', oldFile, 'sha-old'))?.toString()).toBe('%PDF old');
    const newFile = await after.encryptBytes('w3', Buffer.from('%PDF new'), 'sha-new');
    expect(newFile.subarray(0, 4).toString('latin1')).toBe('sm4\0');
    expect((await after.decryptBytes('w3', newFile, 'sha-new'))?.toString()).toBe('%PDF new');
    expect((await before.decryptBytes('w3', newFile, 'sha-new'))?.toString()).toBe('%PDF new');
    await expect(after.decryptBytes('w3', newFile, 'sha-other')).rejects.toThrow(VaultError);
    // No plaintext in the database file (SQLite's; PostgreSQL's files are the server's, not the spec's to read).
    const db = engine.open('switch');
    if (db instanceof SqliteSqlDb) expect(readFileSync(db.location).includes(Buffer.from('13800138000'))).toBe(false);
  });
});
