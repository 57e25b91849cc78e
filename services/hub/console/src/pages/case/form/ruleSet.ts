/**
 * What the service says beside the choices (issue 14.1): the fields the rules set, which the form
 * shows as text and never sends, and the values the case already knows, which start the form.
 */
import type { Label } from '@hub/contracts';
import type { Draft, DraftObject } from './values.ts';

/** A field the rules set while the input's top-level fields hold `when`. */
export interface RuleSetField {
  readonly field: string;
  readonly when: Readonly<Record<string, string | boolean>>;
  readonly value: string;
  readonly label: Label;
  readonly ruleId: string;
}

export type Prefill = Readonly<Record<string, unknown>>;

const asObject = (draft: Draft | undefined): DraftObject =>
  typeof draft === 'object' && draft !== null && !Array.isArray(draft) ? (draft as DraftObject) : {};

/** The rule-set value of a top-level field, given what the form holds now; undefined when the person fills it in. */
export function ruleSetValue(ruleSet: readonly RuleSetField[] | undefined, field: string, draft: Draft): RuleSetField | undefined {
  const top = asObject(draft);
  return ruleSet?.find((f) => f.field === field && Object.entries(f.when).every(([key, value]) => top[key] === value));
}

/** The body without the fields the rules set (a value left over from another kind of letter is not sent). */
export function withoutRuleSet(body: unknown, ruleSet: readonly RuleSetField[] | undefined, draft: Draft): unknown {
  if (!ruleSet || typeof body !== 'object' || body === null) return body;
  const out = { ...(body as Record<string, unknown>) };
  for (const field of new Set(ruleSet.map((f) => f.field))) if (ruleSetValue(ruleSet, field, draft)) delete out[field];
  return out;
}

/** A known value as the form's draft: strings stay strings, nested objects are merged into what the form holds. */
function asDraft(value: unknown, before: Draft | undefined): Draft {
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    const merged: Record<string, Draft> = { ...asObject(before) };
    for (const [key, inner] of Object.entries(value)) merged[key] = asDraft(inner, merged[key]);
    return merged;
  }
  return before ?? '';
}

/** Puts `value` at the dotted `key` (arrays unnumbered: into each element) of `draft`. */
function putAt(draft: Draft, keys: readonly string[], value: unknown): Draft {
  if (Array.isArray(draft)) return (draft as Draft[]).map((item) => putAt(item, keys, value));
  if (keys.length === 0) return asDraft(value, draft);
  const [head, ...rest] = keys as [string, ...string[]];
  const object = asObject(draft);
  if (!(head in object)) return draft;
  return { ...object, [head]: putAt(object[head]!, rest, value) };
}

/**
 * The draft at `path` (the whole form: []; a new list item: ['items', 3]) with the known values
 * that fall inside it. A person may change them.
 */
export function prefilled(draft: Draft, prefill: Prefill | undefined, path: readonly (string | number)[] = []): Draft {
  if (!prefill) return draft;
  const at = path.filter((p): p is string => typeof p === 'string');
  let out = draft;
  for (const [key, value] of Object.entries(prefill)) {
    const keys = key.split('.');
    if (at.length > keys.length || at.some((p, i) => keys[i] !== p)) continue;
    out = putAt(out, keys.slice(at.length), value);
  }
  return out;
}
