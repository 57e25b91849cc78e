import { readCatalogEvent, type EventDataOf } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';

/** A DocumentAttached as the case stream holds it, with who recorded it and when. */
export interface RecordedDocument {
  readonly eventId: string;
  readonly revision: string;
  readonly recordedAt: string;
  readonly user: { userId: string; name: string | null };
  readonly data: Omit<EventDataOf<'DocumentAttached'>, 'attachedBy'> & { attachedBy: EventDataOf<'DocumentAttached'>['attachedBy'] };
}

export function documentsOf(recorded: RecordedEvent): RecordedDocument | null {
  if (recorded.type !== 'DocumentAttached') return null;
  const event = readCatalogEvent(recorded);
  if (event.type !== 'DocumentAttached') return null;
  const actor = recorded.metadata['actor'] as { userId?: unknown } | undefined;
  const userName = recorded.metadata['userName'];
  return {
    eventId: recorded.id,
    revision: recorded.revision.toString(),
    recordedAt: recorded.metadata.recordedAt,
    user: { userId: typeof actor?.userId === 'string' ? actor.userId : '', name: typeof userName === 'string' ? userName : null },
    data: event.data,
  };
}
