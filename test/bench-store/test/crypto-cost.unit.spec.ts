import { describe, expect, it } from 'vitest';
import { formatCryptoCost, measureCryptoCost } from '../src/index.js';

describe('bench:store --crypto', () => {
  it('given a few events, then it measures hash, sign and verify under intl and gm, and the table names both suites', () => {
    const costs = measureCryptoCost(20);
    expect(costs.map((c) => [c.suite, c.hash, c.signature])).toEqual([
      ['intl', 'SHA-256', 'Ed25519'],
      ['gm', 'SM3', 'SM2'],
    ]);
    for (const c of costs) for (const us of [c.hashUs, c.signUs, c.verifyUs]) expect(us).toBeGreaterThan(0);
    const table = formatCryptoCost(costs);
    expect(table).toMatch(/intl\s+SHA-256\s+Ed25519/);
    expect(table).toMatch(/gm\s+SM3\s+SM2/);
  });
});
