import { agencyNames, type AgencyId } from './agencies.js';
import type { Party } from './parties.js';
import { dayWords } from './values/dateWords.js';
import { commandCatalog, type CommandName, type CommandPath } from './commands/catalog.js';
import { enforcementBasisLabels, statusLabels, type ArbitrationStatus, type LitigationStatus, type MediationStatus } from './labels.js';
import type { Label } from './values/common.js';
import { letterKinds, resolutions, type LetterKind, type Resolution } from './vocabulary.js';

/** What an enforcement rests on (`basis.kind` of ApplyForEnforcement). */
export type EnforcementBasisKind = keyof typeof enforcementBasisLabels;

/** A Shanghai calendar day, 'YYYY-MM-DD' (the case domain's CalendarDate: it decides which day an instant falls on). */
type Day = string;

/**
 * One value an act form's field may take, with the facts of the case its words are made of: the
 * case domain decides which values are offered (availableCommands) and states these facts; the
 * words are made here, once, by `choiceLabel`. Never personal data: ids, codes, names of parties,
 * deadlines as days, a worker's place in the case.
 */
export type ChoiceFact =
  | { readonly kind: 'agency'; readonly value: AgencyId }
  | { readonly kind: 'letter_kind'; readonly value: LetterKind }
  | { readonly kind: 'resolution'; readonly value: Resolution }
  | { readonly kind: 'basis_kind'; readonly value: EnforcementBasisKind }
  | {
      readonly kind: 'lead';
      readonly value: string;
      readonly summary: string;
      readonly from: AgencyId;
      readonly feedbackDueOn: Day;
      readonly feedbackGiven: boolean;
    }
  | { readonly kind: 'mediation'; readonly value: string; readonly room: string | null; readonly status: MediationStatus }
  | ArbitrationFact
  | LitigationFact
  | { readonly kind: 'enforcement'; readonly value: string }
  /** An enforcement basis: the document of `of` (a judgment of a suit, an award or mediation document of an arbitration). */
  | { readonly kind: 'basis'; readonly value: string; readonly basis: EnforcementBasisKind; readonly of: ArbitrationFact | LitigationFact }
  | { readonly kind: 'letter'; readonly value: string; readonly letterKind: LetterKind; readonly addressee: string; readonly replyDueOn: Day }
  | { readonly kind: 'item'; readonly value: string; readonly description: string; readonly party: string; readonly dueOn: Day }
  | { readonly kind: 'employer'; readonly value: string; readonly name: string }
  /** A person of the agency (承办人), by the name their service holds: staff, not workers' personal data. */
  | { readonly kind: 'user'; readonly value: string; readonly displayName: string }
  /** A worker by their place in the case (1-based): their name is personal data. */
  | { readonly kind: 'worker'; readonly value: string; readonly number: number; readonly erased: boolean };

export type ArbitrationFact = { readonly kind: 'arbitration'; readonly value: string; readonly status: ArbitrationStatus };
export type LitigationFact = { readonly kind: 'litigation'; readonly value: string; readonly status: LitigationStatus };

/** One value a field may take, with what to show for it. */
export interface Choice {
  readonly value: string;
  readonly label: Label;
}

const short = (id: string): string => id.slice(0, 8);
const both = (zh: string, en: string): Label => ({ zh, en });

/** The words a choice shows, in both languages. */
export function choiceLabel(fact: ChoiceFact): Label {
  switch (fact.kind) {
    case 'agency':
      return agencyNames[fact.value];
    case 'letter_kind':
      return letterKinds.labels[fact.value];
    case 'resolution':
      return resolutions.labels[fact.value];
    case 'basis_kind':
      return enforcementBasisLabels[fact.value];
    case 'lead': {
      // What the sender wrote, who sent it and by when it wants feedback: never an id or an ISO date (issue 14.1).
      const from = agencyNames[fact.from];
      const due = dayWords(fact.feedbackDueOn);
      const answered = fact.feedbackGiven ? both('，已反馈', ', feedback given') : both('', '');
      return both(
        `${fact.summary}（${from.zh}移送，反馈期限 ${due.zh}${answered.zh}）`,
        `${fact.summary} (from the ${from.en}, feedback due ${due.en}${answered.en})`,
      );
    }
    case 'mediation': {
      const room = fact.room === null ? '' : ` · ${fact.room}`;
      const status = statusLabels.mediation[fact.status];
      return both(`调解 ${short(fact.value)}${room}（${status.zh}）`, `Mediation ${short(fact.value)}${room} (${status.en})`);
    }
    case 'arbitration': {
      const status = statusLabels.arbitration[fact.status];
      return both(`仲裁 ${short(fact.value)}（${status.zh}）`, `Arbitration ${short(fact.value)} (${status.en})`);
    }
    case 'litigation': {
      const status = statusLabels.litigation[fact.status];
      return both(`诉讼 ${short(fact.value)}（${status.zh}）`, `Litigation ${short(fact.value)} (${status.en})`);
    }
    case 'enforcement':
      return both(`执行 ${short(fact.value)}`, `Enforcement ${short(fact.value)}`);
    case 'basis': {
      const document = enforcementBasisLabels[fact.basis];
      const of = choiceLabel(fact.of);
      return both(`${document.zh} · ${of.zh}`, `${document.en} · ${of.en}`);
    }
    case 'letter': {
      const kind = letterKinds.labels[fact.letterKind];
      const due = dayWords(fact.replyDueOn);
      return both(`${kind.zh}致${fact.addressee}（回复期限 ${due.zh}）`, `${kind.en} to ${fact.addressee} (reply due ${due.en})`);
    }
    case 'item': {
      const due = dayWords(fact.dueOn);
      return both(`${fact.description} · ${fact.party}（期限 ${due.zh}）`, `${fact.description} · ${fact.party} (due ${due.en})`);
    }
    case 'employer':
      return both(`${fact.name}（${fact.value}）`, `${fact.name} (${fact.value})`);
    case 'user':
      return both(fact.displayName, fact.displayName);
    case 'worker': {
      const erased = fact.erased ? both('（个人信息已删除）', ' (personal data erased)') : both('', '');
      return both(`职工 ${fact.number}${erased.zh}`, `Worker ${fact.number}${erased.en}`);
    }
    default: {
      const unknown: never = fact;
      return unknown;
    }
  }
}

export const toChoice = (fact: ChoiceFact): Choice => ({ value: fact.value, label: choiceLabel(fact) });

/**
 * A command offered on a case, as the act forms read it (`GET /api/cases/:caseId/commands`): the
 * catalog's path and label, and per input field (a dotted path for a nested one) the worded choices.
 */
export interface OfferedCommand {
  readonly name: CommandName;
  readonly path: CommandPath;
  readonly label: Label;
  readonly choices: Readonly<Record<string, readonly Choice[]>>;
  /**
   * Fields the rules set when the input's top-level fields hold `when`: the form offers no input
   * for them and shows `label` (the value in words) instead; `ruleId` is the rule that sets it.
   */
  readonly ruleSet?: readonly OfferedRuleSetField[];
  /** Values the case already knows, keyed like `choices`, to start the form with. */
  readonly prefill?: Readonly<Record<string, Party>>;
}

export interface OfferedRuleSetField {
  readonly field: string;
  readonly when: Readonly<Record<string, string | boolean>>;
  readonly value: string;
  readonly label: Label;
  readonly ruleId: string;
}

/** What the case domain says of a command (its AvailableCommand), as offeredCommand reads it. */
export interface AvailableFacts {
  readonly name: CommandName;
  readonly choices: Readonly<Record<string, readonly ChoiceFact[]>>;
  readonly ruleSet?: readonly {
    readonly field: string;
    readonly when: Readonly<Record<string, string | boolean>>;
    readonly dueAt: string;
    readonly dueOn: Day;
    readonly ruleId: string;
  }[];
  readonly prefill?: Readonly<Record<string, Party>>;
}

/** Words what the case domain offers (its availableCommands) for the act forms. */
export function offeredCommand(available: AvailableFacts): OfferedCommand {
  const definition = commandCatalog[available.name];
  const choices = Object.fromEntries(Object.entries(available.choices).map(([field, facts]) => [field, facts.map(toChoice)]));
  const ruleSet = available.ruleSet?.map(({ field, when, dueAt, dueOn, ruleId }): OfferedRuleSetField => {
    const day = dayWords(dueOn);
    return { field, when, value: dueAt, ruleId, label: both(`${day.zh}（由规定确定，无需填写）`, `${day.en} (set by the rules)`) };
  });
  return {
    name: available.name,
    path: definition.path,
    label: definition.label,
    choices,
    ...(ruleSet && ruleSet.length > 0 ? { ruleSet } : {}),
    ...(available.prefill ? { prefill: available.prefill } : {}),
  };
}
