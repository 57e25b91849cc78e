/** The JSON the case page reads from the agency service: the case view and command list (the hub's directory entry is CaseEntry in @hub/hub-service/wire). */
import type { OpenDeadline, OpenedCase } from '@hub/case-domain';
import type { AgencyId, Label } from '@hub/contracts';

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
