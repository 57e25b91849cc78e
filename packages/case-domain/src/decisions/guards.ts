import {
  categories as categoryWords,
  isFen,
  isoDateTimeSchema,
  itemsFromAmount,
  moneyKinds,
  type CaseEvent,
  type Category,
  type Label,
  type MoneyItem,
  type MoneyKind,
  instantDayWords,
} from '@hub/contracts';
import { RuleViolation, violation, type RuleId } from '../rules.js';
import type { CaseState, OpenedCase } from '../state.js';

export type Decision = CaseEvent[];

/** Builds an event with its data type checked against the catalog. */
export function event<T extends CaseEvent['type']>(type: T, data: Extract<CaseEvent, { type: T }>['data']): CaseEvent {
  return { type, data } as CaseEvent;
}

/** Keys that may hold undefined become optional keys without it. */
type Compact<T> = { [K in keyof T as undefined extends T[K] ? never : K]: T[K] } & {
  [K in keyof T as undefined extends T[K] ? K : never]?: Exclude<T[K], undefined>;
};

/** Drops undefined members: event data is JSON, where an absent key and `undefined` must not differ. */
export function compact<T extends object>(value: T): Compact<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Compact<T>;
}

export const iso = (instant: Date): string => instant.toISOString();

const label = (zh: string, en: string): Label => ({ zh, en });

/**
 * Whether a guard lets a thing through: the decider's own checks, asked without a command (what
 * `availableCommands` offers). A refusal by a rule is an answer; anything else is a bug and is thrown.
 */
export function passes(check: () => unknown): boolean {
  try {
    check();
    return true;
  } catch (error) {
    if (error instanceof RuleViolation) return false;
    throw error;
  }
}

/** OpenCase: only a case that does not exist yet. */
export function requireUnopened(state: CaseState): void {
  if (state.status !== 'none') throw violation('CHAIN.already-opened');
}

/** Every command but OpenCase, ReopenCase and EraseWorkerData needs an open case. */
export function requireOpen(state: CaseState): OpenedCase & { status: 'open' } {
  if (state.status === 'none') throw violation('CHAIN.not-opened');
  if (state.status === 'closed') throw violation('CHAIN.closed');
  return state as OpenedCase & { status: 'open' };
}

export function requireOpened(state: CaseState): OpenedCase {
  if (state.status === 'none') throw violation('CHAIN.not-opened');
  return state;
}

/** ReopenCase: only a closed case. */
export function requireClosed(state: CaseState): OpenedCase & { status: 'closed' } {
  const c = requireOpened(state);
  if (c.status !== 'closed') throw violation('CHAIN.not-closed');
  return c as OpenedCase & { status: 'closed' };
}

/**
 * The words of the fields a refusal names (money and times the decider re-checks): a refusal's
 * message names a field as the form does, never by its key.
 */
const fieldWords: Readonly<Record<string, string>> = {
  amountClaimedFen: '请求金额',
  amountAgreedFen: '协议金额',
  amountAwardedFen: '裁判金额',
  amountRecoveredFen: '追回金额',
  amountPaidFen: '履行金额',
  amountFen: '金额',
  feedbackDueAt: '反馈期限',
  replyDueAt: '回复期限',
  deadline: '整改期限',
  newDeadline: '新的整改期限',
  fulfilmentDueAt: '履行期限',
};

/** A field's words for a refusal. */
export const fieldWord = (field: string): string => fieldWords[field] ?? '所填内容';

/** Rule 9, re-checked here: the decider is the last line before the store. */
export function requireFen(value: unknown, field: string): void {
  if (!isFen(value)) throw violation('R9.fen', label(`${fieldWord(field)}填写有误`, `${field} = ${String(value)}`));
}

export function requireUtc(value: unknown, field: string): Date {
  if (!isoDateTimeSchema.safeParse(value).success) throw violation('R9.utc', label(`${fieldWord(field)}不是有效的日期`, `${field} = ${String(value)}`));
  return new Date(value as string);
}

/**
 * A deadline the act sets must lie ahead: refused with the day chosen and today, in words
 * (「所选为2026年12月5日，今天是2026年12月7日」).
 */
export function requireAhead(ruleId: RuleId, value: string, field: string, now: Date): Date {
  const due = requireUtc(value, field);
  if (due.getTime() <= now.getTime()) {
    const [chosen, today] = [instantDayWords(due), instantDayWords(now)];
    throw violation(ruleId, label(`所选为${chosen.zh}，今天是${today.zh}`, `${field} ${chosen.en} is not after today, ${today.en}`));
  }
  return due;
}

export function requireNew(taken: boolean, id: string): void {
  if (taken) throw violation('CHAIN.duplicate-id', label('同一编号已提交过', id));
}

export function requireRef<T>(found: T | undefined, what: Label, id: string): T {
  if (found === undefined) throw violation('CHAIN.unknown-ref', label(`所选${what.zh}不在本案件中`, `${what.en} ${id}`));
  return found;
}

export const things = {
  lead: label('线索', 'lead'),
  mediation: label('调解', 'mediation'),
  arbitration: label('仲裁', 'arbitration'),
  litigation: label('诉讼', 'litigation'),
  enforcement: label('执行', 'enforcement'),
  letter: label('监督文书', 'letter'),
  item: label('整改事项', 'rectification item'),
  worker: label('职工', 'worker'),
  employer: label('用人单位', 'employer'),
} as const;

export { label };

/**
 * R9.items: the money an act carries, itemized by kind (issue 13.6). The command gives either
 * its items or the older single amount, which becomes one item of `kind` (none when zero), just
 * as an event written before itemization is read.
 */
export function requireItems(items: readonly MoneyItem[] | undefined, single: unknown, field: string, kind: MoneyKind = 'other'): MoneyItem[] {
  if ((items === undefined) === (single === undefined))
    throw violation('R9.items', label(`${fieldWord(field)}须按款项种类分项填写`, `${field}: items or the single amount, exactly one`));
  if (items === undefined) {
    requireFen(single, field);
    return itemsFromAmount(single as number, kind);
  }
  const seen = new Set<string>();
  for (const item of items) {
    const bad = !moneyKinds.values.includes(item.kind) || seen.has(item.kind) || !isFen(item.amountFen) || item.amountFen < 1;
    if (bad)
      throw violation(
        'R9.items',
        label(
          `${fieldWord(field)}中的「${moneyKinds.labels[item.kind as MoneyKind]?.zh ?? '未知款项'}」填写有误`,
          `${field}: ${String(item.kind)} = ${String(item.amountFen)}`,
        ),
      );
    seen.add(item.kind);
  }
  return items.map((item) => ({ kind: item.kind, amountFen: item.amountFen }));
}

/** CHAIN.categories: a case's categories, from the list or the older single category. */
export function requireCategories(list: readonly Category[] | undefined, single: Category | undefined): [Category, ...Category[]] {
  if ((list === undefined) === (single === undefined)) throw violation('CHAIN.categories', label('未选择案件类别', 'categories or category, exactly one'));
  const all = list ?? [single as Category];
  const [first, ...rest] = all;
  if (first === undefined || new Set(all).size !== all.length || !all.every((c) => categoryWords.values.includes(c))) {
    const named = all.map((c) => categoryWords.labels[c as Category]?.zh ?? '未知类别');
    throw violation('CHAIN.categories', label(named.join('、'), all.join(', ')));
  }
  return [first, ...rest];
}
