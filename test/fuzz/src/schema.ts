/**
 * Values that a JSON Schema (the services' own /openapi.json, converted from their zod schemas)
 * accepts, as fast-check arbitraries: the well-formed starting point that mutations then spoil,
 * so that a request gets past the first check and reaches the code behind it.
 */
import fc from 'fast-check';

export type Schema = Record<string, any>;

export interface Components {
  resolve(ref: string): Schema;
}

export const componentsOf = (document: Schema): Components => ({
  resolve(ref) {
    const name = ref.replace('#/components/schemas/', '');
    const found = document['components']?.['schemas']?.[name];
    if (!found) throw new Error(`openapi: no component ${ref}`);
    return found;
  },
});

const isoDate = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true });

function stringOf(schema: Schema): fc.Arbitrary<string> {
  const min = schema['minLength'] ?? 0;
  const max = Math.min(schema['maxLength'] ?? 40, Math.max(min, 40));
  switch (schema['format']) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'date-time':
      return isoDate.map((d) => d.toISOString());
    case 'date':
      return isoDate.map((d) => d.toISOString().slice(0, 10));
    default:
      break;
  }
  if (typeof schema['pattern'] === 'string') {
    try {
      const pattern = new RegExp(schema['pattern']);
      return fc.stringMatching(pattern).filter((s) => s.length >= min && s.length <= (schema['maxLength'] ?? Infinity));
    } catch {
      // A pattern fast-check cannot invert: plain text, which the service will refuse (fine too).
    }
  }
  return fc.string({ minLength: min, maxLength: max, unit: fc.constantFrom(...'abcxyz工会法院案件 0123456789') });
}

function numberOf(schema: Schema, integer: boolean): fc.Arbitrary<number> {
  const lo = schema['minimum'] ?? (schema['exclusiveMinimum'] !== undefined ? schema['exclusiveMinimum'] + 1 : -1_000_000);
  const hi = schema['maximum'] ?? (schema['exclusiveMaximum'] !== undefined ? schema['exclusiveMaximum'] - 1 : 1_000_000_000);
  const min = Math.max(lo, Number.MIN_SAFE_INTEGER);
  const max = Math.min(hi, Number.MAX_SAFE_INTEGER);
  return integer ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** A value the schema accepts (as far as a schema can say: refinements in code may still refuse it). */
export function valueOf(schema: Schema, components: Components, depth = 0): fc.Arbitrary<unknown> {
  if (depth > 8) return fc.constant(null);
  if (schema['$ref']) return valueOf(components.resolve(schema['$ref']), components, depth + 1);
  if ('const' in schema) return fc.constant(schema['const']);
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const alternatives = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(alternatives)) return fc.oneof(...alternatives.map((s: Schema) => valueOf(s, components, depth + 1)));
  if (Array.isArray(schema['allOf'])) return valueOf(Object.assign({}, ...schema['allOf']), components, depth + 1);
  const type = Array.isArray(schema['type']) ? schema['type'][0] : schema['type'];
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = schema['items'] ? valueOf(schema['items'], components, depth + 1) : fc.jsonValue({ maxDepth: 1 });
      const minLength = schema['minItems'] ?? 0;
      return fc.array(items, { minLength, maxLength: Math.min(schema['maxItems'] ?? 3, Math.max(minLength, 3)) });
    }
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Schema>;
      const required = new Set<string>(schema['required'] ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, property] of Object.entries(properties)) record[name] = valueOf(property, components, depth + 1);
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        return schema['additionalProperties'] && typeof schema['additionalProperties'] === 'object'
          ? fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), valueOf(schema['additionalProperties'], components, depth + 1), { maxKeys: 3 })
          : fc.constant({});
      }
      return fc.record(record, { requiredKeys: keys.filter((k) => required.has(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
