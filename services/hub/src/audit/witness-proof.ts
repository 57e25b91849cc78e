/**
 * The witness record as the hub reads it. The format belongs to the agency services
 * (packages/agency-service/src/witness/format.ts, where the signing message is documented); the
 * hub only talks to them over HTTP, so it keeps its own reader of the same bytes, and the
 * audit tests check the two agree on records made by real agency services.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, type RecordedEvent } from '@hub/event-store';
import { verifySignature } from '@hub/service-kit';
import { z } from 'zod';

export const CHAIN_HEADS_WITNESSED = 'ChainHeadsWitnessed';
export const WITNESS_STREAM_PREFIX = 'witness-';
const MESSAGE_PREFIX = 'labor-hub/ChainHeadsWitnessed/1\n';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const decimal = z.string().regex(/^\d+$/);
const headSchema = z.object({ stream: z.string(), revision: decimal, hash: hex64 });
const common = {
  agency: z.string(),
  sequence: z.number().int().nonnegative(),
  takenAt: z.string(),
  position: decimal,
  previous: hex64.nullable(),
  keyId: z.string(),
  algorithm: z.literal('Ed25519'),
  signature: z.string(),
};
export const witnessRecordSchema = z.object({ ...common, heads: z.array(headSchema) });
export const witnessProofSchema = z.object({ ...common, leaves: z.array(hex64), head: headSchema });

export type WitnessedHead = z.output<typeof headSchema>;
export type WitnessRecord = z.output<typeof witnessRecordSchema>;
export type WitnessProof = z.output<typeof witnessProofSchema>;

/** Where the hub found a record: the store's `witness-<agency>` stream, or the agency's own copy. */
export type WitnessSource = { source: 'store'; storePosition: string } | { source: 'agency-copy'; inStore: boolean };
export type SourcedProof = WitnessProof & WitnessSource;

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

export const leafOf = (h: WitnessedHead): string => sha256(canonicalJson({ hash: h.hash, revision: h.revision, stream: h.stream }));

export function witnessMessage(p: Omit<WitnessProof, 'head' | 'signature'>): string {
  const { agency, algorithm, keyId, leaves, position, previous, sequence, takenAt } = p;
  return MESSAGE_PREFIX + canonicalJson({ agency, algorithm, keyId, leaves: [...leaves], position, previous, sequence, takenAt });
}

/** Identifies one record across its copies: the sha256 of its signing message. */
export const proofDigest = (p: WitnessProof): string => sha256(witnessMessage(p));

export function verifyProof(proof: WitnessProof, publicKey: string): boolean {
  try {
    return proof.leaves.includes(leafOf(proof.head)) && verifySignature(publicKey, witnessMessage(proof), proof.signature);
  } catch {
    return false;
  }
}

/**
 * The store's witness event as proof for `stream`, or undefined when it names another stream or
 * is not a well-formed record of the agency whose stream it sits in.
 */
export function proofFromEvent(event: RecordedEvent, stream: string): SourcedProof | undefined {
  if (event.type !== CHAIN_HEADS_WITNESSED) return undefined;
  const parsed = witnessRecordSchema.safeParse(event.data);
  if (!parsed.success) return undefined;
  const { heads, ...rest } = parsed.data;
  if (event.stream !== `${WITNESS_STREAM_PREFIX}${rest.agency}` || event.metadata['agency'] !== rest.agency) return undefined;
  const head = heads.find((h) => h.stream === stream);
  if (!head) return undefined;
  return { ...rest, leaves: heads.map(leafOf), head, source: 'store', storePosition: event.position.toString() };
}
