import { isCaseEventType, readCatalogEvent, type CaseEvent } from '@hub/contracts';

/** The part of a stored event this needs; a RecordedEvent of @hub/event-store fits. */
export interface StoredEventLike {
  readonly type: string;
  readonly data: unknown;
  readonly metadata?: { readonly [key: string]: unknown } | undefined;
}

/**
 * A stored event as the current version of its case event (upcasters applied), or undefined for
 * anything else on the stream. Read models call this inside `apply`: an event this code cannot
 * read must not stop the whole projection, so it is skipped rather than thrown.
 */
export function caseEventOf(recorded: StoredEventLike): CaseEvent | undefined {
  if (!isCaseEventType(recorded.type)) return undefined;
  try {
    return readCatalogEvent(recorded) as CaseEvent;
  } catch {
    return undefined;
  }
}
