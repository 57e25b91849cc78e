/** The JSON the case page reads: the agency service's case view and command list, the hub's directory entry. */
import type { AgencyId, Category, Channel, Employer, Label, LetterKind, Party, Resolution } from '@hub/contracts';
import type { Choices } from './form/values.ts';

export interface WorkerView {
  readonly workerId: string;
  readonly masked: boolean;
  readonly erased: boolean;
  readonly name: string | null;
  readonly idNumber?: string;
  readonly phone?: string;
}

export interface OpenDeadline {
  readonly kind: string;
  readonly ref: string;
  readonly agency: AgencyId;
  readonly party?: string;
  readonly dueAt: string;
  readonly status: 'pending' | 'due_soon' | 'due_today' | 'overdue';
}

/** GET /agencies/<agency>/api/cases/:caseId — the case's state (packages/case-domain/src/state.ts) and more. */
export interface CaseView {
  readonly status: 'open' | 'closed';
  readonly caseId: string;
  readonly openedBy: AgencyId;
  readonly channel: Channel;
  readonly category: Category;
  readonly region: string;
  readonly employers: readonly Employer[];
  readonly workerCount: number;
  readonly amountClaimedFen: number;
  readonly workers: readonly WorkerView[];
  readonly workerFeedback: { readonly dueAt: string; readonly owedBy: AgencyId; readonly given: boolean };
  readonly leads: Readonly<Record<string, { leadId: string; from: AgencyId; to: AgencyId; feedbackDueAt: string; status: 'transferred' | 'accepted' | 'declined'; feedbackGiven: boolean }>>;
  readonly negotiations: Readonly<Record<string, unknown>>;
  readonly mediations: Readonly<Record<string, { status: string; mediator: AgencyId | null; mediationRoom: string | null }>>;
  readonly arbitrations: Readonly<Record<string, { status: string }>>;
  readonly litigations: Readonly<Record<string, { status: string }>>;
  readonly enforcements: Readonly<Record<string, { status: string }>>;
  readonly supportIds: readonly string[];
  readonly letters: Readonly<Record<string, { letterId: string; kind: LetterKind; issuedBy: AgencyId; addressee: Party; replyDueAt: string; replied: boolean }>>;
  readonly rectificationIds: readonly string[];
  readonly items: Readonly<Record<string, { itemId: string; description: string; deadline: string; status: string; responsibleParty: Party }>>;
  readonly closure: { readonly resolution: Resolution; readonly amountRecoveredFen: number } | null;
  readonly revision: string;
  readonly participants: readonly AgencyId[];
  readonly deadlines: readonly OpenDeadline[];
}

/** GET /api/cases/:caseId at the hub: what the directory knows (summary, opening time). */
export interface CaseEntry {
  readonly caseId: string;
  readonly openedAt: string;
  readonly openedBy: AgencyId;
  readonly channel: Channel;
  readonly category: Category;
  readonly summary: string;
  readonly employers: readonly Employer[];
  readonly region: string;
  readonly workerCount: number;
  readonly amountClaimedFen: number;
  readonly amountRecoveredFen: number | null;
  readonly status: 'open' | 'closed';
  readonly stage: 'negotiation' | 'mediation' | 'arbitration' | 'litigation' | 'enforcement' | null;
  readonly supervisionUnderWay: boolean;
  readonly agencies: readonly AgencyId[];
  readonly lastActivityAt: string;
  readonly openLeads: number;
  readonly openRectificationItems: number;
  readonly labels: { readonly channel: Label; readonly category: Label; readonly stage: Label | null };
}

/** GET /agencies/<agency>/api/cases/:caseId/commands — what this user may do on this case now. */
export interface AvailableCommand {
  readonly name: string;
  readonly path: string;
  readonly label: Label;
  readonly choices?: Choices;
}

export interface CommandList {
  readonly caseId: string;
  readonly revision: string;
  readonly commands: readonly AvailableCommand[];
}
