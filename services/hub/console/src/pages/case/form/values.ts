/**
 * The form's raw state (what the inputs hold: strings, booleans, lists) and its conversion into
 * the body a command takes: dates become the end of that Shanghai day in UTC, yuan become
 * integer fen, empty optional fields are left out. Problems found on the way are reported per
 * field, keyed like the server's `errors[].path` ('items.0.deadline').
 */
import { yuanToFen, type Label } from '@hub/contracts';
import type { Field, FieldNode, ObjectNode, UnionNode } from './describe.ts';

export type Draft = string | boolean | readonly string[] | readonly Draft[] | DraftObject;
export interface DraftObject {
  readonly [key: string]: Draft;
}

export interface Choice {
  readonly value: string;
  readonly label: Label | string;
}
export type Choices = Readonly<Record<string, readonly Choice[]>>;

export type Issues = ReadonlyMap<string, Label>;

/** A path as the server writes it: keys and indices joined with dots. */
export const keyOf = (path: readonly (string | number)[]): string => path.join('.');

/** The same path without array indices, to look up `choices` ('results.itemId'). */
const choiceKeyOf = (path: readonly (string | number)[]): string => path.filter((p) => typeof p === 'string').join('.');

/** The choices the server offers for a field, by its full name or its own name. */
export function choicesFor(choices: Choices, path: readonly (string | number)[]): readonly Choice[] | undefined {
  const named = path.filter((p): p is string => typeof p === 'string');
  return choices[choiceKeyOf(path)] ?? choices[named[named.length - 1] ?? ''];
}

/** Ids the command creates are minted here and never shown. */
export const newId = (): string => crypto.randomUUID();

/** A uuid field without choices that the body must carry: an id this command creates. */
export const isGeneratedId = (node: FieldNode, field: Pick<Field, 'optional'>, choices: readonly Choice[] | undefined): boolean =>
  node.kind === 'uuid' && choices === undefined && !field.optional;

/** Arrays whose values come from a fixed list are ticked in a group of checkboxes. */
export const isPickList = (node: FieldNode, choices: readonly Choice[] | undefined): boolean =>
  node.kind === 'array' && (node.element.kind === 'enum' || (node.element.kind === 'uuid' && choices !== undefined));

export function initialDraft(node: FieldNode, field: Pick<Field, 'optional' | 'defaultValue'>, choices: Choices, path: readonly (string | number)[]): Draft {
  const offered = choicesFor(choices, path);
  switch (node.kind) {
    case 'object':
      return initialObject(node, choices, path);
    case 'union':
      return initialUnionOption(node, node.options[0]?.value ?? '', choices, path);
    case 'uuid':
      if (offered) return offered.length === 1 && !field.optional ? offered[0]!.value : '';
      return field.optional ? '' : newId();
    case 'enum':
      if (typeof field.defaultValue === 'string') return field.defaultValue;
      if (offered?.length === 1 && !field.optional) return offered[0]!.value;
      return node.values.length === 1 ? node.values[0]! : '';
    case 'text':
      return offered?.length === 1 && !field.optional ? offered[0]!.value : '';
    case 'boolean':
      return typeof field.defaultValue === 'boolean' ? field.defaultValue : false;
    case 'literal':
      return node.value;
    case 'array':
      if (isPickList(node, offered)) return Array.isArray(field.defaultValue) ? (field.defaultValue as string[]) : [];
      if (node.element.kind === 'object' || node.element.kind === 'union') {
        return Array.from({ length: node.min }, (_, i) => initialDraft(node.element, { optional: false }, choices, [...path, i]));
      }
      return '';
    default:
      return '';
  }
}

function initialObject(node: ObjectNode, choices: Choices, path: readonly (string | number)[]): DraftObject {
  const out: Record<string, Draft> = {};
  for (const field of node.fields) out[field.name] = initialDraft(field.node, field, choices, [...path, field.name]);
  return out;
}

/** A union's draft: the discriminator's value and the fields of that option. */
export function initialUnionOption(node: UnionNode, value: string, choices: Choices, path: readonly (string | number)[]): DraftObject {
  const option = node.options.find((o) => o.value === value) ?? node.options[0];
  return option ? initialObject(option.node, choices, path) : {};
}

// ---- Conversion ----

const REQUIRED: Label = { zh: '请填写此项', en: 'Required' };
const CHOOSE: Label = { zh: '请选择一项', en: 'Choose one' };
const MONEY: Label = { zh: '请填写金额（元），最多两位小数，不能为负数', en: 'Enter an amount in yuan, at most two decimals, not negative' };
const INTEGER: Label = { zh: '请填写非负整数', en: 'Enter a whole number' };
const DATE: Label = { zh: '请选择日期', en: 'Choose a date' };

/** The last instant of a Shanghai calendar day (UTC+8 all year, no summer time), as UTC ISO. */
export function endOfShanghaiDay(date: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return null;
  const at = new Date(`${date}T23:59:59.999+08:00`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

class Collector {
  readonly issues = new Map<string, Label>();
  add(path: readonly (string | number)[], label: Label): void {
    const key = keyOf(path);
    if (!this.issues.has(key)) this.issues.set(key, label);
  }
}

/** The body for the server, and what is already wrong with the raw input. */
export function toBody(node: ObjectNode | UnionNode, draft: Draft, choices: Choices): { body: unknown; issues: Issues } {
  const collector = new Collector();
  const body = convert(node, draft, { optional: false }, [], choices, collector);
  return { body: body ?? {}, issues: collector.issues };
}

function convert(node: FieldNode, draft: Draft, field: Pick<Field, 'optional'>, path: readonly (string | number)[], choices: Choices, out: Collector): unknown {
  const text = typeof draft === 'string' ? draft.trim() : '';
  const empty = typeof draft === 'string' && text === '';
  const missing = (label: Label) => {
    if (!field.optional) out.add(path, label);
    return undefined;
  };
  switch (node.kind) {
    case 'object': {
      const source = (typeof draft === 'object' && !Array.isArray(draft) ? draft : {}) as DraftObject;
      const result: Record<string, unknown> = {};
      for (const f of node.fields) {
        const value = convert(f.node, source[f.name] ?? '', f, [...path, f.name], choices, out);
        if (value !== undefined) result[f.name] = value;
      }
      return result;
    }
    case 'union': {
      const source = (typeof draft === 'object' && !Array.isArray(draft) ? draft : {}) as DraftObject;
      const option = node.options.find((o) => o.value === source[node.discriminator]);
      if (!option) return missing(CHOOSE);
      return convert(option.node, source, field, path, choices, out);
    }
    case 'literal':
      return node.value;
    case 'boolean':
      return draft === true;
    case 'text':
      return empty ? missing(REQUIRED) : text;
    case 'uuid':
    case 'enum':
      return empty ? missing(CHOOSE) : text;
    case 'datetime': {
      if (empty) return missing(DATE);
      // A full ISO time typed elsewhere passes as is; a date means the end of that Shanghai day.
      return /^\d{4}-\d{2}-\d{2}$/.test(text) ? (endOfShanghaiDay(text) ?? text) : text;
    }
    case 'date':
      return empty ? missing(DATE) : text;
    case 'money': {
      if (empty) return missing(REQUIRED);
      // Full-width digits and points from a Chinese input method read as their ASCII forms (NFKC).
      const plain = text.normalize('NFKC').replace(/[,，\s¥￥]/g, '');
      if (!/^\d+(\.\d{1,2})?$/.test(plain)) {
        out.add(path, MONEY);
        return undefined;
      }
      try {
        return yuanToFen(Number(plain));
      } catch {
        out.add(path, MONEY);
        return undefined;
      }
    }
    case 'integer': {
      if (empty) return missing(REQUIRED);
      if (!/^\d+$/.test(text)) {
        out.add(path, INTEGER);
        return undefined;
      }
      return Number(text);
    }
    case 'array': {
      if (Array.isArray(draft)) {
        if (node.element.kind === 'object' || node.element.kind === 'union') {
          return (draft as Draft[]).map((item, i) => convert(node.element, item, { optional: false }, [...path, i], choices, out));
        }
        const picked = draft as string[];
        if (picked.length === 0 && field.optional) return undefined;
        return picked;
      }
      // A list of short texts, one per line.
      const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean);
      if (lines.length === 0 && field.optional) return undefined;
      return lines;
    }
    default:
      return empty ? undefined : draft;
  }
}

/** zod's and the server's messages read 'zh · en'; plain messages serve both languages. */
export function messageLabel(message: string): Label {
  const at = message.indexOf(' · ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
}

/** Local problems first (they say it in the user's terms), then the schema's. */
export function mergeIssues(local: Issues, more: Iterable<{ path: string; message: string }>): Map<string, Label> {
  const merged = new Map(local);
  for (const issue of more) if (!merged.has(issue.path)) merged.set(issue.path, messageLabel(issue.message));
  return merged;
}

/** The keys the form shows a place for (hidden, generated ids have none). */
export function shownKeys(
  node: FieldNode,
  draft: Draft,
  choices: Choices,
  path: readonly (string | number)[] = [],
  field: Pick<Field, 'optional'> = { optional: false },
): Set<string> {
  const keys = new Set<string>();
  const walk = (n: FieldNode, d: Draft, p: readonly (string | number)[], f: Pick<Field, 'optional'>) => {
    if (n.kind === 'uuid' && isGeneratedId(n, f, choicesFor(choices, p))) return;
    if (n.kind === 'literal') return;
    if (p.length > 0) keys.add(keyOf(p));
    const source = (typeof d === 'object' && !Array.isArray(d) ? d : {}) as DraftObject;
    if (n.kind === 'object') for (const child of n.fields) walk(child.node, source[child.name] ?? '', [...p, child.name], child);
    if (n.kind === 'union') {
      keys.add(keyOf([...p, n.discriminator]));
      const option = n.options.find((o) => o.value === source[n.discriminator]);
      if (option) for (const child of option.node.fields) walk(child.node, source[child.name] ?? '', [...p, child.name], child);
    }
    if (n.kind === 'array' && Array.isArray(d) && (n.element.kind === 'object' || n.element.kind === 'union')) {
      for (const [i, item] of (d as Draft[]).entries()) walk(n.element, item, [...p, i], { optional: false });
    }
  };
  walk(node, draft, path, field);
  return keys;
}
