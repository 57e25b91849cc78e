import type { ExpectedRevision } from './port.js';

/** Base of every failure the store reports on purpose; `code` is stable for callers and logs. */
export abstract class EventStoreError extends Error {
  abstract readonly code: string;
  override get name(): string {
    return this.constructor.name;
  }
}

export class WrongExpectedRevision extends EventStoreError {
  readonly code = 'wrong_expected_revision';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision; 'no_stream' when it does not exist. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(`stream "${stream}": expected revision ${String(expected)}, actual ${String(actual)}`);
  }
}

export class InvalidStreamName extends EventStoreError {
  readonly code = 'invalid_stream_name';
  constructor(
    readonly stream: unknown,
    reason: string,
  ) {
    super(`invalid stream name ${JSON.stringify(stream)}: ${reason}`);
  }
}

/** The event list or one event in it is malformed: empty list, bad id or type, data that is not JSON. */
export class InvalidEvent extends EventStoreError {
  readonly code = 'invalid_event';
  constructor(
    readonly index: number | null,
    reason: string,
  ) {
    super(index === null ? reason : `event #${index}: ${reason}`);
  }
}

export class EventTooLarge extends EventStoreError {
  readonly code = 'event_too_large';
  constructor(
    readonly index: number,
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`event #${index} is ${bytes} bytes; the limit is ${limit}`);
  }
}

/** An event id already stored in this stream by a different append (ids are unique within a stream, as on EventStoreDB). */
export class DuplicateEventId extends EventStoreError {
  readonly code = 'duplicate_event_id';
  constructor(readonly eventId: string) {
    super(`event id ${eventId} is already stored in this stream by a different append`);
  }
}

export class StoreClosed extends EventStoreError {
  readonly code = 'store_closed';
  constructor() {
    super('the event store is closed');
  }
}

export class InvalidReadOptions extends EventStoreError {
  readonly code = 'invalid_read_options';
  constructor(reason: string) {
    super(`invalid read options: ${reason}`);
  }
}

/**
 * A read from a position the store never gave out. Positions are opaque: on EventStoreDB they are
 * byte offsets in the log, and a position in the middle of a record is refused.
 */
export class InvalidPosition extends EventStoreError {
  readonly code = 'invalid_position';
  constructor(readonly position: bigint) {
    super(`position ${position} is not one this store gave out: read on with 'after', never with arithmetic on a position`);
  }
}

/**
 * The store's server cannot be reached right now (restarting, network cut). For an append the
 * outcome is unknown: sending it again with the same event ids is safe.
 */
export class StoreUnavailable extends EventStoreError {
  readonly code = 'store_unavailable';
  constructor(override readonly cause: unknown) {
    super(`the event store cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * The stream was deleted (hard: tombstoned, or soft: truncated on EventStoreDB). Appending to a
 * soft-deleted stream there would restart nothing but renumber silently, breaking its hash chain,
 * so the engine refuses instead.
 */
export class StreamDeleted extends EventStoreError {
  readonly code = 'stream_deleted';
  constructor(readonly stream: string) {
    super(`stream "${stream}" was deleted; its history cannot be continued`);
  }
}
