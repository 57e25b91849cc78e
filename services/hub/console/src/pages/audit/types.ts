/**
 * What the hub's audit routes answer (services/hub/src/http/audit.ts, src/audit/*), as JSON: bigints
 * are decimal strings, personal fields are masked ('***').
 */
import type { CaseState } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { Label } from '../../app/i18n.tsx';
import type { TimelineEntry } from '@hub/hub-service/wire';

export interface HistoryStep {
  readonly revision: string;
  readonly position: string;
  readonly type: string;
  readonly label: Label;
  readonly recordedAt: string;
  readonly agency: AgencyId | null;
}

export interface HistoryAnswer {
  readonly caseId: string;
  readonly steps: readonly HistoryStep[];
}

/** The replayed event: a timeline entry without the stream and subject fields. */
export type AuditEvent = Omit<TimelineEntry, 'stream' | 'kind' | 'subjectId'>;

export interface ReplayAnswer {
  readonly caseId: string;
  readonly asOf: { readonly revision: string; readonly position: string; readonly recordedAt: string } | null;
  readonly state: CaseState;
  readonly event: AuditEvent | null;
  readonly previousRevision: string | null;
  readonly nextRevision: string | null;
  readonly events: number;
}

// ---- The case state as the domain folds it (the hub masks personal fields before sending). ----

export type { ArbitrationStatus, CaseState, ItemStatus, MediationStatus, OpenedCase } from '@hub/case-domain';
export type { Employer, Party } from '@hub/contracts';
export type LeadStatus = import('@hub/case-domain').OpenedCase['leads'][string]['status'];

// ---- Verification of the case as stored: POST /api/cases/:caseId/verify. ----

export interface LiveProblem {
  readonly check: 'chain' | 'signatures' | 'witnesses' | 'keys';
  readonly severity: 'failure' | 'notice';
  readonly kind: string;
  readonly revision?: string;
  readonly agency?: string;
  readonly source?: 'store' | 'agency-copy';
  readonly purpose?: 'events' | 'sessions';
  readonly keyId?: string;
  readonly expected?: string | null;
  readonly found?: string | null;
  readonly detail: string;
  readonly detailEn: string;
}

export interface Verification {
  readonly ok: boolean;
  readonly caseId: string;
  readonly stream: string;
  readonly verifiedAt: string;
  readonly checks: {
    readonly chain: { readonly ok: boolean; readonly events: number; readonly headHash: string | null; readonly brokenAt: string | null };
    readonly signatures: { readonly ok: boolean; readonly records: number; readonly signedEvents: number };
    readonly witnesses: {
      readonly ok: boolean;
      readonly records: { readonly store: number; readonly agencyCopies: number };
      readonly compared: readonly string[];
      readonly notCompared: readonly { readonly agency: string; readonly reason: string }[];
      readonly witnessedRevision: string | null;
    };
  };
  readonly problems: readonly LiveProblem[];
}

// ---- Verification of an exported copy: POST /api/audit/verify-export (the offline verifier's result). ----

export type FileCheckId = 'identity' | 'chain' | 'signatures' | 'witnesses';

export interface FileProblem {
  readonly check: FileCheckId;
  readonly kind: string;
  readonly severity: 'failure';
  readonly revision?: string;
  readonly agency?: string;
  readonly source?: string;
  readonly sequence?: unknown;
  readonly expected?: string | null;
  readonly found?: string | null;
  readonly zh: string;
  readonly en: string;
}

export interface FileVerification {
  readonly usable: true;
  readonly ok: boolean;
  readonly proven: boolean;
  readonly exitCode: 0 | 1 | 3;
  readonly verdict: 'passed' | 'failed' | 'verified-not-proven-complete';
  readonly caseId: string;
  readonly stream: string;
  readonly exportedAt: unknown;
  readonly verifiedAt: string;
  readonly counts: { readonly events: number; readonly signatures: number; readonly witnesses: number };
  readonly keys: { readonly source: 'pinned' | 'file'; readonly count: number };
  readonly checks: readonly {
    readonly id: FileCheckId;
    readonly zh: string;
    readonly en: string;
    readonly ok: boolean;
    readonly problems: readonly FileProblem[];
  }[];
  readonly failures: number;
  readonly completeness: {
    readonly proven: boolean;
    readonly lastRevision: string;
    readonly witnessedRevision: string | null;
    readonly lines: readonly Label[];
  };
  readonly notices: readonly {
    readonly kind: string;
    readonly agency: string;
    readonly keyId?: string;
    readonly revision?: string;
    readonly zh: string;
    readonly en: string;
  }[];
}

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
