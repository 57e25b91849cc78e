import { isFen, isoDateTimeSchema, type CaseEvent, type Label } from '@hub/contracts';
import { RuleViolation, violation } from '../rules.js';
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

/** Rule 9, re-checked here: the decider is the last line before the store. */
export function requireFen(value: unknown, field: string): void {
  if (!isFen(value)) throw violation('R9.fen', label(`${field} = ${String(value)}`, `${field} = ${String(value)}`));
}

export function requireUtc(value: unknown, field: string): Date {
  if (!isoDateTimeSchema.safeParse(value).success) throw violation('R9.utc', label(`${field} = ${String(value)}`, `${field} = ${String(value)}`));
  return new Date(value as string);
}

export function requireNew(taken: boolean, id: string): void {
  if (taken) throw violation('CHAIN.duplicate-id', label(id, id));
}

export function requireRef<T>(found: T | undefined, what: Label, id: string): T {
  if (found === undefined) throw violation('CHAIN.unknown-ref', label(`${what.zh} ${id}`, `${what.en} ${id}`));
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
