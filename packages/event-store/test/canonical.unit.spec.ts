import { describe, expect, it } from 'vitest';
import { canonicalJson, NotJson } from '../src/index.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops no value', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: '工会' } })).toBe('{"a":{"c":"工会","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('sorts by UTF-16 code units, as RFC 8785 does', () => {
    expect(canonicalJson({ '\u00e9': 1, z: 2, '\ud83d\ude00': 3, A: 4 })).toBe('{"A":4,"z":2,"é":1,"😀":3}');
  });

  it('prints numbers as ECMAScript does', () => {
    expect(canonicalJson([1.0, -0, 1e21, 0.1, 107246])).toBe('[1,0,1e+21,0.1,107246]');
  });

  it('is a fixed point: encoding parsed canonical text gives the same text', () => {
    const text = canonicalJson({ x: 'a\u0000b\n"q"', n: [1, 2.5], o: {} });
    expect(canonicalJson(JSON.parse(text))).toBe(text);
  });

  it('leaves out undefined object fields, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it.each([
    ['NaN', { n: Number.NaN }, 'n'],
    ['Infinity', [1, Number.POSITIVE_INFINITY], '[1]'],
    ['a Date', { at: new Date(0) }, 'at'],
    ['a Map', { m: new Map() }, 'm'],
    ['a bigint', { b: 1n }, 'b'],
    ['a function', { f: () => 1 }, 'f'],
    ['undefined in an array', [undefined], '[0]'],
  ])('refuses %s and names where it is', (_what, value, path) => {
    expect(() => canonicalJson(value)).toThrow(NotJson);
    expect(() => canonicalJson(value)).toThrow(new RegExp(`^${path.replace(/[[\]]/g, '\\$&')} is`));
  });

  it('refuses a cycle but accepts a shared (non-cyclic) object and deep nesting up to 256 levels', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
    const cyclic: Record<string, unknown> = {};
    cyclic['me'] = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
    let deep: unknown = 1;
    for (let i = 0; i < 255; i++) deep = [deep];
    expect(canonicalJson(deep)).toBe(`${'['.repeat(255)}1${']'.repeat(255)}`);
  });
});

describe('canonicalJson error paths', () => {
  it('names nested places the way code would write them', () => {
    expect(() => canonicalJson({ a: { b: [1, { c: Number.NaN }] } })).toThrow(/^a\.b\[1\]\.c is NaN/);
    expect(() => canonicalJson([[{ x: undefined, y: [undefined] }]])).toThrow(/^\[0\]\[0\]\.y\[0\] is undefined/);
  });
});
