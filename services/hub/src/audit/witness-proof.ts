/**
 * The witness record as the hub reads it. The format (signing message, leaves, digests) is
 * service-kit's witness-format.ts, which the agency services write with; the hub adds only the
 * parsing of what it reads from the store or from an agency's copy, and where a proof came from.
 */
import type { RecordedEvent } from '@hub/event-store';
import { CHAIN_HEADS_WITNESSED, leafFor, verifyWitnessProof, WITNESS_STREAM_PREFIX, witnessDigest } from '@hub/service-kit';
import { z } from 'zod';

export { CHAIN_HEADS_WITNESSED, WITNESS_STREAM_PREFIX };

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
  algorithm: z.enum(['Ed25519', 'SM2']),
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

/** Identifies one record across its copies: the sha256 of its signing message. */
export const proofDigest = (p: WitnessProof): string => witnessDigest(p);

export const verifyProof = (proof: WitnessProof, publicKey: string): boolean => verifyWitnessProof(proof, publicKey);

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
  return { ...rest, leaves: heads.map(leafFor(rest.algorithm)), head, source: 'store', storePosition: event.position.toString() };
}
