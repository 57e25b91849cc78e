import type { Actor, CommandInput, CommandName, WorkerRef } from '@hub/contracts';
import type { DeadlinePolicy } from './policy.js';

/**
 * What the decider receives for each command: the validated client input, except that OpenCase
 * carries the case id from the route and its workers already encrypted by the service — the
 * domain never sees plain personal data.
 */
export type CommandData<N extends CommandName> = N extends 'OpenCase'
  ? Omit<CommandInput<'OpenCase'>, 'workers'> & { readonly caseId: string; readonly workers: readonly WorkerRef[] }
  : CommandInput<N>;

export type CaseCommand = { [N in CommandName]: { readonly type: N; readonly data: CommandData<N> } }[CommandName];

export type CommandOf<N extends CommandName> = Extract<CaseCommand, { type: N }>;

/** Everything a decision depends on besides the state; the clock included, so decisions stay pure. */
export interface DecisionContext {
  readonly now: Date;
  readonly actor: Actor;
  readonly policy: DeadlinePolicy;
}
