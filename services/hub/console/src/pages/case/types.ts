/** The JSON the case page reads: the agency service's case view and command list, the hub's directory entry. */
import type { OpenDeadline, OpenedCase } from '@hub/case-domain';
import type { AgencyId, Category, Channel, Employer, Label } from '@hub/contracts';

export type { OpenDeadline };
import type { Choices } from './form/values.ts';

export interface WorkerView {
  readonly workerId: string;
  readonly masked: boolean;
  readonly erased: boolean;
  readonly name: string | null;
  readonly idNumber?: string;
  readonly phone?: string;
}

/** GET /agencies/<agency>/api/cases/:caseId — the case's state as the domain folds it, as JSON, and more. */
export type CaseView = Omit<OpenedCase, 'workers'> & {
  readonly workers: readonly WorkerView[];
  readonly revision: string;
  readonly participants: readonly AgencyId[];
  readonly deadlines: readonly OpenDeadline[];
};

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
