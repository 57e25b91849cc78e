import { describe, expect, it } from 'vitest';
import { BadRequest, checkPasswordPolicy, hashPassword, needsRehash, verifyPassword } from '../src/index.js';

describe('password hashing', () => {
  it('uses scrypt N=2^15, r=8, p=1 with a 16-byte salt and a 64-byte key, parameters stored with the hash', async () => {
    const stored = await hashPassword('correct horse battery');
    const [, alg, params, salt, key] = stored.split('$');
    expect(alg).toBe('scrypt');
    expect(params).toBe('ln=15,r=8,p=1');
    expect(Buffer.from(salt!, 'base64')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64')).toHaveLength(64);
  });

  it('verifies the right password only; salts differ', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'garbage')).toBe(false);
  });

  it('treats composed and decomposed Unicode alike', async () => {
    const stored = await hashPassword('café-au-lait-2024');
    expect(await verifyPassword('cafe\u0301-au-lait-2024', stored)).toBe(true);
  });

  it('asks for a rehash when the stored parameters are weaker than the current ones', async () => {
    const stored = await hashPassword('a passphrase', { ln: 14, r: 8, p: 1 });
    expect(await verifyPassword('a passphrase', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(true);
    expect(needsRehash(await hashPassword('a passphrase'))).toBe(false);
  });

  it('needs at least 10 characters, counting Chinese characters as one each', () => {
    expect(() => checkPasswordPolicy('short')).toThrow(BadRequest);
    // Ten characters, seven of them Chinese (symbols, for the classes), with an upper, a lower and a digit.
    expect(() => checkPasswordPolicy('十个字的密码够A1b')).not.toThrow();
    expect(() => checkPasswordPolicy('九个字的密码A1b')).toThrow(BadRequest);
    expect(() => checkPasswordPolicy(`Aa1-${'x'.repeat(253)}`)).toThrow(BadRequest);
  });
});
