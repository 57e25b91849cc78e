import type { RecordedEvent } from '@hub/event-store';

/** The read model's document: one per stream. */
export interface StreamSummary {
  stream: string;
  /** The part of the name before the first '-' (`case-42` → `case`), as EventStoreDB's $by_category; the whole name when there is none. */
  category: string;
  lastRevision: bigint;
  lastPosition: bigint;
  eventCount: number;
  firstRecordedAt: string;
  lastRecordedAt: string;
}

/** Every event type: each event counts for its stream. */
export const eventTypes: readonly string[] | undefined = undefined;

/** A stream that has no summary yet. */
export const initialState: StreamSummary | null = null;

export function categoryOf(stream: string): string {
  const dash = stream.indexOf('-');
  return dash === -1 ? stream : stream.slice(0, dash);
}

export function evolve(document: StreamSummary | null, event: RecordedEvent): StreamSummary {
  const recordedAt = event.metadata.recordedAt;
  return {
    stream: event.stream,
    category: categoryOf(event.stream),
    lastRevision: event.revision,
    lastPosition: event.position,
    eventCount: (document?.eventCount ?? 0) + 1,
    firstRecordedAt: document?.firstRecordedAt ?? recordedAt,
    lastRecordedAt: recordedAt,
  };
}
