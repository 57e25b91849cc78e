import { v5 as uuidv5 } from 'uuid';
import {
  WrongExpectedRevision,
  type AppendOptions,
  type AppendResult,
  type EventData,
  type EventStore,
  type RecordedEvent,
  type VerifyResult,
} from '@hub/event-store';
import { appendProven, checkInlineProofs, readHead } from './event-proof.js';
import type { SignatureAlgorithm } from './signature-algorithm.js';
import { HUB_UUID_NAMESPACE, signerAlgorithm, verifySignature, type PublishedKey, type Signer } from './signing.js';

export const EVENTS_SIGNED = 'EventsSigned';

export function signaturesStream(agency: string): string {
  return `signatures-${agency}`;
}

/**
 * An agency's signature over a run of its own events in one stream, as written before issue 12.2
 * (today the proof rides in the append itself: event-proof.ts). The store computes each hash
 * during append, so that signature could not ride in the event: it followed, in a second append,
 * in the agency's `signatures-<agency>` stream. Such records still verify old events, and the
 * repair (signature-repair.ts) still writes them for old events a crash left unsigned. It signs the concatenated hashes of exactly those events (not the
 * head hash, which would also vouch for other agencies' events before them); each hash already
 * commits to its stream and revision.
 */
export type EventsSignedData = {
  stream: string;
  /** Decimal strings: revisions are bigint, JSON numbers are not. */
  fromRevision: string;
  toRevision: string;
  hashes: string[];
  signature: string;
  keyId: string;
  /** The signing key's algorithm; records from before issue 15.6 say Ed25519. */
  algorithm: SignatureAlgorithm;
  /**
   * Present when the signature was added later by the agency's repair (signature-repair.ts), not
   * by the append itself. Outside the signed message, so every verifier accepts it unchanged; it
   * is in the signatures stream's own hash chain, so it cannot be dropped unnoticed.
   */
  repair?: SignatureRepair;
};

/** Why and when a signature was added after the fact: a crash between append and sign. */
export type SignatureRepair = {
  reason: 'unsigned-after-crash';
  /** The agency's clock when it signed (ISO 8601); the record's recordedAt is the store's. */
  at: string;
  trigger: 'start-up' | 'admin';
};

export function signedMessage(hashes: readonly string[]): string {
  return hashes.join('');
}

/**
 * Signs, in an EventsSigned record, the `count` events an append wrote (its result tells where
 * they end): the form of signature used before issue 12.2, kept for events appended without an
 * inline proof. The event id is derived from what is signed, so signing again writes nothing.
 */
export async function signAppended(
  store: EventStore,
  agency: string,
  signer: Signer,
  stream: string,
  appended: { result: AppendResult; count: number },
): Promise<EventsSignedData> {
  const from = appended.result.nextExpectedRevision - BigInt(appended.count) + 1n;
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(stream, { fromRevision: from, maxCount: appended.count })) events.push(event);
  if (events.length !== appended.count)
    throw new Error(`signAppended: expected ${appended.count} events in ${stream} from revision ${from}, found ${events.length}`);
  for (const event of events) {
    if (event.metadata['agency'] !== agency) throw new Error(`signAppended: ${stream}@${event.revision} was not recorded by ${agency}`);
  }
  const hashes = events.map((e) => e.metadata.hash);
  const data: EventsSignedData = {
    stream,
    fromRevision: from.toString(),
    toRevision: appended.result.nextExpectedRevision.toString(),
    hashes,
    signature: signer.sign(signedMessage(hashes)),
    keyId: signer.keyId,
    algorithm: signerAlgorithm(signer),
  };
  await store.append(signaturesStream(agency), [
    {
      id: uuidv5(`events-signed:${stream}:${data.fromRevision}:${hashes.at(-1)!}`, HUB_UUID_NAMESPACE),
      type: EVENTS_SIGNED,
      data: { ...data },
      metadata: { agency },
    },
  ]);
  return data;
}

/**
 * Appends the agency's events (stamping `metadata.agency`) with their proof inline (event-proof.ts):
 * one append, one commit. For callers that did not read the stream to decide (a session
 * revocation, test fixtures): the head is read here. With an expected revision, the head must be
 * that one (else the store's 409, as an append expecting it would get); without one, an append
 * that lost a race to another writer is proven again against the new head and retried.
 */
export async function appendSigned(
  store: EventStore,
  agency: string,
  signer: Signer,
  stream: string,
  events: readonly EventData[],
  options?: AppendOptions,
): Promise<AppendResult> {
  const expected = options?.expectedRevision ?? 'any';
  const pinned = typeof expected === 'bigint' || expected === 'no_stream';
  for (let attempt = 1; ; attempt++) {
    const head = await readHead(store, stream);
    const actual = head?.revision ?? 'no_stream';
    if ((pinned && actual !== expected) || (expected === 'stream_exists' && head === null)) throw new WrongExpectedRevision(stream, expected, actual);
    try {
      return await appendProven(store, agency, signer, stream, events, head);
    } catch (error) {
      if (pinned || !(error instanceof WrongExpectedRevision) || attempt >= MAX_UNPINNED_ATTEMPTS) throw error;
    }
  }
}

/** How often appendSigned without an expected revision proves again after losing a race. */
const MAX_UNPINNED_ATTEMPTS = 8;

export type SignatureProblem =
  | { kind: 'unsigned'; revision: bigint; agency: string | null }
  | { kind: 'bad-signature' | 'unknown-key' | 'hash-mismatch'; agency: string; signaturePosition: bigint; detail: string };

export interface StreamSignatureReport {
  ok: boolean;
  stream: string;
  events: number;
  chain: VerifyResult;
  problems: SignatureProblem[];
}

/** A revision as a signature record carries it (decimal text), or null when it is not one. */
export function parseRevision(s: unknown): bigint | null {
  return typeof s === 'string' && /^\d+$/.test(s) ? BigInt(s) : null;
}

/**
 * Checks that the stream's hash chain holds and that every event is covered by a valid signature
 * of the agency named in its `metadata.agency`, made with one of that agency's `events` keys:
 * its append's inline proof, or (events appended before issue 12.2) an EventsSigned record.
 */
export async function verifyStreamSignatures(store: EventStore, stream: string, publicKeys: readonly PublishedKey[]): Promise<StreamSignatureReport> {
  const chain = await store.verifyStream(stream);
  const events: RecordedEvent[] = [];
  for await (const event of store.readStream(stream)) events.push(event);
  const problems: SignatureProblem[] = [];
  const covered = new Set<bigint>();
  const byRevision = new Map(events.map((e) => [e.revision, e]));
  const agencies = new Set(events.map((e) => e.metadata['agency']).filter((a): a is string => typeof a === 'string'));
  const eventsKeyOf = (agency: string, keyId: string) => publicKeys.find((k) => k.keyId === keyId && k.agency === agency && k.purpose === 'events');
  const inline = checkInlineProofs(events, eventsKeyOf);
  for (const revision of inline.covered.keys()) covered.add(revision);
  for (const p of inline.problems) {
    const at = { agency: p.agency, signaturePosition: byRevision.get(p.revision)?.position ?? -1n };
    if (p.kind === 'unknown-key') problems.push({ kind: 'unknown-key', ...at, detail: `key ${p.keyId} is not a known events key of ${p.agency}` });
    else if (p.kind === 'bad-signature') problems.push({ kind: 'bad-signature', ...at, detail: `the proof over ${stream}@${p.range} does not verify` });
    else
      problems.push({
        kind: 'bad-signature',
        agency: p.agency,
        signaturePosition: -1n,
        detail: `a proof covers ${stream}@${p.revision}, which is not in the stream`,
      });
  }

  for (const agency of agencies) {
    for await (const sig of store.readStream(signaturesStream(agency))) {
      if (sig.type !== EVENTS_SIGNED) continue;
      const d = sig.data as Partial<EventsSignedData> | null;
      if (!d || d.stream !== stream) continue;
      const at = { agency, signaturePosition: sig.position };
      const key = publicKeys.find((k) => k.keyId === d.keyId && k.agency === agency && k.purpose === 'events');
      const from = parseRevision(d.fromRevision);
      const to = parseRevision(d.toRevision);
      if (!key) {
        problems.push({ kind: 'unknown-key', ...at, detail: `key ${String(d.keyId)} is not a known events key of ${agency}` });
        continue;
      }
      const hashes = Array.isArray(d.hashes) && d.hashes.every((h) => typeof h === 'string') ? d.hashes : null;
      if (
        !hashes ||
        from === null ||
        to === null ||
        to - from + 1n !== BigInt(hashes.length) ||
        typeof d.signature !== 'string' ||
        !verifySignature(key.publicKey, signedMessage(hashes), d.signature, d.algorithm ?? 'Ed25519')
      ) {
        problems.push({ kind: 'bad-signature', ...at, detail: `signature over ${stream}@${String(d.fromRevision)}..${String(d.toRevision)} does not verify` });
        continue;
      }
      hashes.forEach((hash, i) => {
        const revision = from + BigInt(i);
        const event = byRevision.get(revision);
        if (!event) return;
        if (event.metadata.hash !== hash || event.metadata['agency'] !== agency) {
          problems.push({ kind: 'hash-mismatch', ...at, detail: `${stream}@${revision}: the signed hash is not the stored one` });
          return;
        }
        covered.add(revision);
      });
    }
  }
  for (const event of events) {
    if (covered.has(event.revision)) continue;
    const agency = event.metadata['agency'];
    problems.push({ kind: 'unsigned', revision: event.revision, agency: typeof agency === 'string' ? agency : null });
  }
  return { ok: chain.ok && problems.length === 0, stream, events: events.length, chain, problems };
}
