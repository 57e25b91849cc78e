/**
 * The EventStore port: the one interface every service leans on.
 *
 * Positions and revisions are bigint, as in EventStoreDB's client. A stream revision
 * counts from 0 within one stream; a global position orders every event of the store
 * and only ever grows (engines may leave holes, never reorder).
 */

/** What a caller expects of the stream before appending. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** Metadata a caller may set. `correlationId`/`causationId` map to `$correlationId`/`$causationId` on EventStoreDB. */
export interface EventMetadata {
  correlationId?: string;
  causationId?: string;
  [key: string]: JsonValue | undefined;
}

/** An event as a caller hands it to `append`. */
export interface EventData<Type extends string = string, Data extends JsonValue = JsonValue> {
  /** A UUID. Re-sending an event with the same id writes nothing new (idempotent retry). Generated when absent. */
  id?: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

/** What the store adds to every event's metadata; part of the hashed content. */
export interface ChainMetadata {
  /** ISO-8601 UTC time at which the store recorded the event. */
  recordedAt: string;
  /** Hash of the previous event of the same stream; null for revision 0. */
  prevHash: string | null;
  /** sha256 (hex) over the canonical encoding of id, stream, revision, type, data and metadata without `hash`. */
  hash: string;
}

export type StoredMetadata = EventMetadata & ChainMetadata;

export interface RecordedEvent<Type extends string = string, Data extends JsonValue = JsonValue> {
  id: string;
  stream: string;
  revision: bigint;
  position: bigint;
  type: Type;
  data: Data;
  metadata: StoredMetadata;
}

export interface AppendOptions {
  /** Default 'any'. */
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** Revision of the last event now in the stream: pass it as `expectedRevision` next time. */
  nextExpectedRevision: bigint;
  /** Global position of the last event written. */
  position: bigint;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  /** Inclusive. Default 'start' forwards, 'end' backwards. */
  fromRevision?: 'start' | 'end' | bigint;
  direction?: Direction;
  /** Default: no limit (the iterator pages internally). */
  maxCount?: number;
}

/** Selects events by stream-name prefix and/or event type; both given means both must match. */
export interface EventFilter {
  streamPrefix?: string;
  eventTypes?: readonly string[];
}

export interface ReadAllOptions {
  /**
   * Inclusive: a position the store gave out (or 'start'/'end'). Default 'start' forwards, 'end'
   * backwards. Positions are opaque: on EventStoreDB they are byte offsets in the log, and a
   * position that is not an event's is refused there. To read on past a position you have seen,
   * use `after`, never `fromPosition: p + 1n`.
   */
  fromPosition?: 'start' | 'end' | bigint;
  /** Exclusive: only events strictly past this position in the reading direction. Not together with `fromPosition`. */
  after?: bigint;
  direction?: Direction;
  maxCount?: number;
  filter?: EventFilter;
}

export type SubscriptionMessage =
  | { kind: 'event'; event: RecordedEvent }
  /** Every event that existed when the subscription reached the head has been delivered; what follows is live. */
  | { kind: 'caught-up'; position: bigint | null }
  /** The consumer is a full page or more behind again; delivery continues by paging. */
  | { kind: 'fell-behind'; position: bigint | null };

export interface SubscribeToAllOptions {
  /** Exclusive: the last position the consumer has seen. Default 'start' (everything). 'end': only new events. */
  fromPosition?: 'start' | 'end' | bigint;
  /**
   * On postgres a filtered subscription reads on from its last *matching* event: when nothing
   * matches for a long while, each wake rescans everything since (sqlite reads on from the head
   * it scanned). To follow a few known streams, `subscribeToStream` is cheaper on every engine.
   */
  filter?: EventFilter;
}

export interface SubscribeToStreamOptions {
  /** Exclusive: the last revision the consumer has seen. Default 'start'. */
  fromRevision?: 'start' | 'end' | bigint;
}

/** Catch-up then live; pull-based, so a slow consumer makes the store page, never buffer. */
export interface Subscription extends AsyncIterable<SubscriptionMessage> {
  close(): Promise<void>;
}

export type VerifyResult =
  | { ok: true; stream: string; events: number; headHash: string | null }
  | { ok: false; stream: string; events: number; brokenAt: bigint; reason: string };

export interface EventStore {
  readonly engine: 'sqlite' | 'postgres' | 'esdb';
  append(stream: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult>;
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): Subscription;
  subscribeToStream(stream: string, options?: SubscribeToStreamOptions): Subscription;
  /** Recomputes every hash of the stream and checks each link; names the first broken revision. */
  verifyStream(stream: string): Promise<VerifyResult>;
  /** Global position of the newest event, or null when the store is empty. */
  headPosition(): Promise<bigint | null>;
  close(): Promise<void>;
}
