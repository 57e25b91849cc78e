import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPersonalText, maskPhone } from '../src/index.js';

describe('display masks', () => {
  it('keeps the surname only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('*');
    expect(maskName('')).toBe('');
  });

  it('keeps the first and last four digits of a resident ID', () => {
    expect(maskIdNumber('33010219900101123X')).toBe('3301**********123X');
    expect(maskIdNumber('330102199001011234')).toBe('3301**********1234');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
});

describe('maskPersonalText', () => {
  it('masks IDs and mobiles inside free text, Chinese punctuation around them', () => {
    expect(maskPersonalText('工人身份证号330102199001011234，电话13812345678。')).toBe('工人身份证号3301**********1234，电话138****5678。');
  });

  it('leaves hashes, uuids, timestamps and longer numbers alone', () => {
    const text = 'hash a1b2330102199001011234ff uuid 12345678-1234-1234-1234-123456789012 ts 1732262400000 n 138123456789';
    expect(maskPersonalText(text)).toBe(text);
  });
});
