import { agencyNames, commandCatalog, letterIssuer, letterKinds, type AgencyId, type CommandInput, type CommandName, type Label } from '@hub/contracts';
import { RuleViolation, worded } from './rules.js';

/**
 * Rule 1 refused: the agency may not record this act at all. That is a question of who asks, not
 * of the case's state, hence 403 (not 409), with the rule id kept so a client can tell it from a
 * missing role. The narrower R1.* rules (the mediator, the addressee…) depend on the case and stay 409.
 */
export class NotOwnAct extends RuleViolation {
  override readonly name = 'NotOwnAct';
  declare readonly ruleId: 'R1';
  declare readonly status: 403;

  constructor(detail: Label) {
    const { zh, en } = worded('R1', detail);
    super('R1', zh, en);
  }
}

const names = (agencies: readonly AgencyId[]): Label => ({
  zh: agencies.map((a) => agencyNames[a].zh).join('、'),
  en: agencies.map((a) => agencyNames[a].en).join(', '),
});

/**
 * Rule 1, the one check, as the catalog states it: the agencies that issue each command
 * (`issuedBy`) and, for a supervision letter, the one agency that issues its kind (`letterIssuer`).
 * The decider runs it first; the service runs it before reading the case (nothing in the case
 * could change the answer); availableCommands asks it what to offer. `input` is the command's
 * data, or as much of it as is known (the kind of letter); without it only `issuedBy` is asked.
 * Every event a decision yields names the actor as its recorder, so the catalog's event-level
 * `mayRecord` holds by construction (the decider specs check it on every event they see).
 */
export function requireOwnAct(agency: AgencyId, name: CommandName, input?: unknown): void {
  const definition = commandCatalog[name];
  if (!definition.issuedBy.includes(agency)) {
    const by = names(definition.issuedBy);
    throw new NotOwnAct({ zh: `${definition.label.zh}只能由${by.zh}办理`, en: `${definition.label.en} is for the ${by.en}` });
  }
  if (name === 'IssueSupervisionLetter' && input !== undefined) {
    const { kind } = input as Pick<CommandInput<'IssueSupervisionLetter'>, 'kind'>;
    const issuer = letterIssuer[kind];
    if (issuer !== agency) {
      const letter = letterKinds.labels[kind];
      throw new NotOwnAct({ zh: `${letter.zh}只能由${agencyNames[issuer].zh}发出`, en: `a ${letter.en} is issued by the ${agencyNames[issuer].en} only` });
    }
  }
}
