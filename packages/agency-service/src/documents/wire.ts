import type { AgencyId, DocumentKind, DocumentMediaType } from '@hub/contracts';

/** One document of a case as the agency service lists it (GET /api/cases/{caseId}/documents). */
export interface DocumentView {
  documentId: string;
  /** The DocumentAttached event's id and revision in the case stream. */
  eventId: string;
  revision: string;
  /** The act the document belongs to (its event id and type), or null for the case as a whole. */
  act: { eventId: string; type: string } | null;
  kind: DocumentKind;
  /** The file name; null when it is a worker's personal data this reader may not see (or it was erased). */
  fileName: string | null;
  mediaType: DocumentMediaType;
  size: number;
  sha256: string;
  attachedBy: AgencyId;
  attachedByUser: { userId: string; name: string | null };
  recordedAt: string;
  /** Set when the file holds a worker's personal data: stored encrypted under that worker's vault key. */
  personal: { workerId: string; erased: boolean } | null;
  /** Whether this reader may download it now (personal files only at the vault holder, never after erasure). */
  downloadable: boolean;
}

export interface DocumentList {
  caseId: string;
  /** The largest file this deployment takes, in bytes (DOCUMENT_MAX_BYTES). */
  maxBytes: number;
  documents: DocumentView[];
}

/** The answer to an upload (201). */
export interface DocumentAttachedAnswer {
  caseId: string;
  documentId: string;
  sha256: string;
  size: number;
  mediaType: DocumentMediaType;
  revision: string;
  position: string;
  events: string[];
}
