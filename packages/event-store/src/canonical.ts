/**
 * Canonical JSON (RFC 8785 style: keys sorted by UTF-16 code units, no white space, numbers as
 * ECMAScript prints them) that also proves the value is JSON: one walk both validates and encodes,
 * so the text the store keeps is the text it hashes. A value that would not survive a JSON round
 * trip (undefined, a function, a bigint, NaN, a Date, a class instance, a cycle) is refused with
 * the path to it.
 */
export class NotJson extends Error {
  constructor(
    readonly path: string,
    readonly what: string,
  ) {
    super(`${path || '(root)'} is ${what}, not JSON`);
  }
}

/** Re-raises a failure from inside `key` with the path grown by one step; paths are built only on failure. */
function within(error: unknown, step: string | number): never {
  if (!(error instanceof NotJson)) throw error;
  const head = typeof step === 'number' ? `[${step}]` : step;
  const tail = error.path === '' || error.path.startsWith('[') ? error.path : `.${error.path}`;
  throw new NotJson(head + tail, error.what);
}

/** Deeper than this is taken for a cycle: cheaper than tracking every object on the path. */
const MAX_DEPTH = 256;

export function canonicalJson(value: unknown): string {
  return encode(value, 0);
}

function encode(value: unknown, depth: number): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson('', String(value));
      return String(value); // as JSON.stringify prints a finite number, -0 as "0" included
    case 'object': {
      if (value === null) return 'null';
      if (depth >= MAX_DEPTH) throw new NotJson('', `nested deeper than ${MAX_DEPTH} levels (or a cycle)`);
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (i > 0) out += ',';
          try {
            out += encode(value[i], depth + 1);
          } catch (error) {
            within(error, i);
          }
        }
        return `${out}]`;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) {
        throw new NotJson('', `an instance of ${(value as object).constructor?.name ?? 'a class'}`);
      }
      const keys = Object.keys(value).sort();
      let out = '{';
      for (const key of keys) {
        const item = (value as Record<string, unknown>)[key];
        if (item === undefined) continue; // as JSON.stringify does: an absent optional field
        if (out.length > 1) out += ',';
        try {
          out += `${JSON.stringify(key)}:${encode(item, depth + 1)}`;
        } catch (error) {
          within(error, key);
        }
      }
      return `${out}}`;
    }
    default:
      throw new NotJson('', value === undefined ? 'undefined' : `a ${typeof value}`);
  }
}

/** The canonical `"key":value` members of a plain object and their keys, in canonical order (what `canonicalJson` joins). */
export function canonicalMembers(value: Record<string, unknown>): { keys: string[]; members: string[] } {
  const keys: string[] = [];
  const members: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = value[key];
    if (item === undefined) continue;
    keys.push(key);
    try {
      members.push(`${JSON.stringify(key)}:${encode(item, 1)}`);
    } catch (error) {
      within(error, key);
    }
  }
  return { keys, members };
}
