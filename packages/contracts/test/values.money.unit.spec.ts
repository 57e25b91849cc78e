import { describe, expect, it } from 'vitest';
import { fenSchema, fenToYuanString, formatFen, isFen, yuanToFen } from '../src/index.js';

describe('Fen', () => {
  it('formats integer fen as yuan with grouping', () => {
    expect(formatFen(107246)).toBe('¥1,072.46');
    expect(formatFen(0)).toBe('¥0.00');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen(100000)).toBe('¥1,000.00');
    expect(formatFen(123456789012)).toBe('¥1,234,567,890.12');
    expect(fenToYuanString(107246)).toBe('1072.46');
  });

  it('refuses to format what is not fen', () => {
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) expect(() => formatFen(bad)).toThrow(RangeError);
  });

  it('accepts non-negative safe integers only', () => {
    for (const good of [0, 1, 107246, Number.MAX_SAFE_INTEGER]) expect(fenSchema.safeParse(good).success).toBe(true);
    for (const bad of [-1, 10.5, '100', Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, null]) {
      expect(fenSchema.safeParse(bad).success).toBe(false);
    }
    expect(isFen(3)).toBe(true);
    expect(isFen(-3)).toBe(false);
  });

  it('says why an amount was refused, in both languages', () => {
    const result = fenSchema.safeParse(10.5);
    expect(result.error?.issues[0]?.message).toBe('金额须为整数（单位：分） · amount must be an integer number of fen');
  });

  it('converts decimal yuan half up on the decimal as written', () => {
    expect(yuanToFen(1072.46)).toBe(107246);
    expect(yuanToFen(1.005)).toBe(101);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(12)).toBe(1200);
    expect(yuanToFen(0.004)).toBe(0);
    expect(yuanToFen(99.995)).toBe(10000);
    expect(() => yuanToFen(-1)).toThrow(RangeError);
    expect(() => yuanToFen(Number.NaN)).toThrow(RangeError);
  });
});
