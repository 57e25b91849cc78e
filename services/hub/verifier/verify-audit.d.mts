// Types for verify-audit.mjs, for the hub that imports its checks (the tool itself stays plain JavaScript).

export declare const FORMAT: 'labor-hub-audit/1';

export interface ExportText {
  zh: string;
  en: string;
}

/** A key to trust: base64 of the raw 32-byte Ed25519 key; `keyId`, if given, must match it. */
export interface ExportKey {
  agency: string;
  purpose?: 'events' | 'sessions';
  publicKey: string;
  keyId?: string;
  /** A rotation: the trusted key of the same agency and purpose that signed this one (see the README). */
  endorsement?: { keyId: string; signature: string };
}

export type ExportCheckId = 'identity' | 'chain' | 'signatures' | 'witnesses';

export interface ExportProblem {
  check: ExportCheckId;
  /** Stable code: wrong-stream, revision-missing, link-broken, unencodable, hash-mismatch, unknown-key, bad-signature, signed-revision-missing, unsigned, truncated, rewritten, missing-from-store, stream-mismatch, case-number-mismatch. */
  kind: string;
  severity: 'failure';
  revision?: string;
  agency?: string;
  /** Witness problems: where the record came from and its number. */
  source?: string;
  sequence?: unknown;
  /** What should have been there, and what the file holds (hashes, revisions, stream names, key ids). */
  expected?: string | null;
  found?: string | null;
  zh: string;
  en: string;
}

export interface ExportNotice {
  check: 'signatures';
  kind: 'signed-later';
  severity: 'notice';
  revision: string;
  agency: string;
  zh: string;
  en: string;
}

export interface ExportCheck {
  id: ExportCheckId;
  zh: string;
  en: string;
  ok: boolean;
  problems: ExportProblem[];
}

export interface ExportCompleteness {
  proven: boolean;
  lastRevision: string;
  /** The highest revision a verified witness record vouches for; null when none does. */
  witnessedRevision: string | null;
  lines: ExportText[];
}

export interface UsableExportVerification {
  usable: true;
  /** No check failed. */
  ok: boolean;
  /** A verified witness covers the last revision. */
  proven: boolean;
  /** The command line's exit status: 0 passed, 1 failed, 3 verified but not proven complete. */
  exitCode: 0 | 1 | 3;
  verdict: 'passed' | 'failed' | 'verified-not-proven-complete';
  caseId: string;
  /** 案号 as the file's CaseNumberAssigned event records it; null for an unnumbered case. */
  caseNumber: string | null;
  /** The revision of that event. */
  caseNumberRevision: string | null;
  stream: string;
  exportedAt: unknown;
  counts: { events: number; signatures: number; witnesses: number };
  keys: { source: 'pinned' | 'file'; count: number };
  /** With pinned (trusted) keys: the file's keys that neither they nor an endorsement by one vouch for. */
  untrustedFileKeys: { agency: string; keyId: string }[];
  checks: ExportCheck[];
  /** How many problems the checks found. */
  failures: number;
  /** What holds but an auditor must see: `signed-later`, a signature an agency added after a crash (it fails nothing). */
  notices: ExportNotice[];
  completeness: ExportCompleteness;
}

export interface UnusableExport {
  usable: false;
  exitCode: 2;
  reason: ExportText;
  /** As the command line prints it: Chinese / English. */
  message: string;
}

export type ExportVerification = UsableExportVerification | UnusableExport;

export declare function verifyExport(document: unknown, options?: { pinned?: readonly ExportKey[] | null }): ExportVerification;

/** A document a DocumentAttached event of the file records. */
export interface RecordedDocument {
  documentId: string;
  revision: string;
  /** null when the name is a worker's personal data (encrypted in the event). */
  fileName: string | null;
  size: number | null;
  sha256: string;
  personal: boolean;
}

export interface HashedFile {
  /** Relative to the folder. */
  name: string;
  sha256: string;
  size: number;
}

export interface DocumentFileCheck extends RecordedDocument {
  status: 'match' | 'mismatch' | 'missing';
  /** The files with the recorded hash (match) or with the recorded name (mismatch). */
  files: string[];
  /** On a mismatch: the hashes of the files of that name. */
  found?: string[];
}

export declare function recordedDocuments(document: unknown): RecordedDocument[];
export declare function checkDocumentFiles(
  document: unknown,
  files: readonly HashedFile[],
): { ok: boolean; documents: DocumentFileCheck[]; unrecorded: string[] };
export declare function hashFolder(folder: string): HashedFile[];

/** GB/T 32918.2 SM2 verification (recommended curve, default user id 1234567812345678): signature r ‖ s, key 04 ‖ x ‖ y. */
export declare function sm2Verify(message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean;
