import { describe, expect, it } from 'vitest';
import {
  isValidRegionCode,
  isValidUscc,
  provinceOf,
  regionCodeSchema,
  residentIdBirthDate,
  residentIdCheckCharacter,
  residentIdSchema,
  usccCheckCharacter,
  usccSchema,
} from '../src/index.js';

/** Real-format codes built for these tests: region segment, organization code and check computed. */
const VALID_USCC = ['91330106MA2KQ7T39F', '91440300MA5FXJ1D49', '9131011578A9K2LPXJ', '52110105MJ0198RK7R', '91330110MA28CK4L5X', '91320583MA1P0Y7B9D'];

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes whose check character matches', () => {
    for (const code of VALID_USCC) expect(usccSchema.parse(code)).toBe(code);
    // A published company code (Huawei Technologies): real data agrees with the algorithm.
    expect(isValidUscc('914403001922038216')).toBe(true);
  });

  it('computes the check character with the standard weights', () => {
    expect(usccCheckCharacter('91330106MA2KQ7T39')).toBe('F');
    expect(usccCheckCharacter('91440300MA5FXJ1D4')).toBe('9');
    expect(usccCheckCharacter('9144030019220382I')).toBeNull();
  });

  it('normalizes case and surrounding space', () => {
    expect(usccSchema.parse(' 91330106ma2kq7t39f ')).toBe('91330106MA2KQ7T39F');
  });

  it('refuses a wrong check character, excluded letters, a short code, letters in the region segment', () => {
    const bad = ['91330106MA2KQ7T39G', '91330106MA2KQ7T3IF', '91330106MA2KQ7T3OF', '9133010SMA2KQ7T39F', '91330106MA2KQ7T39', '91AB0106MA2KQ7T39F', ''];
    for (const code of bad) expect(usccSchema.safeParse(code).success, code).toBe(false);
    expect(usccSchema.safeParse('91330106MA2KQ7T39G').error?.issues[0]?.message).toContain('校验位');
  });
});

describe('行政区划代码', () => {
  it('accepts six digits under a real province prefix', () => {
    for (const code of ['110105', '330106', '440300', '650102', '710000', '810000', '820000', '150100', '460100']) {
      expect(regionCodeSchema.safeParse(code).success, code).toBe(true);
    }
    expect(provinceOf('330106')).toBe('浙江省');
  });

  it('refuses other prefixes and shapes', () => {
    for (const code of ['160000', '240000', '380000', '470000', '550000', '660000', '700000', '830000', '990000', '000000', '12345', '1234567', 'abcdef']) {
      expect(regionCodeSchema.safeParse(code).success, code).toBe(false);
    }
    expect(isValidRegionCode('100000')).toBe(false);
  });
});

describe('居民身份证号 (GB 11643, ISO 7064 MOD 11-2)', () => {
  const valid = ['11010519491231002X', '330106199003071236', '440304200001014560', '210202197806158822'];

  it('accepts numbers with a region prefix, a real birth date and the right check character', () => {
    for (const id of valid) expect(residentIdSchema.safeParse(id).success, id).toBe(true);
    expect(residentIdCheckCharacter('11010519491231002')).toBe('X');
    expect(residentIdBirthDate('330106199003071236')).toBe('1990-03-07');
  });

  it('accepts a lower-case x and stores it upper-case', () => {
    expect(residentIdSchema.parse('11010519491231002x')).toBe('11010519491231002X');
  });

  it('refuses a wrong check digit, an impossible date, an unknown region, a bad length', () => {
    const cases: [string, string][] = [
      ['110105194912310021', '校验码'],
      ['32058319850229001X', '出生日期'], // 1985 was not a leap year (the check digit itself is right)
      ['110105189912310028', '出生日期'],
      ['990105194912310021', '地区码'],
      ['11010519491231002', '17 位'],
    ];
    for (const [id, why] of cases) {
      const result = residentIdSchema.safeParse(id);
      expect(result.success, id).toBe(false);
      expect(result.error?.issues.map((i) => i.message).join(' '), id).toContain(why);
    }
  });
});
