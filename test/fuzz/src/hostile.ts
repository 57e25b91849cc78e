/**
 * Values that have broken services before, or break services in general: strings that are not
 * what they look like, numbers at the edges of what JSON, JavaScript and 64-bit positions hold,
 * shapes that are not what a schema wants. Each is a fast-check arbitrary so the seed picks them.
 */
import fc from 'fast-check';

/** Strings a careless parser trips on (BigInt, Number, Date, path joins, regexes, SQL). */
export const oddStrings: readonly string[] = [
  '',
  ' ',
  'abc',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-Infinity',
  '1.5',
  '1e3',
  '1e308',
  '-0',
  '0x10',
  '0b1',
  '1_000',
  '9007199254740993',
  '9223372036854775807',
  '9223372036854775808',
  '18446744073709551616',
  '9'.repeat(400),
  '-1',
  '+1',
  ' 1 ',
  '\u0000',
  'a\u0000b',
  '%00',
  '%',
  '%zz',
  '../../etc/passwd',
  '..%2f..%2fetc',
  '..\\..\\windows',
  '/',
  '//',
  '.',
  '..',
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\u200f\u200b\ufeff',
  '😀👨‍👩‍👧‍👦',
  '１２３',
  '٣',
  'e\u0301\u0301\u0301\u0301',
  'Z̴̡̢͎͓̈́͋̚a̷͚͝l̶̢̛g̵o',
  '\ud800',
  '\udfff',
  '\ud83d',
  'x\ud800y',
  '<script>alert(1)</script>',
  "'; DROP TABLE events; --",
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'toString',
  '2026-02-30T00:00:00Z',
  '0000-00-00',
  '9999-99-99T99:99:99Z',
  '2026-13-01',
  '2026-11',
  '2026-W47',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ',
];

/** Numbers at the edges: what JSON can say and JavaScript or SQLite cannot hold. */
export const edgeNumbers: readonly number[] = [
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 32,
  2 ** 53 - 1,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  2 ** 63,
  2 ** 64,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  Number.EPSILON,
  123456789.123,
];

/** Number literals that JSON.parse turns into something other than what they say. */
export const edgeNumberLiterals: readonly string[] = [
  '9007199254740993',
  '9223372036854775808',
  '1e309',
  '-1e309',
  '1E400',
  `0.${'0'.repeat(400)}1`,
  `1${'0'.repeat(400)}`,
  '-0.0',
  '1.0',
  '1e-400',
];

const huge = fc.constantFrom(1_000, 10_000, 100_000).chain((n) => fc.constantFrom('x', '字', '😀', '\u0000', '9').map((c) => c.repeat(n)));

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...oddStrings) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: huge },
);

/** Any JSON value a schema did not ask for. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...edgeNumbers) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], { '': null }, JSON.parse('{"__proto__":{"polluted":true}}')) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

/** `{"a":{"a":…}}` or `[[[…]]]` `depth` levels deep, as text (so it can be deeper than the stack). */
export function deepJson(depth: number, kind: 'object' | 'array'): string {
  return kind === 'object' ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : '['.repeat(depth) + ']'.repeat(depth);
}

/** Body texts that are not valid JSON, or valid JSON no service expects. */
export const malformedBody: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.constantFrom<string | Uint8Array>(
    '',
    '{',
    '}',
    '{"a":',
    '{"a":1,}',
    "{'a':1}",
    '[1,2',
    'nul',
    'NaN',
    '{"a":NaN}',
    '{"a":undefined}',
    '\u0000',
    '{"\u0000":1}',
    '{"a":"\\ud800"}',
    '{"a":"\\udfff\\ud800"}',
    '{"a":"\\u0000"}',
    '{"__proto__":{"isAdmin":true}}',
    '{"constructor":{"prototype":{}}}',
    '"just a string"',
    '123',
    'true',
    'null',
    '[]',
    '{"a":1}{"b":2}',
    '\ufeff{}',
    ' '.repeat(10_000),
    ...edgeNumberLiterals.map((n) => `{"n":${n}}`),
    // Invalid UTF-8: a lone continuation byte, a truncated sequence, an overlong NUL, a UTF-16 surrogate encoded as UTF-8.
    Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0x80, 0x22, 0x7d]),
    Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xe4, 0xb8, 0x22, 0x7d]),
    Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0x80, 0x22, 0x7d]),
    Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]),
    Uint8Array.from([0xff, 0xfe, 0x7b, 0x00, 0x7d, 0x00]),
  ),
  fc.constantFrom(100, 5_000, 100_000).chain((depth) => fc.constantFrom<'object' | 'array'>('object', 'array').map((kind) => deepJson(depth, kind))),
  // Around the 1 MB body limit: just under, and over.
  fc.constantFrom(1_000_000, 1_048_000, 1_100_000, 3_000_000).map((n) => `{"summary":"${'x'.repeat(n)}"}`),
);

/** Values for path segments: ids that walk out of their route, or are not ids at all. */
export const oddPathSegment: fc.Arbitrary<{ raw: string }> = fc.oneof(
  fc
    .constantFrom(
      '%2e%2e%2f%2e%2e%2fopenapi.json',
      '..%2F..%2Fhealth',
      '%2e%2e',
      '%00',
      '%ff',
      '%c0%ae',
      '%ED%A0%80',
      '%F0%9F%98%80',
      'a%2Fb',
      '%20',
      '%u0000',
      '%',
      '%2',
      '%252e',
    )
    .map((raw) => ({ raw })),
  oddString.map((s) => ({ raw: encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '?')) })),
  fc.constantFrom(10_000, 100_000).map((n) => ({ raw: 'a'.repeat(n) })),
);
