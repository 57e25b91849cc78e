import { isValidMobile, isValidResidentId, isValidUscc } from '@hub/contracts';
import { describe, expect, it } from 'vitest';
import { ControllableClock, demoCases, makeMobile, makeResidentId, makeUscc } from '../src/index.js';
import { EMPLOYERS } from '../src/demo/parties.js';

describe('demo identities', () => {
  it('builds USCCs that pass the GB 32100 check, one per seed', () => {
    const codes = Array.from({ length: 200 }, (_, seed) => makeUscc('330106', seed));
    expect(codes.every(isValidUscc)).toBe(true);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes[0]!.slice(0, 8)).toBe('91330106');
  });

  it('builds resident IDs that pass MOD 11-2 and mobiles that pass the mobile check', () => {
    expect(makeResidentId('341222', '1986-05-14', 102)).toMatch(/^341222198605141\d\d[\dX]$/);
    for (let seq = 0; seq < 100; seq++) expect(isValidResidentId(makeResidentId('330106', '1990-01-27', seq))).toBe(true);
    expect(isValidMobile(makeMobile(42))).toBe(true);
  });

  it('gives every demo employer a distinct valid USCC and every demo case a distinct key', () => {
    const all = Object.values(EMPLOYERS).flat();
    expect(all.every((e) => isValidUscc(e.uscc))).toBe(true);
    expect(new Set(all.map((e) => e.uscc)).size).toBe(all.length);
    expect(new Set(demoCases.map((c) => c.key)).size).toBe(demoCases.length);
  });
});

describe('ControllableClock', () => {
  it('pins, advances and releases', () => {
    const clock = new ControllableClock();
    clock.set('2026-03-02T02:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-03-02T02:00:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-03-02T02:01:00.000Z');
    clock.release();
    expect(clock.isPinned).toBe(false);
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(1000);
  });
});
