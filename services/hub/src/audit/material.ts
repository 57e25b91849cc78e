import { caseStream } from '@hub/case-domain';
import { agencyIds, type AgencyId } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { declaredProof, EVENTS_SIGNED, type EndorsedKey, type RefusedKey } from '@hub/service-kit';
import { z } from 'zod';
import type { HubContext } from '../context.js';
import { readCase } from './case.js';
import { signsStream } from './signatures.js';
import { CHAIN_HEADS_WITNESSED, proofFromEvent, witnessProofSchema, type SourcedProof } from './witness-proof.js';

/** What one agency's own copy of its witness records said, or why it was not compared. */
export interface AgencyCopy {
  agency: AgencyId;
  status: 'compared' | 'not-configured' | 'unreachable' | 'invalid';
  detail?: string;
  proofs: SourcedProof[];
}

/** Everything an audit of one case reads: one snapshot, verified and exported as a whole. */
export interface AuditMaterial {
  caseId: string;
  stream: string;
  events: RecordedEvent[];
  /** EventsSigned records about the stream: the signatures of events written before issue 12.2 (newer events carry theirs inline). */
  signatures: RecordedEvent[];
  /** Witness records naming the stream: the store's, then each agency copy's. */
  witnesses: SourcedProof[];
  copies: AgencyCopy[];
  /** The hub's trusted events keys: the trust file's anchors and the keys they endorsed. */
  keys: EndorsedKey[];
  /** Keys published on the store that nothing trusted vouches for (any agency, any purpose): reported, never used. */
  refusedKeys: RefusedKey[];
}

const copyAnswer = z.object({
  agency: z.string(),
  stream: z.string(),
  records: z.array(witnessProofSchema.extend({ inStore: z.boolean() })),
});

export const AGENCY_COPY_TIMEOUT_MS = 5_000;

async function fetchCopy(agency: AgencyId, base: string | undefined, stream: string): Promise<AgencyCopy> {
  if (!base) return { agency, status: 'not-configured', proofs: [] };
  let res: Response;
  try {
    // No session: the route is public and answers hashes only (see the agency's witness routes).
    res = await fetch(`${base}/api/witness/heads?stream=${encodeURIComponent(stream)}`, { signal: AbortSignal.timeout(AGENCY_COPY_TIMEOUT_MS) });
  } catch (error) {
    return { agency, status: 'unreachable', detail: (error as Error).message, proofs: [] };
  }
  if (res.status !== 200) return { agency, status: 'unreachable', detail: `HTTP ${res.status}`, proofs: [] };
  const parsed = copyAnswer.safeParse(await res.json().catch(() => null));
  if (!parsed.success || parsed.data.agency !== agency || parsed.data.stream !== stream) {
    return { agency, status: 'invalid', detail: 'the answer is not a witness copy of this agency and stream', proofs: [] };
  }
  const proofs = parsed.data.records.map(({ inStore, ...proof }): SourcedProof => ({ ...proof, source: 'agency-copy', inStore }));
  return { agency, status: 'compared', proofs };
}

async function readProofMaterial(ctx: HubContext, stream: string, events: readonly RecordedEvent[]) {
  const signatures: RecordedEvent[] = [];
  const witnesses: SourcedProof[] = [];
  // Signatures and witness records are appended after what they cover: start at the stream's
  // first event. This still reads every later signature of the store (see the README's limits).
  const from = events[0]?.position ?? 'start';
  for await (const event of ctx.store.readAll({ fromPosition: from, filter: { eventTypes: [EVENTS_SIGNED, CHAIN_HEADS_WITNESSED] } })) {
    if (signsStream(event, stream)) signatures.push(event);
    const proof = proofFromEvent(event, stream);
    if (proof) witnesses.push(proof);
  }
  return { signatures, witnesses };
}

const rev = (s: unknown): bigint | null => (typeof s === 'string' && /^\d+$/.test(s) ? BigInt(s) : null);
const rangeOf = (s: RecordedEvent) => {
  const d = s.data as { fromRevision?: unknown; toRevision?: unknown } | null;
  return { from: rev(d?.fromRevision), to: rev(d?.toRevision) };
};

const reachesBeyond = (last: bigint, signatures: readonly RecordedEvent[], witnesses: readonly SourcedProof[]): boolean =>
  witnesses.some((w) => BigInt(w.head.revision) > last) || signatures.some((s) => (rangeOf(s).to ?? -1n) > last);

/** Whether the stream's newest event is covered by the inline proof of its append (signed with it, nothing to wait for). */
function provenInline(events: readonly RecordedEvent[]): boolean {
  const last = events.at(-1)!;
  for (let i = events.length - 1; i >= 0; i--) {
    const proof = declaredProof(events[i]!);
    if (proof) return typeof proof.count === 'number' && events[i]!.revision + BigInt(Math.max(0, Math.trunc(proof.count))) - 1n >= last.revision;
  }
  return false;
}

/**
 * Reads the audit snapshot. The agency copies come first: whatever they witnessed was in the
 * store before the stream is read, so a witnessed revision the stream lacks is missing, not late.
 * The stream, then its signatures and the store's witness records, follow; when those name a
 * revision past the stream as read, or the newest event has no signature yet (an agency of the
 * version before issue 12.2 appended its event, then its signature; today's carry it inline), the
 * case was written to meanwhile and the read is repeated, a few times at most. What still reaches past the stream after that is reported by the checks.
 */
export async function gatherMaterial(ctx: HubContext, caseId: string): Promise<AuditMaterial> {
  const stream = caseStream(caseId);
  const copies = await Promise.all(agencyIds.map((a) => fetchCopy(a, ctx.agencyUrls[a], stream)));
  let events: RecordedEvent[] = [];
  let proof: Awaited<ReturnType<typeof readProofMaterial>> = { signatures: [], witnesses: [] };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * attempt));
    events = await readCase(ctx.store, caseId);
    proof = await readProofMaterial(ctx, stream, events);
    const last = events.at(-1);
    const newestSigned =
      !last ||
      provenInline(events) ||
      proof.signatures.some((s) => {
        const { from, to } = rangeOf(s);
        return from !== null && to !== null && from <= last.revision && to >= last.revision;
      });
    if (newestSigned && !reachesBeyond(last?.revision ?? -1n, proof.signatures, proof.witnesses)) break;
  }
  return {
    caseId,
    stream,
    events,
    signatures: proof.signatures,
    witnesses: [...proof.witnesses, ...copies.flatMap((c) => c.proofs)],
    copies,
    keys: ctx.keys.trusted('events'),
    refusedKeys: ctx.keys.refused(),
  };
}
