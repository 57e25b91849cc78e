/**
 * Reads a command's zod 4 input schema into a small tree of form fields, so one generic form
 * serves every command of the catalog. Only the parts of zod's internal definition (`_zod.def`)
 * that the catalog uses are read: objects, strings (uuid, ISO datetime, date, text), integers,
 * booleans, enums, literals, arrays, discriminated unions, optional and default wrappers.
 */
import type { z } from 'zod';

export type FieldNode =
  | { readonly kind: 'text'; readonly max: number | null }
  | { readonly kind: 'uuid' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'date' }
  | { readonly kind: 'money' }
  | { readonly kind: 'integer' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'literal'; readonly value: string }
  | { readonly kind: 'array'; readonly element: FieldNode; readonly min: number; readonly max: number | null }
  | ObjectNode
  | UnionNode
  | { readonly kind: 'unknown' };

export interface ObjectNode {
  readonly kind: 'object';
  readonly fields: readonly Field[];
}
export interface UnionNode {
  readonly kind: 'union';
  readonly discriminator: string;
  readonly options: readonly { readonly value: string; readonly node: ObjectNode }[];
}

export interface Field {
  readonly name: string;
  readonly node: FieldNode;
  /** May be left out of the body (optional, or has a default). */
  readonly optional: boolean;
  readonly defaultValue?: unknown;
}

/** The few members of zod's internal definition this module reads. */
interface Def {
  readonly type: string;
  readonly format?: string;
  readonly checks?: readonly { readonly _zod: { readonly def: { readonly check?: string; readonly minimum?: number; readonly maximum?: number } } }[];
  readonly shape?: Record<string, Internal>;
  readonly innerType?: Internal;
  readonly in?: Internal;
  readonly element?: Internal;
  readonly entries?: Record<string, string>;
  readonly values?: readonly unknown[];
  readonly options?: readonly Internal[];
  readonly discriminator?: string;
  readonly defaultValue?: unknown;
}
interface Internal {
  readonly _zod: { readonly def: Def };
}

const defOf = (schema: unknown): Def => (schema as Internal)._zod.def;

function bound(def: Def, check: 'min_length' | 'max_length'): number | null {
  for (const c of def.checks ?? []) {
    const d = c._zod.def;
    if (d.check === check) return (check === 'min_length' ? d.minimum : d.maximum) ?? null;
  }
  return null;
}

/** Strips optional / default / readonly / nullable wrappers, noting what they said. */
function unwrap(schema: Internal): { inner: Internal; optional: boolean; defaultValue?: unknown } {
  let inner = schema;
  let optional = false;
  let defaultValue: unknown;
  for (;;) {
    const def = defOf(inner);
    if ((def.type === 'optional' || def.type === 'nullable' || def.type === 'readonly' || def.type === 'prefault') && def.innerType) {
      if (def.type !== 'readonly') optional = true;
      inner = def.innerType;
    } else if (def.type === 'default' && def.innerType) {
      optional = true;
      defaultValue = def.defaultValue;
      inner = def.innerType;
    } else if (def.type === 'pipe' && def.in) {
      inner = def.in;
    } else {
      return defaultValue === undefined ? { inner, optional } : { inner, optional, defaultValue };
    }
  }
}

/**
 * A field the catalog keeps only for older API clients (its metadata says `deprecated`, as
 * OpenAPI does: the single amount beside the itemized one, issue 13.6): the form offers the
 * current form only.
 */
const metaOf = (schema: Internal): Record<string, unknown> | undefined => (schema as unknown as { meta?: () => Record<string, unknown> | undefined }).meta?.();
const isDeprecated = (schema: Internal): boolean => metaOf(schema)?.['deprecated'] === true;
/** Optional only beside the deprecated field it replaces (`x-replaces`): without that field, the form must have it. */
const replacesDeprecated = (schema: Internal): boolean => typeof metaOf(schema)?.['x-replaces'] === 'string';

function objectNode(def: Def): ObjectNode {
  const entries = Object.entries(def.shape ?? {}).filter(([, schema]) => !isDeprecated(schema));
  const fields = entries.map(([name, schema]): Field => {
    const { inner, optional: wrapped, defaultValue } = unwrap(schema);
    const optional = wrapped && !replacesDeprecated(schema);
    const node = nodeOf(inner, name);
    return defaultValue === undefined ? { name, node, optional } : { name, node, optional, defaultValue };
  });
  return { kind: 'object', fields };
}

function nodeOf(schema: Internal, name: string): FieldNode {
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      if (def.format === 'uuid' || def.format === 'guid') return { kind: 'uuid' };
      if (def.format === 'datetime') return { kind: 'datetime' };
      if (def.format === 'date') return { kind: 'date' };
      return { kind: 'text', max: bound(def, 'max_length') };
    case 'number':
      // Money is integer fen everywhere, and every such field is named …Fen (rule 9).
      return name.endsWith('Fen') ? { kind: 'money' } : { kind: 'integer' };
    case 'boolean':
      return { kind: 'boolean' };
    case 'enum':
      return { kind: 'enum', values: Object.values(def.entries ?? {}) };
    case 'literal':
      return { kind: 'literal', value: String(def.values?.[0] ?? '') };
    case 'array':
      return {
        kind: 'array',
        element: def.element ? nodeOf(unwrap(def.element).inner, name) : { kind: 'unknown' },
        min: bound(def, 'min_length') ?? 0,
        max: bound(def, 'max_length'),
      };
    case 'object':
      return objectNode(def);
    case 'union': {
      const discriminator = def.discriminator;
      if (!discriminator) return { kind: 'unknown' };
      const options = (def.options ?? []).map((option) => {
        const node = objectNode(defOf(option));
        const tag = node.fields.find((f) => f.name === discriminator);
        return { value: tag?.node.kind === 'literal' ? tag.node.value : '', node };
      });
      return { kind: 'union', discriminator, options };
    }
    default:
      return { kind: 'unknown' };
  }
}

/** The form tree of a command's input schema (an object, or a discriminated union of objects). */
export function describe(schema: z.ZodType): ObjectNode | UnionNode {
  const node = nodeOf(unwrap(schema as unknown as Internal).inner, '');
  if (node.kind === 'object' || node.kind === 'union') return node;
  return { kind: 'object', fields: [] };
}
