/**
 * Pure mappings between the port and @eventstore/db-client 6.x: no I/O here, so that every
 * translation the esdb engine relies on is unit tested without a server.
 */
import {
  ANY,
  ErrorType,
  eventTypeFilter,
  excludeSystemEvents,
  NO_STREAM,
  STREAM_EXISTS,
  StreamNotFoundError,
  streamNameFilter,
  WrongExpectedVersionError,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Filter,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { DuplicateEventId, EventTooLarge, StoreUnavailable, StreamDeleted, WrongExpectedRevision } from '../../errors.js';
import type { AppendResult, EventFilter, ExpectedRevision, JsonValue, RecordedEvent, StoredMetadata } from '../../port.js';

// ---------------------------------------------------------------------------------------------
// Connection string

const SCHEMES = new Map([
  ['esdb', 'esdb'],
  ['esdb+discover', 'esdb+discover'],
  ['kurrentdb', 'esdb'],
  ['kurrentdb+discover', 'esdb+discover'],
]);

/** @eventstore/db-client 6.x only parses `esdb://` and `esdb+discover://`; KurrentDB's schemes name the same thing. */
export function toClientConnectionString(url: string): string {
  const match = /^([A-Za-z0-9+.-]+):\/\//.exec(url);
  const scheme = match ? SCHEMES.get(match[1]!.toLowerCase()) : undefined;
  if (!match || scheme === undefined) {
    throw new Error(`"${redact(url)}" is not an EventStoreDB connection string: use esdb://, esdb+discover://, kurrentdb:// or kurrentdb+discover://`);
  }
  return `${scheme}://${url.slice(match[0].length)}`;
}

/** Hides a password in a URL before it goes into an error message. */
function redact(url: string): string {
  return url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@');
}

// ---------------------------------------------------------------------------------------------
// Expected revision and errors

export function toClientExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'any':
      return ANY;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (expected < 0n) throw new RangeError(`expected revision ${expected} is negative`);
      return expected;
  }
}

/** The revision the server reports in a WrongExpectedVersion: a bigint, or 'no_stream' (older servers say -1). */
export function toActualRevision(actual: unknown): bigint | 'no_stream' {
  return typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream';
}

/** By class and by `type`, so that a second copy of the client package (another version in the tree) is still recognised. */
export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError || (error as { type?: unknown } | null)?.type === ErrorType.WRONG_EXPECTED_VERSION;
}

export function isAccessDenied(error: unknown): boolean {
  return (error as { type?: unknown } | null)?.type === ErrorType.ACCESS_DENIED;
}

export function isStreamNotFound(error: unknown): boolean {
  return error instanceof StreamNotFoundError || (error as { type?: unknown } | null)?.type === ErrorType.STREAM_NOT_FOUND;
}

/** A client error as the port reports it: WrongExpectedVersion becomes WrongExpectedRevision; anything else is passed on. */
export function toPortError(error: unknown, stream: string, expected: ExpectedRevision, appendBytes = 0): unknown {
  if (isWrongExpectedVersion(error)) return new WrongExpectedRevision(stream, expected, toActualRevision(error.actualVersion));
  const type = (error as { type?: unknown } | null)?.type;
  // The server's MaxAppendSize is for the whole append: each event fitted the engine's own limit, together they did not.
  if (type === ErrorType.MAXIMUM_APPEND_SIZE_EXCEEDED)
    return new EventTooLarge(0, appendBytes, Number((error as { maxAppendSize?: unknown }).maxAppendSize ?? 0));
  if (type === ErrorType.STREAM_DELETED) return new StreamDeleted(stream);
  if (type === ErrorType.UNAVAILABLE || type === ErrorType.DEADLINE_EXCEEDED || type === ErrorType.NOT_LEADER) return new StoreUnavailable(error);
  return error;
}

/** A read's failure as the port reports it: a deleted stream, or a server that is not there. */
export function toPortReadError(error: unknown, stream?: string): unknown {
  const type = (error as { type?: unknown } | null)?.type;
  if (type === ErrorType.STREAM_DELETED) return new StreamDeleted(stream ?? String((error as { streamName?: unknown }).streamName ?? ''));
  if (type === ErrorType.UNAVAILABLE || type === ErrorType.DEADLINE_EXCEEDED || type === ErrorType.NOT_LEADER) return new StoreUnavailable(error);
  return error;
}

// ---------------------------------------------------------------------------------------------
// Metadata

const TO_ESDB = new Map([
  ['correlationId', '$correlationId'],
  ['causationId', '$causationId'],
]);
const FROM_ESDB = new Map([...TO_ESDB].map(([port, esdb]) => [esdb, port]));

// The port refuses caller metadata with `$` names (validate.ts), so this mapping is one to one.
function renameKeys(object: Record<string, unknown>, names: Map<string, string>): Record<string, unknown> {
  // Object.fromEntries defines own properties, so even a "__proto__" key stays plain data.
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [names.get(key) ?? key, value]));
}

/** Stored metadata (as the seal produced it, `hash` included) in EventStoreDB's names. */
export function toEsdbMetadata(metadata: Record<string, unknown>): Record<string, unknown> {
  return renameKeys(metadata, TO_ESDB);
}

/** Metadata as the client hands it back (parsed JSON, raw bytes, or nothing) in the port's names. */
export function fromEsdbMetadata(raw: unknown): StoredMetadata {
  let value = raw;
  if (value instanceof Uint8Array) {
    try {
      value = JSON.parse(Buffer.from(value).toString('utf8'));
    } catch {
      value = undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {} as StoredMetadata;
  return renameKeys(value as Record<string, unknown>, FROM_ESDB) as StoredMetadata;
}

// ---------------------------------------------------------------------------------------------
// Positions

/** What the server reports when it does not know an event's $all position (stream reads before 22.6). */
export const UNKNOWN_POSITION = 2n ** 64n - 1n;

/**
 * The port's global position is the commit position. On EventStoreDB 20+ an ordinary append writes
 * no separate commit record, so every event's commit and prepare positions coincide, and a position
 * handed back to the client is {commit: p, prepare: p}.
 */
export function toClientPosition(position: bigint): Position {
  return { commit: position, prepare: position };
}

/** The $all position of a read or delivered event, or undefined when the server did not say. */
export function positionOf(resolved: { event?: { position?: Position | undefined } | undefined; commitPosition?: bigint | undefined }): bigint | undefined {
  const position = resolved.event?.position?.commit ?? resolved.commitPosition;
  return position === undefined || position < 0n || position >= UNKNOWN_POSITION ? undefined : position;
}

// ---------------------------------------------------------------------------------------------
// Events and filters

/** EventStoreDB's own events: `$`-prefixed types (links `$>`, `$metadata`, ...) or `$`-prefixed streams. */
export function isSystemEvent(stream: string, type: string): boolean {
  return stream.startsWith('$') || type.startsWith('$');
}

/** The port's filter, applied exactly (the server's type filter only knows prefixes). */
export function matchesFilter(event: { stream: string; type: string }, filter: EventFilter | undefined): boolean {
  if (filter?.streamPrefix !== undefined && !event.stream.startsWith(filter.streamPrefix)) return false;
  if (filter?.eventTypes !== undefined && !filter.eventTypes.includes(event.type)) return false;
  return true;
}

/** Whether readAll and subscribeToAll hand this event out: never a system event, and only what the filter selects. */
export function selects(event: { stream: string; type: string }, filter: EventFilter | undefined): boolean {
  return !isSystemEvent(event.stream, event.type) && matchesFilter(event, filter);
}

/**
 * The server-side part of a filter for subscribeToAll (one expression only): the stream prefix when
 * there is one, else the event types as prefixes, else "no system event types". `selects` then
 * applies the whole filter exactly on the client.
 */
export function serverFilter(filter: EventFilter | undefined, checkpointReached?: Filter['checkpointReached']): Filter {
  const extra = checkpointReached ? { checkpointReached } : {};
  if (filter?.streamPrefix) return streamNameFilter({ prefixes: [filter.streamPrefix], ...extra });
  if (filter?.eventTypes && filter.eventTypes.length > 0) return eventTypeFilter({ prefixes: [...filter.eventTypes], ...extra });
  return excludeSystemEvents(extra);
}

function dataOf(event: { isJson: boolean; data: unknown }): JsonValue {
  if (event.isJson) return event.data as JsonValue;
  // Not written by this engine (it only writes JSON events); keep the bytes readable if they are JSON.
  const text = Buffer.from(event.data as Uint8Array).toString('utf8');
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}

/** A client event as the port's RecordedEvent; undefined for an unresolved slot (no event). */
export function toRecordedEvent(resolved: ResolvedEvent | AllStreamResolvedEvent): RecordedEvent | undefined {
  const event = resolved.event;
  if (!event) return undefined;
  const position = positionOf(resolved);
  if (position === undefined) {
    throw new Error(`EventStoreDB did not report the $all position of ${event.streamId}@${event.revision}: the esdb engine needs EventStoreDB 22.6 or later`);
  }
  return {
    // This engine writes ids in lower case; the server prints them back as it likes.
    id: event.id.toLowerCase(),
    stream: event.streamId,
    revision: event.revision,
    position,
    type: event.type,
    data: dataOf(event),
    metadata: fromEsdbMetadata(event.metadata),
  };
}

// ---------------------------------------------------------------------------------------------
// Idempotency

export interface TailEvent {
  id: string;
  revision: bigint;
  position: bigint;
}

/**
 * Decides, from the newest events of a stream, whether an append is a retry. If the batch's first
 * id is there at revision r and the whole batch sits at r..r+n-1, it is: the first result is
 * returned and nothing is written. Any other overlap with the tail is a DuplicateEventId.
 * Undefined: none of the ids is in the tail, write.
 */
export function findReplay(tail: readonly TailEvent[], ids: readonly string[]): AppendResult | undefined {
  const byId = new Map(tail.map((event) => [event.id, event]));
  const first = byId.get(ids[0]!);
  if (!first) {
    const clash = ids.find((id) => byId.has(id));
    if (clash !== undefined) throw new DuplicateEventId(clash);
    return undefined;
  }
  let last = first;
  for (let i = 1; i < ids.length; i++) {
    const found = byId.get(ids[i]!);
    if (!found || found.revision !== first.revision + BigInt(i)) throw new DuplicateEventId(ids[i]!);
    last = found;
  }
  return { nextExpectedRevision: last.revision, position: last.position };
}
