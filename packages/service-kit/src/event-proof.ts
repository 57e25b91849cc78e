/**
 * The proof of who recorded a command's events, carried inside the command's own append (issue
 * 12.2): one commit holds the events and the agency's signature over them, on every engine, so a
 * crash can leave neither an event without its proof nor a proof without its event.
 *
 * The store seals each event's hash with its clock (recordedAt), so the service cannot sign the
 * sealed hash before the append. It signs what it does know from the read it decided on: the
 * stream, the first revision (the expected revision + 1), the head's hash (which the first
 * event's prevHash will be) and a digest of each event's content as it hands it over — canonical
 * {data, id, metadata without the store's fields and without the proof, revision, stream, type}
 * (SM3 when the proof is SM2, suite gm; sha256 when it is Ed25519, suite intl).
 * The signature goes into the first event's `metadata.proof`, and the store seals its hash chain
 * over that too, so the proof is itself under the chain. An append whose expected revision is
 * stale fails (409) and writes nothing; had a stream's head another hash than the one signed,
 * the first event's stored prevHash would not be the signed one and the proof would not verify.
 */
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson, type AppendResult, type EventData, type EventMetadata, type EventStore, type JsonValue, type RecordedEvent } from '@hub/event-store';
import { digestOf, type SignatureAlgorithm } from './signature-algorithm.js';
import { signerAlgorithm, verifySignature, type PublishedKey, type Signer } from './signing.js';

/** Where the proof rides: the first event of a command's append. */
export const PROOF_FIELD = 'proof';
/** Domain separation: never read as an EventsSigned message (bare hex) or a witness record's. */
export const PROOF_PREFIX = 'labor-hub/EventsProof/1\n';

export interface EventProof {
  /** Scheme version: 1 is PROOF_PREFIX's message. */
  v: 1;
  /** The signing key's algorithm: Ed25519 (suite intl) or SM2 (suite gm); verification requires the key to be of it. */
  algorithm: SignatureAlgorithm;
  keyId: string;
  /** How many events of the append (from this one on) the signature covers. */
  count: number;
  /** base64 signature (Ed25519, or SM2 r ‖ s) over proofMessage(…). */
  signature: string;
}

/** A stream's last event as the command read it; null: the stream does not exist yet. */
export interface StreamHead {
  readonly revision: bigint;
  readonly hash: string;
}

/**
 * Metadata members that are not the caller's content: the store's three, the proof itself, and
 * the chain's hash algorithm (hashingWith adds it on the way to the store; the chain hash covers it).
 */
const NOT_CONTENT = new Set(['prevHash', 'recordedAt', 'hash', 'hashAlg', PROOF_FIELD]);

function content(metadata: EventMetadata | Record<string, JsonValue | undefined>): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(metadata)) if (!NOT_CONTENT.has(k) && v !== undefined) out[k] = v as JsonValue;
  return out;
}

type DigestedEvent = {
  id: string;
  type: string;
  data: JsonValue;
  metadata: EventMetadata | Record<string, JsonValue | undefined>;
  revision: bigint;
  stream: string;
};

/**
 * The content digest (hex) of a proof signed with `algorithm`, over canonical {data, id, metadata
 * as the caller set it, revision (decimal text), stream, type}: SM3 under an SM2 proof (suite gm),
 * sha256 under an Ed25519 one (suite intl, unchanged since issue 12.2).
 */
export function contentDigestFor(algorithm: SignatureAlgorithm | undefined): (e: DigestedEvent) => string {
  const hash = digestOf(algorithm);
  return (e) => {
    const text = canonicalJson({ data: e.data, id: e.id, metadata: content(e.metadata), revision: e.revision.toString(), stream: e.stream, type: e.type });
    return createHash(hash).update(text, 'utf8').digest('hex');
  };
}

/** An Ed25519 proof's content digest (sha256); contentDigestFor(algorithm) for either suite. */
export function contentDigest(e: DigestedEvent): string {
  return contentDigestFor('Ed25519')(e);
}

/** The signed message: binds the stream, where the run starts, the head it follows and every event of it. */
export function proofMessage(stream: string, fromRevision: bigint, prevHash: string | null, digests: readonly string[]): string {
  return PROOF_PREFIX + canonicalJson({ digests: [...digests], fromRevision: fromRevision.toString(), prevHash, stream });
}

/**
 * The events of one append as the agency hands them to the store: ids fixed (the digest covers
 * them), `metadata.agency` stamped, and the proof in the first one's metadata.
 */
export function proveEvents(agency: string, signer: Signer, stream: string, head: StreamHead | null, events: readonly EventData[]): EventData[] {
  if (events.length === 0) throw new Error('proveEvents: an append needs at least one event');
  const from = head === null ? 0n : head.revision + 1n;
  const stamped = events.map((e) => ({
    id: (e.id ?? randomUUID()).toLowerCase(),
    type: e.type,
    data: e.data,
    metadata: { ...content(e.metadata ?? {}), agency } as EventMetadata,
  }));
  const algorithm = signerAlgorithm(signer);
  const digest = contentDigestFor(algorithm);
  const digests = stamped.map((e, i) => digest({ ...e, revision: from + BigInt(i), stream }));
  const proof: EventProof = {
    v: 1,
    algorithm,
    keyId: signer.keyId,
    count: events.length,
    signature: signer.sign(proofMessage(stream, from, head?.hash ?? null, digests)),
  };
  stamped[0]!.metadata = { ...stamped[0]!.metadata, [PROOF_FIELD]: { ...proof } };
  return stamped;
}

/** The stream's last event (revision and sealed hash), or null when there is none. */
export async function readHead(store: EventStore, stream: string): Promise<StreamHead | null> {
  for await (const e of store.readStream(stream, { direction: 'backwards', maxCount: 1 })) return { revision: e.revision, hash: e.metadata.hash };
  return null;
}

/**
 * Appends the agency's events with their proof, expecting the head the caller decided on: one
 * append, so one commit (one transaction on sqlite and PostgreSQL, one atomic append to one
 * stream on EventStoreDB). A head that moved since fails as the store's WrongExpectedRevision.
 */
export async function appendProven(
  store: EventStore,
  agency: string,
  signer: Signer,
  stream: string,
  events: readonly EventData[],
  head: StreamHead | null,
): Promise<AppendResult> {
  return store.append(stream, proveEvents(agency, signer, stream, head, events), { expectedRevision: head === null ? 'no_stream' : head.revision });
}

/** The proof an event declares, when it has the shape of one (not yet checked). */
export function declaredProof(event: RecordedEvent): Partial<EventProof> | null {
  const p = event.metadata[PROOF_FIELD];
  return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Partial<EventProof>) : null;
}

export type InlineProofProblem =
  | { kind: 'unknown-key'; agency: string; revision: bigint; keyId: string }
  | { kind: 'bad-signature'; agency: string; revision: bigint; range: string }
  | { kind: 'signed-revision-missing'; agency: string; revision: bigint };

/**
 * Checks the inline proofs of one stream's events (all of them, in revision order): which
 * revisions a valid proof covers, with a key `keyOf` accepts for the agency in the proven events'
 * `metadata.agency`, and what fails. Events without a proof are left to EventsSigned records.
 */
export function checkInlineProofs(
  events: readonly RecordedEvent[],
  keyOf: (agency: string, keyId: string) => Pick<PublishedKey, 'publicKey'> | undefined,
): { covered: Map<bigint, string>; problems: InlineProofProblem[] } {
  const byRevision = new Map(events.map((e) => [e.revision, e]));
  const covered = new Map<bigint, string>();
  const problems: InlineProofProblem[] = [];
  for (const first of events) {
    const proof = declaredProof(first);
    if (!proof) continue;
    const agency = first.metadata['agency'];
    const revision = first.revision;
    const who = typeof agency === 'string' ? agency : '';
    const count = typeof proof.count === 'number' && Number.isSafeInteger(proof.count) && proof.count >= 1 ? proof.count : null;
    const range = count === null ? `${revision}..?` : `${revision}..${revision + BigInt(count) - 1n}`;
    if (typeof proof.keyId !== 'string' || typeof agency !== 'string' || !keyOf(agency, proof.keyId)) {
      problems.push({ kind: 'unknown-key', agency: who, revision, keyId: String(proof.keyId) });
      continue;
    }
    const run: RecordedEvent[] = [];
    let missing: bigint | null = null;
    for (let i = 0n; count !== null && i < BigInt(count); i++) {
      const e = byRevision.get(revision + i);
      if (!e) {
        missing = revision + i;
        break;
      }
      run.push(e);
    }
    if (missing !== null) {
      problems.push({ kind: 'signed-revision-missing', agency, revision: missing });
      continue;
    }
    const ok =
      count !== null &&
      proof.v === 1 &&
      typeof proof.signature === 'string' &&
      run.every((e) => e.metadata['agency'] === agency) &&
      verifySignature(
        keyOf(agency, proof.keyId)!.publicKey,
        proofMessage(first.stream, revision, first.metadata.prevHash ?? null, run.map(contentDigestFor(proof.algorithm))),
        proof.signature,
        proof.algorithm,
      );
    if (!ok) {
      problems.push({ kind: 'bad-signature', agency, revision, range });
      continue;
    }
    for (const e of run) covered.set(e.revision, agency);
  }
  return { covered, problems };
}
