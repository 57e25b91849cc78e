/**
 * Spoils a well-formed JSON value in a few places, chosen by the seed: a value of the wrong type
 * or at the edge, a required field gone, a field nobody asked for, a subtree buried deep.
 */
import fc from 'fast-check';
import { wrongValue } from './hostile.js';

type Path = (string | number)[];

export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'delete'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'bury'; at: number; depth: number }
  | { kind: 'stringify'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), value: wrongValue }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('extra' as const),
      at: fc.nat(),
      key: fc.oneof(
        fc.constantFrom('__proto__', 'constructor', 'prototype', '', '\u0000', 'caseId', 'agency', 'actor', 'position', 'revision'),
        fc.string({ maxLength: 12 }),
      ),
      value: wrongValue,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bury' as const), at: fc.nat(), depth: fc.constantFrom(2, 50, 1_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('stringify' as const), at: fc.nat() }) },
);

/** Every path into the value, the root first. */
function paths(value: unknown, at: Path = []): Path[] {
  const out: Path[] = [at];
  if (Array.isArray(value)) for (const [i, v] of value.entries()) out.push(...paths(v, [...at, i]));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...at, k]));
  return out;
}

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as any)?.[key], value);
}

/** Returns the value with `path` set to `next` (or removed when `next` is the `remove` mark). */
const remove = Symbol('remove');
function set(value: unknown, path: Path, next: unknown): unknown {
  if (path.length === 0) return next === remove ? undefined : next;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    if (rest.length === 0 && next === remove) copy.splice(head as number, 1);
    else copy[head as number] = set(copy[head as number], rest, next);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  if (rest.length === 0 && next === remove) delete copy[head as string];
  else Object.defineProperty(copy, head as string, { value: set(copy[head as string], rest, next), enumerable: true, writable: true, configurable: true });
  return copy;
}

export function applyMutation(value: unknown, m: Mutation): unknown {
  const all = paths(value);
  const path = all[m.at % all.length]!;
  const target = get(value, path);
  switch (m.kind) {
    case 'replace':
      return set(value, path, m.value);
    case 'delete':
      return path.length === 0 ? undefined : set(value, path, remove);
    case 'extra': {
      if (target === null || typeof target !== 'object' || Array.isArray(target)) return set(value, path, { [m.key]: m.value });
      // defineProperty: a key named __proto__ must become a real key, as JSON.parse makes it.
      const copy = { ...(target as Record<string, unknown>) };
      Object.defineProperty(copy, m.key, { value: m.value, enumerable: true, writable: true, configurable: true });
      return set(value, path, copy);
    }
    case 'bury': {
      let buried: unknown = target;
      for (let i = 0; i < m.depth; i += 1) buried = i % 2 === 0 ? [buried] : { v: buried };
      return set(value, path, buried);
    }
    case 'stringify':
      return set(value, path, typeof target === 'string' ? Number(target) : JSON.stringify(target ?? null));
  }
}

export const mutate = (value: unknown, mutations: readonly Mutation[]): unknown => mutations.reduce(applyMutation, value);
