import { describe, expect, it } from 'vitest';
import { distribution, percentile, rate, Samples } from '../src/stats.js';

describe('percentile (nearest rank)', () => {
  it('is null without samples', () => {
    expect(percentile([], 50)).toBeNull();
    expect(distribution([])).toEqual({ count: 0, p50: null, p99: null, max: null });
  });

  it('picks the sample at rank ceil(p·n), whatever the input order', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 99)).toBe(5);
    expect(percentile(samples, 100)).toBe(5);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 20)).toBe(1);
    expect(percentile(samples, 21)).toBe(2);
  });

  it('p99 of 1..1000 is 990, and one outlier in a hundred does not move it', () => {
    const ramp = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(ramp, 99)).toBe(990);
    const flat = [...Array.from({ length: 99 }, () => 10), 5000];
    expect(percentile(flat, 99)).toBe(10);
    expect(distribution(flat)).toEqual({ count: 100, p50: 10, p99: 10, max: 5000 });
  });

  it('does not sort the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });
});

describe('Samples', () => {
  it('grows past its first buffer and keeps every value', () => {
    const s = new Samples();
    for (let i = 0; i < 5000; i++) s.push(i);
    expect(s.length).toBe(5000);
    expect(s.values()[4999]).toBe(4999);
    expect(distribution(s.values()).max).toBe(4999);
  });
});

describe('rate', () => {
  it('is per second, null when nothing happened', () => {
    expect(rate(500, 250)).toBe(2000);
    expect(rate(0, 1000)).toBeNull();
    expect(rate(10, 0)).toBeNull();
  });
});
