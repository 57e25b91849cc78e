/**
 * Seeded sessions against the hub's live feed (/api/live): sequences of frames before and after
 * auth — valid messages, the same spoiled, text that is not JSON, bytes that are not UTF-8,
 * binary and oversized frames, floods of subscribe/unsubscribe pairs.
 */
import fc from 'fast-check';
import { malformedBody, oddString, wrongValue } from './hostile.js';
import { mutate, mutation } from './mutate.js';

/** Replaced by a real session token when the frame is sent. */
export const TOKEN = '<token>';

export type Frame =
  | { kind: 'json'; message: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes-as-text'; bytes: Uint8Array }
  | { kind: 'binary'; bytes: Uint8Array }
  | { kind: 'oversized'; size: number }
  | { kind: 'flood'; pairs: number; id: string };

const subId = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('s1', 's2', 's3') },
  { weight: 1, arbitrary: oddString },
  { weight: 1, arbitrary: fc.string({ minLength: 60, maxLength: 70 }) },
);

const scope = (caseIds: readonly string[]) =>
  fc.oneof(
    fc.constant({ kind: 'all' }),
    fc.constant({ kind: 'inbox' }),
    fc.record({ kind: fc.constant('case'), caseId: fc.oneof(fc.constantFrom(...caseIds), fc.uuid(), oddString) }),
    fc.record({ kind: oddString }),
  );

const after = fc.oneof(
  fc.constantFrom<unknown>('start', 'now', '0', '1', '3'),
  oddString,
  fc.constantFrom<unknown>(0, -1, 1.5, 2 ** 63, 1e308, Number.MAX_SAFE_INTEGER + 2, null, true, {}, []),
);

const token = fc.oneof(
  { weight: 4, arbitrary: fc.constant(TOKEN) },
  { weight: 1, arbitrary: fc.oneof(oddString, fc.constant('a.b.c'), fc.constant('x'.repeat(9_000))) },
);

const message = (caseIds: readonly string[]) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.record({ type: fc.constant('auth'), token }) },
    { weight: 5, arbitrary: fc.record({ type: fc.constant('subscribe'), id: subId, scope: scope(caseIds), after }) },
    { weight: 3, arbitrary: fc.record({ type: fc.constant('unsubscribe'), id: subId }) },
    { weight: 1, arbitrary: fc.record({ type: oddString, id: subId }) },
  );

export const frame = (caseIds: readonly string[]): fc.Arbitrary<Frame> =>
  fc.oneof(
    {
      weight: 10,
      arbitrary: fc.tuple(message(caseIds), fc.array(mutation, { maxLength: 2 })).map(([m, ms]): Frame => ({ kind: 'json', message: mutate(m, ms) ?? null })),
    },
    {
      weight: 2,
      arbitrary: malformedBody.map((b): Frame => (typeof b === 'string' ? { kind: 'text', text: b.slice(0, 12_000) } : { kind: 'bytes-as-text', bytes: b })),
    },
    { weight: 1, arbitrary: wrongValue.map((v): Frame => ({ kind: 'json', message: v ?? null })) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 64 }).map((bytes): Frame => ({ kind: 'binary', bytes })) },
    { weight: 1, arbitrary: fc.constantFrom(16 * 1024 + 1, 100_000, 2_000_000).map((size): Frame => ({ kind: 'oversized', size })) },
    { weight: 1, arbitrary: fc.record({ pairs: fc.constantFrom(20, 200, 1_000), id: subId }).map((f): Frame => ({ kind: 'flood', ...f })) },
  );

/** A session: most begin with a valid auth, so the frames after it reach the ready phase. */
export const session = (caseIds: readonly string[]): fc.Arbitrary<Frame[]> =>
  fc
    .tuple(fc.boolean(), fc.array(frame(caseIds), { minLength: 1, maxLength: 10 }))
    .map(([authFirst, frames]) => (authFirst ? [{ kind: 'json', message: { type: 'auth', token: TOKEN } } as Frame, ...frames] : frames));

export function describeFrames(frames: readonly Frame[]): string {
  const cut = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…(${s.length})` : s);
  return frames
    .map((f) => {
      switch (f.kind) {
        case 'json':
          return `json ${cut(JSON.stringify(f.message) ?? 'undefined')}`;
        case 'text':
          return `text ${cut(JSON.stringify(f.text))}`;
        case 'bytes-as-text':
          return `text-bytes [${[...f.bytes].join(',')}]`;
        case 'binary':
          return `binary ${f.bytes.length} bytes`;
        case 'oversized':
          return `oversized ${f.size} bytes`;
        case 'flood':
          return `flood ${f.pairs} × subscribe/unsubscribe ${cut(JSON.stringify(f.id))}`;
        default:
          return 'unknown frame';
      }
    })
    .join('\n      ');
}
