import {
  agencyIds,
  commandDefinitions,
  creditLists,
  letterKinds,
  resolutions,
  type AgencyId,
  type ArbitrationFact,
  type ChoiceFact,
  type CommandInput,
  type CommandName,
  type LitigationFact,
  type Party,
  type Role,
} from '@hub/contracts';
import { arbitrationIn, confirmableMediation, extendableArbitration } from './decisions/arbitration.js';
import { passes, requireClosed, requireOpen, requireOpened, requireUnopened } from './decisions/guards.js';
import { acceptedLead, pendingLead } from './decisions/leads.js';
import { bearsOut, requireCaseOwner, requireClosable } from './decisions/closure.js';
import {
  arbitrationBeforeSuit,
  enforcementToComplete,
  litigationToJudge,
  requireBasis,
  requireWorkers,
  type EnforcementBasis,
} from './decisions/litigation.js';
import { delegableArbitration, mediationToFail, mediationToFulfil, mediationToSign } from './decisions/mediation.js';
import { itemToReport, openItem } from './decisions/rectification.js';
import { letterToAnswer, listableEmployer } from './decisions/supervision.js';
import { requireAssignable } from './decisions/handlers.js';
import { erasableWorker, requireVaultHolder } from './decisions/workers.js';
import { requireOwnAct } from './ownActs.js';
import { mayActWithoutPart } from './participation.js';
import type { StaffRecord } from './commands.js';
import type { ArbitrationState, CaseState, ItemState, LeadState, LetterState, LitigationState, MediationState, OpenedCase } from './state.js';
import { shanghaiDate, type CalendarDate } from './time/shanghai.js';
import { prefillOf, ruleSetFields, type RuleSetField } from './formFacts.js';
import type { DeadlinePolicy } from './policy.js';

/**
 * A command the actor may give on the case now, for the console's act forms. `choices` maps an
 * input field to the only values it may take here (a <select>; for an array field, the values its
 * elements may take), each with the facts of the case a label is made of; the words are not the
 * domain's (contracts' `offeredCommand` adds the catalog's path and label and words each choice).
 * The key is the field's name in the command's input schema, or a dotted path into it for a nested field (`basis.ref`, `results.itemId`: an array's elements are not numbered).
 * Only fields that name something of the case, or that the actor's agency narrows, have choices;
 * an optional field's list may be empty (nothing to name), a required one's never is.
 */
export interface AvailableCommand {
  readonly name: CommandName;
  readonly choices: Readonly<Record<string, readonly ChoiceFact[]>>;
  /** Fields the rules set (the form shows the value, offers no input): only with `now` and `policy`. */
  readonly ruleSet?: readonly RuleSetField[];
  /** Values the case already knows, to start the form with (formFacts.ts). */
  readonly prefill?: Readonly<Record<string, Party>>;
}

export interface AvailabilityActor {
  readonly agency: AgencyId;
  readonly roles: readonly Role[];
}

export interface AvailabilityOptions {
  /**
   * The agencies that take part in the case (as the service reads them from the stream). When
   * given and the actor's agency is not among them, only the acts an agency may do without taking
   * part are offered (see `mayActWithoutPart`).
   */
  readonly participants?: ReadonlySet<AgencyId>;
  /**
   * The instant to decide at. Without it, time does not narrow anything: an arbitration is offered
   * for extension as if its period had not ended, and for a suit as if every deadline had passed.
   */
  readonly now?: Date;
  /**
   * The actor's agency's people, as its service holds them: AssignHandler's choices are those
   * who may handle the case (requireAssignable) except the one who does now. Without it the
   * command is offered without choices.
   */
  readonly staff?: readonly StaffRecord[];
  /**
   * The deployment's deadline policy: with `now`, the values the rules will set (a 检察建议's
   * reply deadline) are computed as `decide` would at that instant (`ruleSet`).
   */
  readonly policy?: DeadlinePolicy;
}

/**
 * The commands `actor` may give on the case in `state`, in catalog order, each with the values its
 * reference fields may take. It asks the decider's own guards (the same functions `decide` runs),
 * so an act is offered exactly when the case's state lets it through; a precondition that depends
 * on the input only (a deadline in the future, two agencies in a joint review, both sides'
 * consent…) keeps the act offered, and `decide` still refuses a bad input with its rule. Beyond the
 * state: the catalog's agencies (rule 1) and roles, and participation when `participants` is given.
 * OpenCase is offered only while the case does not exist.
 */
export function availableCommands(state: CaseState, actor: AvailabilityActor, options: AvailabilityOptions = {}): AvailableCommand[] {
  const { participants, now, staff, policy } = options;
  const outsider = participants !== undefined && !participants.has(actor.agency);
  const available: AvailableCommand[] = [];
  for (const definition of commandDefinitions) {
    if (!passes(() => requireOwnAct(actor.agency, definition.name))) continue;
    if (!actor.roles.some((role) => definition.roles.includes(role))) continue;
    // Which meeting a decision comes from is in the input: the service checks its host.
    if (outsider && !mayActWithoutPart(definition, true)) continue;
    const choices = (gates[definition.name] as Gate)(state, actor.agency, now, staff);
    if (choices === null) continue;
    const ruleSet = now === undefined || policy === undefined ? [] : ruleSetFields(definition.name, actor.agency, now, policy);
    const prefill = state.status === 'none' ? {} : prefillOf(definition.name, state);
    available.push({
      name: definition.name,
      choices,
      ...(ruleSet.length > 0 ? { ruleSet } : {}),
      ...(Object.keys(prefill).length > 0 ? { prefill } : {}),
    });
  }
  return available;
}

// ---------------------------------------------------------------------------------------------
// Per command: whether the state lets it through for the agency, and the choices of its fields.

/** The names of an input's fields, and dotted paths to nested ones (through arrays, unnumbered). */
type FieldPath<T> = T extends readonly (infer E)[]
  ? FieldPath<E>
  : T extends object
    ? { [K in keyof T & string]: K | `${K}.${FieldPath<NonNullable<T[K]>>}` }[keyof T & string]
    : never;

type ChoicesOf<N extends CommandName> = { readonly [P in FieldPath<CommandInput<N>>]?: readonly ChoiceFact[] };

/** Null when the state refuses the command to the agency whatever the input. */
type Gate<N extends CommandName = CommandName> = (
  state: CaseState,
  agency: AgencyId,
  now: Date | undefined,
  staff: readonly StaffRecord[] | undefined,
) => ChoicesOf<N> | null;

type Open = OpenedCase & { status: 'open' };

/** Acts on an open case: everything but opening, reopening and erasure. */
const open = (state: CaseState): Open | null => (passes(() => requireOpen(state)) ? (state as Open) : null);

/** What passes the guard. */
const where = <T>(things: Iterable<T>, guard: (thing: T) => unknown): T[] => [...things].filter((thing) => passes(() => guard(thing)));

/** The choices, or null when a required field has nothing to choose from. */
function required<C extends Record<string, readonly ChoiceFact[]>>(choices: C): C | null {
  return Object.values(choices).every((list) => list.length > 0) ? choices : null;
}

/** Without `now`, the earliest instant (nothing has ended yet) or the latest (everything has). */
const EARLIEST = new Date(-8.64e15);
const LATEST = new Date(8.64e15);

const gates: { readonly [N in CommandName]: Gate<N> } = {
  OpenCase: (state) => (passes(() => requireUnopened(state)) ? {} : null),

  // Leads and joint reviews.
  TransferLead: (state, agency) => open(state) && { to: agencyIds.filter((to) => to !== agency).map(agencyChoice) },
  AcceptLead: (state, agency) => leads(state, (l) => pendingLead(state, l.leadId, agency)),
  DeclineLead: (state, agency) => leads(state, (l) => pendingLead(state, l.leadId, agency)),
  // Feedback may be given again (progress, then outcome): the leads not answered yet come first.
  GiveLeadFeedback: (state, agency) => leads(state, (l) => acceptedLead(state, l.leadId, agency)),
  HoldJointReview: (state) => open(state) && {},

  // 商 and 调.
  HoldNegotiation: (state) => open(state) && {},
  // A new id starts the agency's own mediation; a delegated one's id is taken up by the union room.
  StartMediation: (state) => open(state) && {},
  DelegateMediation: (state) => {
    const c = open(state);
    return c && required({ arbitrationId: where(Object.values(c.arbitrations), (a) => delegableArbitration(c, a.arbitrationId)).map(arbitrationChoice) });
  },
  SignMediationAgreement: (state, agency) => mediations(state, (m) => mediationToSign(state, m.mediationId, agency)),
  FulfilMediationAgreement: (state, agency) => mediations(state, (m) => mediationToFulfil(state, m.mediationId, agency)),
  FailMediation: (state, agency) => mediations(state, (m) => mediationToFail(state, m.mediationId, agency)),

  // 裁.
  ApplyForArbitration: (state) => open(state) && {},
  AcceptArbitration: (state) => arbitrations(state, (a) => arbitrationIn(state, a.arbitrationId, 'applied')),
  DeclineArbitration: (state) => arbitrations(state, (a) => arbitrationIn(state, a.arbitrationId, 'applied')),
  ExtendArbitration: (state, _agency, now) => arbitrations(state, (a) => extendableArbitration(state, a.arbitrationId, now ?? EARLIEST)),
  IssueArbitrationMediationDocument: (state) => {
    const c = open(state);
    if (!c) return null;
    const accepted = where(Object.values(c.arbitrations), (a) => arbitrationIn(c, a.arbitrationId, 'accepted'));
    // Optional: a signed agreement it confirms, of a mediation one of these arbitrations may confirm.
    const confirmable = Object.values(c.mediations).filter((m) => accepted.some((a) => passes(() => confirmableMediation(c, m.mediationId, a.arbitrationId))));
    const choices = required({ arbitrationId: accepted.map(arbitrationChoice) });
    return choices && { ...choices, mediationId: confirmable.map(mediationChoice) };
  },
  IssueArbitrationAward: (state) => arbitrations(state, (a) => arbitrationIn(state, a.arbitrationId, 'accepted')),

  // 诉 and 执.
  FileLitigation: (state, _agency, now) => {
    const c = open(state);
    // Optional: the arbitration the suit follows (裁审衔接).
    return c && { arbitrationId: where(Object.values(c.arbitrations), (a) => arbitrationBeforeSuit(c, a.arbitrationId, now ?? LATEST)).map(arbitrationChoice) };
  },
  IssueJudgment: (state) => {
    const c = open(state);
    return c && required({ litigationId: where(Object.values(c.litigations), (l) => litigationToJudge(c, l.litigationId)).map(litigationChoice) });
  },
  ApplyForEnforcement: (state) => {
    const c = open(state);
    if (!c) return null;
    const bases = where(candidateBases(c), (b) => requireBasis(c, b.basis));
    const kinds = basisKinds.filter((kind) => bases.some((b) => b.basis.kind === kind));
    return required({ 'basis.kind': kinds.map((kind): ChoiceFact => ({ kind: 'basis_kind', value: kind })), 'basis.ref': bases.map((b) => b.choice) });
  },
  CompleteEnforcement: (state) => {
    const c = open(state);
    return (
      c &&
      required({
        enforcementId: where(Object.values(c.enforcements), (e) => enforcementToComplete(c, e.enforcementId)).map(
          (e): ChoiceFact => ({ kind: 'enforcement', value: e.enforcementId }),
        ),
      })
    );
  },
  AssignLegalAid: (state) => workers(state),
  SupportProsecution: (state) => workers(state),

  // 督.
  IssueSupervisionLetter: (state, agency) =>
    open(state) &&
    required({
      kind: where(letterKinds.values, (kind) => requireOwnAct(agency, 'IssueSupervisionLetter', { kind })).map(
        (kind): ChoiceFact => ({ kind: 'letter_kind', value: kind }),
      ),
      'addressee.agencyId': agencyIds.filter((a) => a !== agency).map(agencyChoice),
    }),
  ReplyToSupervisionLetter: (state, agency) => {
    const c = open(state);
    return c && required({ letterId: where(Object.values(c.letters), (l) => letterToAnswer(c, l.letterId, agency)).map(letterChoice) });
  },
  ListEmployerForCredit: (state) => {
    const c = open(state);
    return (
      c &&
      required({
        // Only an employer identified by its USCC can be listed (issue 13.6: it may be unknown).
        uscc: c.employers
          .flatMap((e) => (e.uscc === undefined ? [] : [{ name: e.name, uscc: e.uscc }]))
          .filter((e) => creditLists.values.some((list) => passes(() => listableEmployer(c, e.uscc, list))))
          .map((e): ChoiceFact => ({ kind: 'employer', value: e.uscc, name: e.name })),
      })
    );
  },
  OrderRectification: (state) => {
    const c = open(state);
    // Optional: the letter the list follows, any of the case's.
    return c && { letterId: Object.values(c.letters).map(letterChoice) };
  },
  ReportRectificationItem: (state, agency) => {
    const c = open(state);
    return c && required({ itemId: where(Object.values(c.items), (i) => itemToReport(c, i.itemId, agency)).map(itemChoice) });
  },
  DoFollowUp: (state) => {
    const c = open(state);
    return c && required({ 'results.itemId': where(Object.values(c.items), (i) => openItem(c, i.itemId)).map(itemChoice) });
  },
  // Which meeting, and whether it took the decision, is the meeting stream's to say.
  RecordMeetingDecision: (state) => {
    const c = open(state);
    return c && required({ itemId: where(Object.values(c.items), (i) => openItem(c, i.itemId)).map(itemChoice) });
  },

  // The case itself.
  GiveWorkerFeedback: (state) => open(state) && {},
  CloseCase: (state, agency) => {
    const c = open(state);
    if (!c || !passes(() => requireCaseOwner(c, agency)) || !passes(() => requireClosable(c))) return null;
    return { resolution: resolutions.values.filter((r) => bearsOut(c, r)).map((r): ChoiceFact => ({ kind: 'resolution', value: r })) };
  },
  ReopenCase: (state) => (passes(() => requireClosed(state)) ? {} : null),
  EraseWorkerData: (state, agency) => {
    if (!passes(() => requireOpened(state))) return null;
    const c = state as OpenedCase;
    if (!passes(() => requireVaultHolder(c, agency))) return null;
    return required({ workerId: workerChoices(c, (w) => erasableWorker(c, w)) });
  },
  // 承办人: the agency's active liaisons but the one handling the case now (H1.same).
  AssignHandler: (state, agency, _now, staff) => {
    const c = open(state);
    if (!c || staff === undefined) return c && {};
    const current = c.handlers[agency]?.userId;
    const candidates = where(staff, (u) => requireAssignable(u, agency, u.userId)).filter((u) => u.userId !== current);
    return required({ userId: candidates.map((u): ChoiceFact => ({ kind: 'user', value: u.userId, displayName: u.displayName })) });
  },
};

function leads(state: CaseState, guard: (l: LeadState) => unknown): { leadId: ChoiceFact[] } | null {
  const c = open(state);
  const found = c === null ? [] : where(Object.values(c.leads), guard).sort((a, b) => Number(a.feedbackGiven) - Number(b.feedbackGiven));
  return c && required({ leadId: found.map(leadChoice) });
}

function mediations(state: CaseState, guard: (m: MediationState) => unknown): { mediationId: ChoiceFact[] } | null {
  const c = open(state);
  return c && required({ mediationId: where(Object.values(c.mediations), guard).map(mediationChoice) });
}

function arbitrations(state: CaseState, guard: (a: ArbitrationState) => unknown): { arbitrationId: ChoiceFact[] } | null {
  const c = open(state);
  return c && required({ arbitrationId: where(Object.values(c.arbitrations), guard).map(arbitrationChoice) });
}

/** Legal aid and a supported suit name the case's own workers, erased or not (their ids stay). */
function workers(state: CaseState): { workerIds: ChoiceFact[] } | null {
  const c = open(state);
  return c && required({ workerIds: workerChoices(c, (workerId) => requireWorkers(c, [workerId])) });
}

const basisKinds = ['judgment', 'arbitration_award', 'arbitration_mediation_document'] as const satisfies readonly EnforcementBasis['kind'][];

/** Every basis the case could hold: the requireBasis guard says which it does. */
function candidateBases(c: OpenedCase): { basis: EnforcementBasis; choice: ChoiceFact }[] {
  const judgments = Object.values(c.litigations).map((l) => ({ basis: { kind: 'judgment' as const, ref: l.litigationId }, of: litigationChoice(l) }));
  const fromArbitration = Object.values(c.arbitrations).flatMap((a) =>
    (['arbitration_award', 'arbitration_mediation_document'] as const).map((kind) => ({ basis: { kind, ref: a.arbitrationId }, of: arbitrationChoice(a) })),
  );
  return [...judgments, ...fromArbitration].map(({ basis, of }) => ({ basis, choice: { kind: 'basis', value: basis.ref, basis: basis.kind, of } }));
}

// ---------------------------------------------------------------------------------------------
// What a choice names, as facts (contracts' choiceLabel words them): never personal data, only
// ids, codes, names of parties, deadlines as Shanghai days, a worker's place in the case.

const day = (instant: string): CalendarDate => shanghaiDate(new Date(instant));

const agencyChoice = (agency: AgencyId): ChoiceFact => ({ kind: 'agency', value: agency });

const leadChoice = (lead: LeadState): ChoiceFact => ({
  kind: 'lead',
  value: lead.leadId,
  summary: lead.summary,
  from: lead.from,
  feedbackDueOn: day(lead.feedbackDueAt),
  feedbackGiven: lead.feedbackGiven,
});

const mediationChoice = (m: MediationState): ChoiceFact => ({ kind: 'mediation', value: m.mediationId, room: m.mediationRoom, status: m.status });

const arbitrationChoice = (a: ArbitrationState): ArbitrationFact => ({ kind: 'arbitration', value: a.arbitrationId, status: a.status });

const litigationChoice = (l: LitigationState): LitigationFact => ({ kind: 'litigation', value: l.litigationId, status: l.status });

const letterChoice = (letter: LetterState): ChoiceFact => ({
  kind: 'letter',
  value: letter.letterId,
  letterKind: letter.kind,
  addressee: letter.addressee.name,
  replyDueOn: day(letter.replyDueAt),
});

const itemChoice = (item: ItemState): ChoiceFact => ({
  kind: 'item',
  value: item.itemId,
  description: item.description,
  party: item.responsibleParty.name,
  dueOn: day(item.deadline),
});

/** Workers by their place in the case: their names are personal data, shown only by the vault holder's service. */
function workerChoices(c: OpenedCase, guard: (workerId: string) => unknown): ChoiceFact[] {
  return Object.values(c.workers).flatMap((w, i): ChoiceFact[] =>
    passes(() => guard(w.workerId)) ? [{ kind: 'worker', value: w.workerId, number: i + 1, erased: w.erased }] : [],
  );
}
