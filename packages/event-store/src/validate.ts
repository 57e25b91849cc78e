import { v7 as newEventId } from 'uuid';
import { canonicalJson, canonicalMembers, NotJson } from './canonical.js';
import { EventTooLarge, InvalidEvent, InvalidReadOptions, InvalidStreamName } from './errors.js';
import type { EventData, EventMetadata, ReadAllOptions } from './port.js';

/** Default upper bound of one event (data + metadata, UTF-8 bytes). EventStoreDB must allow at least this much per append. */
export const DEFAULT_MAX_EVENT_BYTES = 4 * 1024 * 1024;

/** An event that passed validation: its canonical data text, ready to be sealed into a stream. */
export interface PreparedEvent {
  id: string;
  /** The caller gave the id (so this may be a retry); false when the store minted it. */
  supplied: boolean;
  type: string;
  dataJson: string;
  metadata: EventMetadata;
  /**
   * The caller's metadata as canonical members, cut where the store-owned `prevHash` and
   * `recordedAt` sort in: [before prevHash, between the two, after recordedAt]. Sealing joins
   * them around the two values without encoding the caller's metadata again.
   */
  metadataSegments: [string, string, string];
}

// Printable, no white space, at most 200 characters; `$` first is EventStoreDB's system namespace.
// No lone surrogates (\p{Cs}): a driver would store them as U+FFFD, and the stored name would no
// longer be the hashed one.
const STREAM_NAME = /^[^\s$\p{Cc}\p{Cs}][^\s\p{Cc}\p{Cs}]{0,199}$/u;
const EVENT_TYPE = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const STORE_OWNED = ['recordedAt', 'prevHash', 'hash'] as const;

export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string') throw new InvalidStreamName(stream, 'not a string');
  if (!STREAM_NAME.test(stream)) {
    throw new InvalidStreamName(stream, '1 to 200 printable characters, no white space, not starting with "$"');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Checks a whole append before anything is written; throws the first problem found. */
export function prepareEvents(events: unknown, maxEventBytes: number): PreparedEvent[] {
  if (!Array.isArray(events)) throw new InvalidEvent(null, 'events must be an array');
  if (events.length === 0) throw new InvalidEvent(null, 'an append needs at least one event');
  const ids = new Set<string>();
  return events.map((raw: unknown, index) => {
    if (!isPlainObject(raw)) throw new InvalidEvent(index, 'not an object');
    const { id = newEventId(), type, data, metadata = {} } = raw as Partial<EventData> & Record<string, unknown>;
    if (typeof id !== 'string' || !UUID.test(id)) throw new InvalidEvent(index, 'id must be a UUID');
    const lowerId = id.toLowerCase();
    if (ids.has(lowerId)) throw new InvalidEvent(index, `id ${id} appears twice in one append`);
    ids.add(lowerId);
    if (typeof type !== 'string' || !EVENT_TYPE.test(type)) {
      throw new InvalidEvent(index, 'type must start with a letter and hold only letters, digits and _ . : - (at most 128)');
    }
    if (!isPlainObject(metadata)) throw new InvalidEvent(index, 'metadata must be an object');
    for (const key of STORE_OWNED) {
      if (key in metadata) throw new InvalidEvent(index, `metadata.${key} is set by the store`);
    }
    // `$` names belong to EventStoreDB ($correlationId is how correlationId is stored there);
    // refusing them on every engine keeps one meaning and keeps the mapping one to one.
    const reserved = Object.keys(metadata).find((key) => key.startsWith('$'));
    if (reserved !== undefined) throw new InvalidEvent(index, `metadata.${reserved}: names starting with "$" are reserved`);
    for (const key of ['correlationId', 'causationId'] as const) {
      if (metadata[key] !== undefined && typeof metadata[key] !== 'string') throw new InvalidEvent(index, `metadata.${key} must be a string`);
    }
    // The chain's hash algorithm (hash-chain.ts): absent is sha256.
    if (metadata['hashAlg'] !== undefined && metadata['hashAlg'] !== 'sha256' && metadata['hashAlg'] !== 'sm3')
      throw new InvalidEvent(index, 'metadata.hashAlg must be sha256 or sm3');
    if (data === undefined) throw new InvalidEvent(index, 'data is missing');
    let dataJson: string;
    let keys: string[];
    let members: string[];
    try {
      dataJson = canonicalJson(data);
      ({ keys, members } = canonicalMembers(metadata));
    } catch (error) {
      if (error instanceof NotJson) throw new InvalidEvent(index, error.message);
      throw error;
    }
    const metadataJson = `{${members.join(',')}}`;
    const bytes = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
    if (bytes > maxEventBytes) throw new EventTooLarge(index, bytes, maxEventBytes);
    const prev = keys.filter((k) => k < 'prevHash').length;
    const recorded = keys.filter((k) => k < 'recordedAt').length;
    const segments: [string, string, string] = [members.slice(0, prev).join(','), members.slice(prev, recorded).join(','), members.slice(recorded).join(',')];
    return {
      id: lowerId,
      supplied: (raw as { id?: unknown }).id !== undefined,
      type,
      dataJson,
      metadata: JSON.parse(metadataJson) as EventMetadata,
      metadataSegments: segments,
    };
  });
}

/** `maxCount` is a whole number of 0 or more (or absent): checked on every engine before anything is read. */
export function assertMaxCount(maxCount: unknown): void {
  if (maxCount === undefined) return;
  if (!(typeof maxCount === 'number' && maxCount >= 0 && (Number.isInteger(maxCount) || maxCount === Number.POSITIVE_INFINITY))) {
    throw new InvalidReadOptions(`maxCount must be a whole number of 0 or more, not ${String(maxCount)}`);
  }
}

/** Where a readAll starts, as an exclusive bound, on engines whose positions are integers they own. */
export function readAllBound(options: ReadAllOptions, maxInt: bigint): bigint {
  assertMaxCount(options.maxCount);
  const direction = options.direction ?? 'forwards';
  if (options.after !== undefined) {
    if (options.fromPosition !== undefined) throw new InvalidReadOptions('give fromPosition or after, not both');
    if (typeof options.after !== 'bigint') throw new InvalidReadOptions('after must be a bigint position');
    return options.after;
  }
  const from = options.fromPosition ?? (direction === 'forwards' ? 'start' : 'end');
  // Forwards from 'end' and backwards from 'start' hold nothing: both bounds lie past every event.
  if (from === 'start') return 0n;
  if (from === 'end') return maxInt;
  return direction === 'forwards' ? from - 1n : from + 1n;
}
