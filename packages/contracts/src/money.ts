import { z } from 'zod';
import { categories, moneyKinds, type Category, type MoneyKind } from './vocabulary.js';
import { bilingual, strictError } from './values/common.js';
import { type Fen, fenSchema } from './values/fen.js';

/** One line of an itemized amount: a kind and a positive amount in fen. */
export const moneyItemSchema = z.strictObject(
  {
    kind: moneyKinds.schema,
    amountFen: fenSchema.min(1, { error: bilingual('分项金额须大于零', 'an item amount must be more than zero') }),
  },
  strictError,
);
export type MoneyItem = z.output<typeof moneyItemSchema>;

/**
 * An itemized amount: at most one item per kind (so a kind's sum is its item), up to one per
 * kind. An empty list is no money at all.
 */
export const moneyItemsSchema = z
  .array(moneyItemSchema)
  .max(moneyKinds.values.length)
  .refine((items) => new Set(items.map((i) => i.kind)).size === items.length, {
    error: bilingual('同一款项种类只能填写一次', 'each money kind may appear only once'),
  });
export type MoneyItems = readonly MoneyItem[];

/** The total of an itemized amount. */
export function sumItems(items: MoneyItems): Fen {
  return items.reduce((sum, item) => sum + item.amountFen, 0);
}

/** The refinement every itemized event carries: its total field is the sum of its items. */
export const TOTAL_IS_SUM = bilingual('总金额须等于各分项之和', 'the total must equal the sum of the items');

/**
 * A single amount written before money was itemized, as items: one item of `kind`, or none
 * when the amount is zero (items are positive; nothing was claimed).
 */
export function itemsFromAmount(amountFen: Fen, kind: MoneyKind = 'other'): MoneyItem[] {
  return amountFen > 0 ? [{ kind, amountFen }] : [];
}

/**
 * The kind of money a case's single category clearly implies, for reading a claim written
 * before itemization: wage arrears claim wages, a social-insurance case social insurance, a
 * withheld-deposit case deposits. Every other category claims 'other'.
 */
export function kindImpliedBy(category: Category): MoneyKind {
  switch (category) {
    case 'wage_arrears':
      return 'wages';
    case 'social_insurance':
      return 'social_insurance';
    case 'withheld_deposit':
      return 'deposits';
    default:
      return 'other';
  }
}

/** A case's categories: one or more, none twice; the first is its primary category. */
export const categoryListSchema = z
  .array(categories.schema)
  .min(1, { error: bilingual('至少一个案件类别', 'at least one category') })
  .max(categories.values.length)
  .refine((list) => new Set(list).size === list.length, { error: bilingual('案件类别不能重复', 'a category may appear only once') });

/** Sums of items by kind, every kind present (0 when absent). */
export function sumByKind(items: Iterable<MoneyItem>): Record<MoneyKind, Fen> {
  const sums = Object.fromEntries(moneyKinds.values.map((k) => [k, 0])) as Record<MoneyKind, Fen>;
  for (const item of items) sums[item.kind] += item.amountFen;
  return sums;
}

/**
 * Commands take money itemized (`items`); API clients written before itemization may still send
 * the single amount (`legacy`), which is read as one item exactly as an old event is. Exactly one
 * of the two. The single field is marked deprecated in OpenAPI, and the console does not show it;
 * the field that replaces it says so (`x-replaces`), and the console requires it.
 */
export const itemizedInput = {
  items: (what: string, replaces: string) =>
    moneyItemsSchema.optional().meta({
      description: `${what} itemized by kind (issue 13.6); give this or the older single amount ${replaces}, not both.`,
      'x-replaces': replaces,
    }),
  legacy: (itemsKey: string) =>
    fenSchema.optional().meta({
      deprecated: true,
      description: `The older single amount in fen, still accepted: read as one item of kind 'other' (see ${itemsKey}). Give this or ${itemsKey}, not both.`,
    }),
};

/** The refinement: exactly one of the itemized form and the older single field. */
export function exactlyOne<K extends string>(key: K, legacyKey: string) {
  const check = (data: Record<string, unknown>): boolean => (data[key] === undefined) !== (data[legacyKey] === undefined);
  const params: { error: string; path: string[] } = {
    error: bilingual('请按款项种类填写金额（分项与旧的单一金额二者之一）', `give exactly one of ${key} and (the older form) ${legacyKey}`),
    path: [key],
  };
  return [check, params] as const;
}

/** The items a command was given: its itemized form, or its single amount as one item of `kind`. */
export function itemsGiven(items: MoneyItems | undefined, amountFen: Fen | undefined, kind: MoneyKind = 'other'): MoneyItem[] {
  return items ? [...items] : itemsFromAmount(amountFen ?? 0, kind);
}
