/**
 * The witness record: an agency's signed statement of the case-stream heads it has seen.
 *
 * Truncating a stream's tail leaves a chain that still links, so the stream alone cannot show it.
 * Each agency therefore records, every so often, the revision and hash of every case stream that
 * changed, signs that with its events key and keeps the record twice: appended to
 * `witness-<agency>` on the store and in its own local database, out of the store operator's reach.
 *
 * Signing message (UTF-8), documented here; the agency services write it, the hub reads it, and
 * the offline verifier (services/hub/verifier) reproduces it without dependencies:
 *
 *   "labor-hub/ChainHeadsWitnessed/1\n" + canonicalJson({
 *     agency, algorithm, keyId, leaves, position, previous, sequence, takenAt })
 *
 * where `leaves[i] = H(canonicalJson({hash, revision, stream}))` of `heads[i]`, in the record's
 * order, H being hex SM3 when the record's algorithm is SM2 (suite gm) and hex sha256 when it is
 * Ed25519 (suite intl), and canonicalJson is the store's own encoding (RFC 8785 style). Signing the
 * leaves rather than the heads lets one head be shown with its proof (the record's other leaves)
 * without naming the other cases: the public route returns hashes only. The prefix keeps a witness
 * signature from ever being read as an EventsSigned one (those sign bare hex hashes).
 * `previous` is the digest (H of the signing message, H of that previous record's algorithm) of the agency's previous record,
 * null for sequence 0: the records form a chain of their own.
 */
import { createHash } from 'node:crypto';
import { canonicalJson } from '@hub/event-store';
import { digestOf, type SignatureAlgorithm } from './signature-algorithm.js';
import { signerAlgorithm, verifySignature, type Signer } from './signing.js';

export const CHAIN_HEADS_WITNESSED = 'ChainHeadsWitnessed';
export const WITNESS_MESSAGE_PREFIX = 'labor-hub/ChainHeadsWitnessed/1\n';
export const WITNESS_STREAM_PREFIX = 'witness-';
export const witnessStream = (agency: string): string => `${WITNESS_STREAM_PREFIX}${agency}`;

/** One stream head as seen. Revisions are decimal strings, as in EventsSigned. */
export interface WitnessedHead {
  stream: string;
  revision: string;
  hash: string;
}

/** The record as appended to the store (event data) and kept in the local copy. */
export interface WitnessRecord {
  agency: string;
  /** 0, 1, 2… per agency: a gap means a record went missing. */
  sequence: number;
  takenAt: string;
  /** The store's head position (decimal) when the heads were read. */
  position: string;
  previous: string | null;
  heads: WitnessedHead[];
  keyId: string;
  /** The signing key's algorithm (signed too): Ed25519 (suite intl) or SM2 (suite gm). */
  algorithm: SignatureAlgorithm;
  /** base64 signature (Ed25519, or SM2 r ‖ s) over the signing message. */
  signature: string;
}

/** One record as shown for one stream: that stream's head plus every leaf, enough to check the signature. */
export interface WitnessProof {
  agency: string;
  sequence: number;
  takenAt: string;
  position: string;
  previous: string | null;
  keyId: string;
  algorithm: SignatureAlgorithm;
  signature: string;
  leaves: string[];
  head: WitnessedHead;
}

/** SM3 in a record signed with SM2 (suite gm), sha256 in an Ed25519 one (suite intl). */
const hashOf = (algorithm: SignatureAlgorithm | undefined, text: string): string => createHash(digestOf(algorithm)).update(text, 'utf8').digest('hex');

/** A head's leaf in a record signed with `algorithm` (Ed25519 when absent). */
export const leafFor =
  (algorithm: SignatureAlgorithm | undefined) =>
  (head: WitnessedHead): string =>
    hashOf(algorithm, canonicalJson({ hash: head.hash, revision: head.revision, stream: head.stream }));

/** A head's leaf in an Ed25519 record (sha256); leafFor(algorithm) for either suite. */
export function leafOf(head: WitnessedHead): string {
  return leafFor('Ed25519')(head);
}

type Signed = Pick<WitnessRecord, 'agency' | 'algorithm' | 'keyId' | 'position' | 'previous' | 'sequence' | 'takenAt'> & { leaves: readonly string[] };

export function witnessMessage(body: Signed): string {
  const { agency, algorithm, keyId, leaves, position, previous, sequence, takenAt } = body;
  return WITNESS_MESSAGE_PREFIX + canonicalJson({ agency, algorithm, keyId, leaves: [...leaves], position, previous, sequence, takenAt });
}

/** What the next record names as `previous`. */
export function witnessDigest(body: Signed): string {
  return hashOf(body.algorithm, witnessMessage(body));
}

export function signWitness(signer: Signer, unsigned: Omit<WitnessRecord, 'keyId' | 'algorithm' | 'signature'>): WitnessRecord {
  const base = { ...unsigned, keyId: signer.keyId, algorithm: signerAlgorithm(signer) };
  const signature = signer.sign(witnessMessage({ ...base, leaves: base.heads.map(leafFor(base.algorithm)) }));
  return { ...base, signature };
}

/** The record as proof for one of its streams; undefined when it does not name that stream. */
export function proofFor(record: WitnessRecord, stream: string): WitnessProof | undefined {
  const head = record.heads.find((h) => h.stream === stream);
  if (!head) return undefined;
  const { heads, ...rest } = record;
  return { ...rest, leaves: heads.map(leafFor(record.algorithm)), head: { ...head } };
}

/** False for any malformed proof or key: a verifier reports, it does not crash. */
export function verifyWitnessProof(proof: WitnessProof, publicKey: string): boolean {
  try {
    if (!proof.leaves.includes(leafFor(proof.algorithm)(proof.head))) return false;
    return verifySignature(publicKey, witnessMessage(proof), proof.signature, proof.algorithm);
  } catch {
    return false;
  }
}
