import { describe, expect, it } from 'vitest';
import { breakLines } from '../src/index.js';

const unit = (ch: string) => (/[\x20-\x7e]/.test(ch) ? 0.5 : 1);

describe('Chinese line breaking with 避头尾', () => {
  it('given text longer than a line, then lines hold at most the width', () => {
    const lines = breakLines('一二三四五六七八九十甲乙', 5, unit);
    expect(lines).toEqual(['一二三四五', '六七八九十', '甲乙']);
  });

  it('given a full stop that would start a line, then it moves down with the character before it', () => {
    const lines = breakLines('一二三四五。六七', 5, unit);
    expect(lines).toEqual(['一二三四', '五。六七']);
    for (const line of lines.slice(1)) expect('。，、；：？！）》'.includes(line[0]!)).toBe(false);
  });

  it('given an opening bracket at a line end, then it moves to the next line', () => {
    const lines = breakLines('一二三四《五六》', 5, unit);
    expect(lines).toEqual(['一二三四', '《五六》']);
  });

  it('given a narrower first line (the paragraph indent), then the first line is shorter', () => {
    expect(breakLines('一二三四五六七八', 5, unit, 3)).toEqual(['一二三', '四五六七八']);
  });

  it('counts half-width digits as half', () => {
    expect(breakLines('2026年12月', 4.5, unit)).toEqual(['2026年12', '月']);
  });
});
