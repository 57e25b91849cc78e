import { letterKinds, type AgencyId, type CommandName, type LetterKind, type Party } from '@hub/contracts';
import { statutoryReplyDue } from './decisions/supervision.js';
import { requireOwnAct } from './ownActs.js';
import { passes } from './decisions/guards.js';
import type { DeadlinePolicy } from './policy.js';
import type { RuleId } from './rules.js';
import type { OpenedCase } from './state.js';
import { shanghaiDate, type CalendarDate } from './time/shanghai.js';

/**
 * What an act form needs beside the choices (issue 14.1): the fields the rules fill in, so the form
 * neither offers them nor lets the server refuse them, and the values the case already knows.
 */

/**
 * A field the rules set when the input's other fields hold `when` (top-level fields, compared as
 * they are): the form omits it and shows `dueAt` (its Shanghai day `dueOn`) instead; `decide`
 * refuses it when given, with `ruleId`. Computed by the decider's own function, not a copy.
 */
export interface RuleSetField {
  readonly field: string;
  readonly when: Readonly<Record<string, string | boolean>>;
  readonly dueAt: string;
  readonly dueOn: CalendarDate;
  readonly ruleId: RuleId;
}

/** R8.statutory-deadline: a letter kind the agency may issue whose reply deadline the rules set, urgent or not. */
export function ruleSetFields(name: CommandName, agency: AgencyId, now: Date, policy: DeadlinePolicy): RuleSetField[] {
  if (name !== 'IssueSupervisionLetter') return [];
  const kinds = letterKinds.values.filter((kind: LetterKind) => passes(() => requireOwnAct(agency, name, { kind })));
  return kinds.flatMap((kind) =>
    [false, true].flatMap((urgent): RuleSetField[] => {
      const due = statutoryReplyDue(kind, urgent, now, policy);
      return due === null
        ? []
        : [{ field: 'replyDueAt', when: { kind, urgent }, dueAt: due.toISOString(), dueOn: shanghaiDate(due), ruleId: 'R8.statutory-deadline' }];
    }),
  );
}

/**
 * Values the case already knows, to start a form with (a person may still change them), keyed like
 * `choices` (a dotted path, arrays unnumbered): the case's first employer as a letter's addressee and
 * as each rectification item's 责任单位. None when the case names no employer.
 */
export function prefillOf(name: CommandName, c: OpenedCase): Readonly<Record<string, Party>> {
  const employer = c.employers[0];
  if (employer === undefined) return {};
  const party: Party = { kind: 'enterprise', name: employer.name, ...(employer.uscc === undefined ? {} : { uscc: employer.uscc }) };
  switch (name) {
    case 'IssueSupervisionLetter':
      return { addressee: party };
    case 'OrderRectification':
      return { 'items.responsibleParty': party };
    default:
      return {};
  }
}
