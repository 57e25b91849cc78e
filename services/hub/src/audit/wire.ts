/**
 * What the hub's audit routes answer (src/http/audit.ts), as plain JSON types: the checks, the
 * routes and the web console (through `@hub/hub-service/wire`) read them from here. Types only,
 * with nothing behind them but the contracts, the case domain, the timeline's wire types and the
 * offline verifier's declarations, so a browser build can take them. Bigints are decimal strings.
 */
import type { CaseState, DeadlineKind } from '@hub/case-domain';
import type { Label } from '@hub/contracts';
import type { ExportNotice, UsableExportVerification } from '../../verifier/verify-audit.mjs';
import type { TimelineEntry } from '../read-models/timeline/wire.js';

/** One step of a case's history: GET /api/cases/:caseId/history lists them in revision order. */
export interface HistoryStep {
  revision: string;
  position: string;
  type: string;
  label: Label;
  recordedAt: string;
  /** When the act happened (business time); recordedAt for events from before it existed. */
  occurredAt: string;
  /** recordedAt − occurredAt in ms (0 or more). */
  delayMs: number;
  agency: string | null;
}

/** GET /api/cases/:caseId/history. */
export interface HistoryAnswer {
  caseId: string;
  steps: HistoryStep[];
}

/** GET /api/cases/:caseId/state: the case replayed as of a revision, a position or a time. */
export interface ReplayAnswer {
  caseId: string;
  /** The event the state stands after; null when the moment is before the case's first event. */
  asOf: { revision: string; position: string; recordedAt: string; occurredAt: string } | null;
  /** For a replay as of a time: whether it went by when events were recorded or by when their acts happened; null otherwise. */
  by: 'recorded' | 'occurred' | null;
  /** How many events the state folds (by occurrence they need not be the stream's first ones). */
  included: number;
  /** The case state as the domain's own `evolve` folds it, personal fields masked ('***'). */
  state: CaseState;
  /** The case's deadlines as of the moment: met ones with when (business time) and whether late (逾期完成). */
  deadlines: ReplayDeadline[];
  event: TimelineEntry | null;
  /** For stepping: the revisions before and after this one (null at either end). */
  previousRevision: string | null;
  nextRevision: string | null;
  /** How many events the stream holds now. */
  events: number;
}

/** One deadline of a replayed case (the domain's caseDeadlines), met or not, and if met whether after it was due. */
export interface ReplayDeadline {
  kind: DeadlineKind;
  ref: string;
  dueAt: string;
  met: boolean;
  /** When the act that met it happened (business time); null while open. */
  metAt: string | null;
  /** Met, but after it was due. */
  late: boolean;
}

/** What an audit check found. A `failure` makes the case's verification fail; a `notice` is for the auditor to read. */
export interface AuditProblem {
  /** `keys`: about the keys the checks trusted, not about the case's events. */
  check: 'chain' | 'signatures' | 'witnesses' | 'keys';
  severity: 'failure' | 'notice';
  kind: string;
  /** The case stream revision concerned (decimal), when there is one. */
  revision?: string;
  agency?: string;
  /** Where a witness record was found, for witness problems. */
  source?: 'store' | 'agency-copy';
  /** The key concerned, for key notices. */
  purpose?: 'events' | 'sessions';
  keyId?: string;
  /** What should have been there and what was found (hashes, revisions, key ids), where a check compares two. */
  expected?: string | null;
  found?: string | null;
  detail: string;
  detailEn: string;
}

export interface ChainCheck {
  ok: boolean;
  events: number;
  /** The stored hash of the last event: what a witness of the head should hold. */
  headHash: string | null;
  /** The first revision at which the chain does not hold. */
  brokenAt: string | null;
}

export interface SignatureCheck {
  ok: boolean;
  /** EventsSigned records naming this stream (how events written before issue 12.2 are signed; newer ones carry their proof inline). */
  records: number;
  /** Events covered by a valid signature of the agency that recorded them. */
  signedEvents: number;
  /** Of those, the events whose only valid signature was added later by the agency's repair. */
  signedLater: number;
}

export interface WitnessCheck {
  ok: boolean;
  /** Records naming this stream: in the store, and in the agencies' own copies. */
  records: { store: number; agencyCopies: number };
  /** Agencies whose own copy was fetched and compared; empty means only the store's records were checked (see `none-compared`). */
  compared: string[];
  notCompared: { agency: string; reason: string }[];
  /** The highest revision a valid witness record vouches for. */
  witnessedRevision: string | null;
}

/** POST (or GET) /api/cases/:caseId/verify: the case as stored, checked. */
export interface Verification {
  /** True when no check found a failure; notices (an agency not compared…) do not count. */
  ok: boolean;
  caseId: string;
  stream: string;
  verifiedAt: string;
  checks: { chain: ChainCheck; signatures: SignatureCheck; witnesses: WitnessCheck };
  problems: AuditProblem[];
}

/** A key the file carries that the hub does not trust: why its signatures fail here and not with the file's own keys. */
export interface FileKeyNotice {
  kind: 'file-key-not-trusted';
  agency: string;
  keyId: string;
  zh: string;
  en: string;
}

/** POST /api/audit/verify-export: the offline verifier's result for a usable file, run with the hub's trusted keys. */
export type VerifiedExport = Omit<UsableExportVerification, 'notices'> & {
  verifiedAt: string;
  /** The keys were the hub's trusted events keys (pinned or published), never the file's own. */
  trustedKeys: 'hub';
  /** The verifier's own notices (a signature added later by a repair), then the file's untrusted keys. */
  notices: (ExportNotice | FileKeyNotice)[];
};
