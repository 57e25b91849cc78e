import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encryptedFieldSchema, maskIdNumber, maskName, maskPhone, mobileSchema, workerIdentityInputSchema, workerRefSchema } from '../src/index.js';

const sealed = {
  v: 1,
  alg: 'A256GCM',
  iv: Buffer.alloc(12, 1).toString('base64'),
  ct: Buffer.from('ciphertext').toString('base64'),
  tag: Buffer.alloc(16, 2).toString('base64'),
};

describe('mobile numbers', () => {
  it('accepts 11 digits starting 13–19', () => {
    for (const phone of ['13812345678', '19912345678', '15000000000']) expect(mobileSchema.safeParse(phone).success).toBe(true);
  });
  it('refuses anything else', () => {
    for (const phone of ['12812345678', '1381234567', '138123456789', '+8613812345678', '138 1234 5678', '23812345678']) {
      expect(mobileSchema.safeParse(phone).success, phone).toBe(false);
    }
  });
});

describe('masks (DOMAIN.md)', () => {
  it('masks names after the first character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('张')).toBe('*');
    expect(maskName('𠮷田')).toBe('𠮷*');
  });
  it('keeps the first and last four of an ID number', () => {
    expect(maskIdNumber('330106199003071234')).toBe('3301**********1234');
  });
  it('keeps the first three and last four of a phone', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('personal data shapes', () => {
  it('accepts an AES-256-GCM envelope', () => {
    expect(encryptedFieldSchema.safeParse(sealed).success).toBe(true);
  });

  it('refuses envelopes with a wrong iv or tag size, another algorithm, or extra keys', () => {
    expect(encryptedFieldSchema.safeParse({ ...sealed, iv: Buffer.alloc(16).toString('base64') }).success).toBe(false);
    expect(encryptedFieldSchema.safeParse({ ...sealed, tag: Buffer.alloc(12).toString('base64') }).success).toBe(false);
    expect(encryptedFieldSchema.safeParse({ ...sealed, alg: 'A128GCM' }).success).toBe(false);
    expect(encryptedFieldSchema.safeParse({ ...sealed, plain: '张三' }).success).toBe(false);
  });

  it('keeps plain identity out of a WorkerRef', () => {
    const ref = { workerId: randomUUID(), name: sealed, phone: sealed };
    expect(workerRefSchema.safeParse(ref).success).toBe(true);
    expect(workerRefSchema.safeParse({ ...ref, name: '张三' }).success).toBe(false);
    const smuggled = workerRefSchema.safeParse({ ...ref, idNumberClear: '330106199003071236' });
    expect(smuggled.error?.issues[0]?.message).toContain('idNumberClear');
  });

  it('validates the plain identity a client posts', () => {
    expect(workerIdentityInputSchema.safeParse({ name: '张三', idNumber: '330106199003071236', phone: '13812345678' }).success).toBe(true);
    expect(workerIdentityInputSchema.safeParse({ name: '张三' }).success).toBe(true);
    expect(workerIdentityInputSchema.safeParse({ name: '', phone: '13812345678' }).success).toBe(false);
    expect(workerIdentityInputSchema.safeParse({ name: '张三', idNumber: '330106199003071235' }).success).toBe(false);
  });
});
