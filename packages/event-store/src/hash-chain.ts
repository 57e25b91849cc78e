import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import type { AppendOptions, AppendResult, EventData, RecordedEvent, VerifyResult } from './port.js';
import type { PreparedEvent } from './validate.js';

/** The sealed form of an event: its stored metadata text (canonical, `hash` last) and its hash. */
export interface SealedEvent {
  metadataJson: string;
  hash: string;
}

/**
 * The hash algorithms of the chain (issue 15.6): sha256 (suite intl, the default) or sm3 (suite gm,
 * GB/T 32905). An event names its own in metadata.hashAlg when not sha256; the name is part of the
 * hashed metadata, so it cannot be swapped, and a stream that mixes the two still verifies.
 */
export const HASH_ALGORITHMS = ['sha256', 'sm3'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

export class UnknownHashAlgorithm extends Error {
  override readonly name = 'UnknownHashAlgorithm';
}

/** The event's hash algorithm from its metadata: absent means sha256. */
export function hashAlgorithmOf(metadata: { readonly [key: string]: unknown }): HashAlgorithm {
  const alg = metadata['hashAlg'];
  if (alg === undefined) return 'sha256';
  if (alg === 'sha256' || alg === 'sm3') return alg;
  throw new UnknownHashAlgorithm(`metadata.hashAlg must be sha256 or sm3, not ${JSON.stringify(alg)}`);
}

function q(s: string): string {
  return JSON.stringify(s);
}

/**
 * The hashed content is the canonical encoding of {data, id, metadata, revision, stream, type}
 * (keys in canonical order), where metadata holds recordedAt and prevHash but not hash itself.
 */
function hashOf(alg: HashAlgorithm, id: string, stream: string, revision: bigint, type: string, dataJson: string, metadataJson: string): string {
  const content = `{"data":${dataJson},"id":${q(id)},"metadata":${metadataJson},"revision":${q(revision.toString())},"stream":${q(stream)},"type":${q(type)}}`;
  return createHash(alg).update(content).digest('hex');
}

/** The canonical metadata text with the store-owned fields in place (what is hashed, before `hash` is added). */
export function chainedMetadataJson(event: PreparedEvent, prevHash: string | null, recordedAt: string): string {
  const [before, between, after] = event.metadataSegments;
  let out = '{';
  if (before) out += `${before},`;
  out += `"prevHash":${prevHash === null ? 'null' : q(prevHash)},`;
  if (between) out += `${between},`;
  out += `"recordedAt":${q(recordedAt)}`;
  if (after) out += `,${after}`;
  return `${out}}`;
}

export function seal(event: PreparedEvent, stream: string, revision: bigint, prevHash: string | null, recordedAt: string): SealedEvent {
  const metadataJson = chainedMetadataJson(event, prevHash, recordedAt);
  const hash = hashOf(hashAlgorithmOf(event.metadata), event.id, stream, revision, event.type, event.dataJson, metadataJson);
  // metadataJson always holds recordedAt, so it is never "{}": append hash as the last key.
  return { metadataJson: `${metadataJson.slice(0, -1)},"hash":${q(hash)}}`, hash };
}

/** Recomputes one recorded event's hash from its parsed content, as a third party would. */
export function recomputeHash(event: RecordedEvent): string {
  const { hash: _ignored, ...rest } = event.metadata;
  return hashOf(hashAlgorithmOf(rest), event.id, event.stream, event.revision, event.type, canonicalJson(event.data), canonicalJson(rest));
}

/** Walks a stream's events in revision order and checks revisions, links and hashes. */
export async function verifyEvents(stream: string, events: AsyncIterable<RecordedEvent>): Promise<VerifyResult> {
  let expectedRevision = 0n;
  let prevHash: string | null = null;
  let count = 0;
  for await (const event of events) {
    const fail = (reason: string): VerifyResult => ({ ok: false, stream, events: count, brokenAt: expectedRevision, reason });
    if (event.revision !== expectedRevision) return fail(`revision ${expectedRevision} is missing (next stored is ${event.revision})`);
    if ((event.metadata.prevHash ?? null) !== prevHash) return fail("prevHash does not match the previous event's hash");
    let actual: string;
    try {
      actual = recomputeHash(event);
    } catch (error) {
      return fail(`content cannot be encoded: ${(error as Error).message}`);
    }
    if (actual !== event.metadata.hash) return fail('content does not match its hash (the event was altered)');
    prevHash = actual;
    expectedRevision++;
    count++;
  }
  return { ok: true, stream, events: count, headHash: prevHash };
}

/**
 * The store as a service of a gm deployment uses it: every event it appends names `alg` in
 * metadata.hashAlg (unless it names one itself), so the store chains it with that hash. sha256,
 * the default, leaves the store as it is. Reads, subscriptions and verification are the store's own.
 */
export function hashingWith<S extends { append(stream: string, events: readonly EventData[], options?: AppendOptions): Promise<AppendResult> }>(
  store: S,
  alg: HashAlgorithm,
): S {
  if (alg === 'sha256') return store;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property !== 'append') {
        const value = Reflect.get(target, property, receiver) as unknown;
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      return (stream: string, events: readonly EventData[], options?: AppendOptions) =>
        target.append(
          stream,
          events.map((e) => (e.metadata?.['hashAlg'] === undefined ? { ...e, metadata: { ...e.metadata, hashAlg: alg } } : e)),
          options,
        );
    },
  });
}
