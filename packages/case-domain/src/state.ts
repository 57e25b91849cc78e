import type {
  AgencyId,
  ArbitrationStatus,
  Category,
  Channel,
  Employer,
  EnforcementStatus,
  ItemStatus,
  LeadStatus,
  LetterKind,
  LitigationStatus,
  MediationStatus,
  MoneyItem,
  Party,
  PersonalField,
  Resolution,
} from '@hub/contracts';

// The status codes are the contracts' (labels.ts words each one); re-exported for the domain's users.
export type { ArbitrationStatus, EnforcementStatus, ItemStatus, LeadStatus, LitigationStatus, MediationStatus };

export interface WorkerState {
  readonly workerId: string;
  /** Which personal fields the case holds (encrypted) for this worker. */
  readonly fields: readonly PersonalField[];
  readonly erased: boolean;
}

export interface LeadState {
  readonly leadId: string;
  readonly from: AgencyId;
  readonly to: AgencyId;
  /** What the sender wrote about it: the lead chooser shows it (issue 14.1). */
  readonly summary: string;
  readonly feedbackDueAt: string;
  readonly status: LeadStatus;
  readonly feedbackGiven: boolean;
}

export interface MediationState {
  readonly mediationId: string;
  /** Null while a delegated mediation waits for the union room to start it. */
  readonly mediator: AgencyId | null;
  /** The arbitration that delegated it, if any. */
  readonly arbitrationId: string | null;
  readonly mediationRoom: string | null;
  readonly status: MediationStatus;
  readonly fulfilmentDueAt: string | null;
}

export interface ArbitrationState {
  readonly arbitrationId: string;
  readonly status: ArbitrationStatus;
  readonly claimCategories: readonly Category[];
  readonly acceptanceDueAt: string;
  readonly conclusionDueAt: string | null;
  readonly extended: boolean;
}

export interface LitigationState {
  readonly litigationId: string;
  readonly status: LitigationStatus;
}

export interface EnforcementState {
  readonly enforcementId: string;
  readonly status: EnforcementStatus;
}

export interface LetterState {
  readonly letterId: string;
  readonly kind: LetterKind;
  readonly issuedBy: AgencyId;
  readonly addressee: Party;
  readonly replyDueAt: string;
  readonly urgent: boolean;
  readonly replied: boolean;
}

export interface ItemState {
  readonly itemId: string;
  readonly rectificationId: string;
  readonly orderedBy: AgencyId;
  readonly description: string;
  readonly deadline: string;
  readonly responsibleParty: Party;
  readonly status: ItemStatus;
  readonly escalated: boolean;
}

export interface OpenedCase {
  readonly status: 'open' | 'closed';
  readonly caseId: string;
  readonly openedBy: AgencyId;
  readonly channel: Channel;
  /** The primary category (the first of `categories`). */
  readonly category: Category;
  /** Issue 13.6: every category of the case. */
  readonly categories: readonly Category[];
  readonly region: string;
  readonly employers: readonly Employer[];
  readonly workerCount: number;
  /** The total claimed: the sum of `claimedItems`. */
  readonly amountClaimedFen: number;
  readonly claimedItems: readonly MoneyItem[];
  readonly workers: Readonly<Record<string, WorkerState>>;
  /** Rule 6: owed after opening and again after each reopening. */
  readonly workerFeedback: { readonly dueAt: string; readonly owedBy: AgencyId; readonly given: boolean };
  readonly leads: Readonly<Record<string, LeadState>>;
  readonly reviewIds: readonly string[];
  readonly negotiations: Readonly<Record<string, { readonly outcome: 'settled' | 'partially_settled' | 'not_settled' }>>;
  readonly mediations: Readonly<Record<string, MediationState>>;
  readonly arbitrations: Readonly<Record<string, ArbitrationState>>;
  readonly litigations: Readonly<Record<string, LitigationState>>;
  readonly enforcements: Readonly<Record<string, EnforcementState>>;
  readonly legalAidIds: readonly string[];
  readonly supportIds: readonly string[];
  readonly letters: Readonly<Record<string, LetterState>>;
  readonly creditListings: readonly { readonly uscc: string; readonly list: string }[];
  readonly rectificationIds: readonly string[];
  readonly items: Readonly<Record<string, ItemState>>;
  readonly followUpIds: readonly string[];
  /** The last closing, kept after a reopening for the record. */
  readonly closure: { readonly resolution: Resolution; readonly amountRecoveredFen: number; readonly recoveredItems: readonly MoneyItem[] } | null;
  /** 承办人 per agency (HandlerAssigned): each agency taking part names its own, one at a time. */
  readonly handlers: Readonly<Partial<Record<AgencyId, { readonly userId: string; readonly displayName: string }>>>;
  /** 案号 (CaseNumberAssigned, in the opening's own append); absent on a case opened before numbering until it is numbered. */
  readonly caseNumber?: string;
}

export type CaseState = { readonly status: 'none' } | OpenedCase;
