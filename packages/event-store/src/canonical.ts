/**
 * Canonical JSON (RFC 8785 style: keys sorted by UTF-16 code units, no white space, numbers as
 * ECMAScript prints them) that also proves the value is JSON: one walk both validates and encodes,
 * so the text the store keeps is the text it hashes. A value that would not survive a JSON round
 * trip (undefined, a function, a bigint, NaN, a Date, a class instance, a cycle) is refused with
 * the path to it.
 */
export class NotJson extends Error {
  constructor(readonly path: string, what: string) {
    super(`${path || '(root)'} is ${what}, not JSON`);
  }
}

export function canonicalJson(value: unknown): string {
  return encode(value, '', new Set());
}

function encode(value: unknown, path: string, seen: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJson(path, String(value));
      return JSON.stringify(value);
    case 'object': {
      if (value === null) return 'null';
      if (seen.has(value)) throw new NotJson(path, 'a cycle');
      seen.add(value);
      try {
        if (Array.isArray(value)) {
          let out = '[';
          for (let i = 0; i < value.length; i++) {
            if (i > 0) out += ',';
            out += encode(value[i], `${path}[${i}]`, seen);
          }
          return out + ']';
        }
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null) {
          throw new NotJson(path, `an instance of ${(value as object).constructor?.name ?? 'a class'}`);
        }
        const keys = Object.keys(value).sort();
        let out = '{';
        let first = true;
        for (const key of keys) {
          const item = (value as Record<string, unknown>)[key];
          if (item === undefined) continue; // as JSON.stringify does: an absent optional field
          if (!first) out += ',';
          first = false;
          out += JSON.stringify(key) + ':' + encode(item, path ? `${path}.${key}` : key, seen);
        }
        return out + '}';
      } finally {
        seen.delete(value);
      }
    }
    default:
      throw new NotJson(path, `a ${typeof value}`);
  }
}
