/**
 * The audit page's types: the hub's audit answers (services/hub/src/audit/wire.ts) as
 * `@hub/hub-service/wire` names them, the case state as the domain folds it, and the page's own
 * shapes for a problem and an event.
 */
import type { ReplayAnswer } from '@hub/hub-service/wire';
import type { Label } from '../../app/i18n.tsx';

export type { HistoryAnswer, HistoryStep, ReplayAnswer, Verification, VerifiedExport } from '@hub/hub-service/wire';

/** The replayed event, in the timeline's entry shape. */
export type AuditEvent = NonNullable<ReplayAnswer['event']>;

// ---- The case state as the domain folds it (the hub masks personal fields before sending). ----

export type { ArbitrationStatus, CaseState, ItemStatus, MediationStatus, OpenedCase } from '@hub/case-domain';
export type { Employer, Party } from '@hub/contracts';
export type LeadStatus = import('@hub/case-domain').OpenedCase['leads'][string]['status'];

// ---- One shape for a problem, whichever verification found it. ----

export interface ShownProblem {
  readonly check: string;
  readonly severity: 'failure' | 'notice';
  readonly kind: string;
  readonly revision?: string | undefined;
  readonly agency?: string | undefined;
  readonly source?: string | undefined;
  readonly expected?: string | null | undefined;
  readonly found?: string | null | undefined;
  readonly text: Label;
}

/** An event of the case as the page can name it: from the history, or from the chosen file. */
export interface EventRef {
  readonly revision: string;
  readonly label: Label;
  readonly agency: string | null;
  readonly recordedAt: string | null;
}
