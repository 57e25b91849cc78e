import { readFileSync } from 'node:fs';
import { encryptedFieldSchema } from '@hub/contracts';
import { afterAll, describe, expect, it } from 'vitest';
import { GM_SUITE, INTL_SUITE, openLocalDb, Vault, VaultError } from '../src/index.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const MASTER = Buffer.alloc(32, 1);

describe('the vault under the gm suite (SM4)', () => {
  it('given CRYPTO_SUITE=gm, then fields are SM4-CTR-HMAC-SM3 envelopes the contract accepts, and they round-trip; a changed ciphertext is refused', () => {
    const db = openLocalDb(`${tmp.dir}/gm.db`);
    const vault = new Vault(db, MASTER, undefined, undefined, GM_SUITE);
    const field = vault.encryptField('w1', '张三');
    // The worker's data key itself is wrapped under the key-encryption key with SM4 too: iv 16, tag 32, key 32.
    expect((db.prepare("SELECT wrapped FROM vault_keys WHERE worker_id = 'w1'").get() as { wrapped: Buffer }).wrapped).toHaveLength(80);
    expect(field.alg).toBe('SM4-CTR-HMAC-SM3');
    expect(encryptedFieldSchema.safeParse(field).success).toBe(true);
    expect(vault.decryptField('w1', field)).toBe('张三');
    const ct = Buffer.from(field.ct, 'base64');
    ct[0]! ^= 1;
    expect(() => vault.decryptField('w1', { ...field, ct: ct.toString('base64') })).toThrow(VaultError);
    vault.encryptField('w2', '李四');
    expect(() => vault.decryptField('w2', field)).toThrow(VaultError);
  });

  it('given data sealed under intl, when the deployment switches to gm, then the old fields and files still open and new ones are SM4', () => {
    const path = `${tmp.dir}/switch.db`;
    const before = new Vault(openLocalDb(path), MASTER, undefined, undefined, INTL_SUITE);
    const oldField = before.encryptField('w3', '13800138000');
    const oldFile = before.encryptBytes('w3', Buffer.from('%PDF old'), 'sha-old');
    const after = new Vault(openLocalDb(path), MASTER, undefined, undefined, GM_SUITE);
    expect(oldField.alg).toBe('A256GCM');
    expect(after.decryptField('w3', oldField)).toBe('13800138000');
    expect(after.decryptBytes('w3', oldFile, 'sha-old')?.toString()).toBe('%PDF old');
    const newFile = after.encryptBytes('w3', Buffer.from('%PDF new'), 'sha-new');
    expect(newFile.subarray(0, 4).toString('latin1')).toBe('sm4\0');
    expect(after.decryptBytes('w3', newFile, 'sha-new')?.toString()).toBe('%PDF new');
    expect(before.decryptBytes('w3', newFile, 'sha-new')?.toString()).toBe('%PDF new');
    expect(() => after.decryptBytes('w3', newFile, 'sha-other')).toThrow(VaultError);
    expect(readFileSync(path).includes(Buffer.from('13800138000'))).toBe(false);
  });
});
