import { v5 as uuidv5 } from 'uuid';
import { DuplicateEventId, verifyEvents, type EventStore, type RecordedEvent } from '@hub/event-store';
import { declaredProof } from './event-proof.js';
import { HUB_UUID_NAMESPACE, signerAlgorithm, type Signer } from './signing.js';
import { EVENTS_SIGNED, parseRevision, signaturesStream, signedMessage, type EventsSignedData, type SignatureRepair } from './stream-signatures.js';

/** Hashes per repair record: far below the store's event size limit (about 70 bytes a hash). */
export const MAX_HASHES_PER_REPAIR = 1_000;

export interface RepairSignaturesOptions {
  store: EventStore;
  agency: string;
  signer: Signer;
  /** Which of this agency's events its services sign (appendSigned's streams); the rest are left alone. */
  signs: (event: RecordedEvent) => boolean;
  /** Where the scan starts: at a position (inclusive), strictly after one (`{ after }`), or 'start'. */
  fromPosition: bigint | 'start' | { after: bigint };
  /**
   * Events recorded at or after this instant are not touched: their signature may still be in
   * flight (appendSigned appends, then signs). They are listed as deferred and the next
   * checkpoint stays at the first of them.
   */
  settledBefore: Date;
  now: Date;
  trigger: SignatureRepair['trigger'];
}

export interface RepairedRun {
  stream: string;
  fromRevision: string;
  toRevision: string;
  events: number;
  signaturePosition: string;
}
export interface RefusedEvent {
  stream: string;
  revision: string;
  position: string;
  reason: 'chain-broken' | 'signed-other-hash';
  detail: string;
  detailEn: string;
}
export interface DeferredEvent {
  stream: string;
  revision: string;
  position: string;
  recordedAt: string;
}

export interface RepairReport {
  agency: string;
  trigger: SignatureRepair['trigger'];
  /** First position read (decimal), or null when the scan started at the beginning. */
  scannedFrom: string | null;
  /** The store's head when the scan began: nothing after it was read. */
  scannedTo: string | null;
  /** Events read. */
  events: number;
  /** Events of this agency that no signature covered, found settled. */
  unsigned: number;
  repaired: RepairedRun[];
  /** Unsigned events that were not signed, and why (each is also logged by the caller). */
  refused: RefusedEvent[];
  deferred: DeferredEvent[];
  /** Where the next scan may start: everything before it is signed, refused or not this agency's. */
  resumeFrom: string;
  /** true: the next scan starts strictly after `resumeFrom` (nothing there is left to do); false: at it. */
  resumeExclusive: boolean;
}

interface Candidate {
  revision: bigint;
  position: bigint;
  hash: string;
  recordedAt: string;
}

const key = (stream: string, revision: bigint) => `${stream}\u0000${revision}`;

/**
 * Since issue 12.2 a command's events carry their proof in their own append, so only events
 * appended before that change can be unsigned; this finds them for stores that hold such.
 * Finds this agency's events that neither an inline proof nor an EventsSigned record of its own covers, and signs the settled
 * ones whose stream's hash chain verifies up to and including them; the record says it is a
 * repair (`repair`), so an audit shows the signature came later. One pass over $all suffices:
 * a signature record is always appended after the events it signs, so candidates are collected
 * and struck off as their records go by, and memory holds only what is still unsigned.
 */
export async function repairSignatures(options: RepairSignaturesOptions): Promise<RepairReport> {
  const { store, agency, signs, settledBefore } = options;
  const ownSignatures = signaturesStream(agency);
  const head = await store.headPosition();
  const pending = new Map<string, Map<bigint, Candidate>>();
  // A (stream, revision) this agency signed with another hash than the one stored: the event was
  // replaced after it was signed. Signing the replacement would vouch for the rewrite.
  const signedOther = new Set<string>();
  // The last revision, per stream, that an inline proof (event-proof.ts) declares it covers: those
  // events were signed in their own append, so a crash cannot have left them unsigned. Whether the
  // proof verifies is the audit's question; signing over a bad one would vouch for a rewrite.
  const provenThrough = new Map<string, bigint>();
  let events = 0;
  let last: bigint | null = null;
  const from = options.fromPosition;
  const startPosition = from === 'start' ? null : typeof from === 'bigint' ? from : from.after;
  if (head !== null && (startPosition === null || startPosition <= head)) {
    const read = from === 'start' ? store.readAll() : typeof from === 'bigint' ? store.readAll({ fromPosition: from }) : store.readAll({ after: from.after });
    for await (const event of read) {
      // Appends that land while we read belong to the next run.
      if (event.position > head) break;
      events++;
      last = event.position;
      if (event.stream === ownSignatures && event.type === EVENTS_SIGNED) {
        strike(pending, signedOther, event.data as Partial<EventsSignedData> | null);
      } else if (!provenByAppend(provenThrough, event) && event.metadata['agency'] === agency && signs(event)) {
        let stream = pending.get(event.stream);
        if (!stream) {
          stream = new Map();
          pending.set(event.stream, stream);
        }
        stream.set(event.revision, { revision: event.revision, position: event.position, hash: event.metadata.hash, recordedAt: event.metadata.recordedAt });
      }
    }
  }

  const report: RepairReport = {
    agency,
    trigger: options.trigger,
    scannedFrom: startPosition === null ? null : startPosition.toString(),
    scannedTo: head === null ? null : head.toString(),
    events,
    unsigned: 0,
    repaired: [],
    refused: [],
    deferred: [],
    resumeFrom: '0',
    resumeExclusive: false,
  };
  // Strictly after the last event read (positions are opaque: "one past it" is not a position to
  // ask for), unless a deferred event must be read again: then at the first of them.
  let resumeFrom = last ?? startPosition ?? 0n;
  let resumeExclusive = last !== null ? true : typeof from === 'object';
  for (const [stream, byRevision] of pending) {
    const settled: Candidate[] = [];
    for (const c of [...byRevision.values()].sort((a, b) => (a.revision < b.revision ? -1 : 1))) {
      report.unsigned++;
      if (Date.parse(c.recordedAt) < settledBefore.getTime()) {
        settled.push(c);
        continue;
      }
      report.deferred.push({ stream, revision: c.revision.toString(), position: c.position.toString(), recordedAt: c.recordedAt });
      if (c.position < resumeFrom || (c.position === resumeFrom && resumeExclusive)) {
        resumeFrom = c.position;
        resumeExclusive = false;
      }
    }
    if (settled.length > 0) await repairStream(options, stream, settled, signedOther, report);
  }
  report.resumeFrom = resumeFrom.toString();
  report.resumeExclusive = resumeExclusive;
  return report;
}

/** Whether the event carries an inline proof, or follows one in the same append that covers it. */
function provenByAppend(provenThrough: Map<string, bigint>, event: RecordedEvent): boolean {
  const proof = declaredProof(event);
  if (proof && typeof proof.count === 'number' && Number.isSafeInteger(proof.count) && proof.count >= 1) {
    provenThrough.set(event.stream, event.revision + BigInt(proof.count) - 1n);
    return true;
  }
  const through = provenThrough.get(event.stream);
  return through !== undefined && event.revision <= through;
}

/** Strikes off the candidates an EventsSigned record of this agency covers with the same hash. */
function strike(pending: Map<string, Map<bigint, Candidate>>, signedOther: Set<string>, d: Partial<EventsSignedData> | null): void {
  const from = parseRevision(d?.fromRevision);
  if (!d || typeof d.stream !== 'string' || from === null || !Array.isArray(d.hashes)) return;
  const stream = pending.get(d.stream);
  if (!stream) return;
  d.hashes.forEach((hash, i) => {
    const revision = from + BigInt(i);
    const candidate = stream.get(revision);
    if (!candidate) return;
    if (candidate.hash === hash) stream.delete(revision);
    else signedOther.add(key(d.stream!, revision));
  });
}

/**
 * Re-reads the stream up to the last candidate and recomputes its chain (the store's own
 * verifyEvents), so only events whose chain holds up to and including them are signed, with the
 * hashes read now. Consecutive revisions go into one record, as one append would have.
 */
async function repairStream(
  options: RepairSignaturesOptions,
  stream: string,
  settled: Candidate[],
  signedOther: Set<string>,
  report: RepairReport,
): Promise<void> {
  const through = settled.at(-1)!.revision;
  const read: RecordedEvent[] = [];
  for await (const event of options.store.readStream(stream, { maxCount: Number(through) + 1 })) read.push(event);
  const chain = await verifyEvents(
    stream,
    (async function* () {
      yield* read;
    })(),
  );
  const brokenAt = chain.ok ? null : chain.brokenAt;
  const byRevision = new Map(read.map((e) => [e.revision, e]));
  const runs: RecordedEvent[][] = [];
  for (const c of settled) {
    const refuse = (reason: RefusedEvent['reason'], detail: string, detailEn: string) =>
      report.refused.push({ stream, revision: c.revision.toString(), position: c.position.toString(), reason, detail, detailEn });
    const event = byRevision.get(c.revision);
    if (brokenAt !== null && c.revision >= brokenAt) {
      const why = chain.ok ? '' : chain.reason;
      refuse(
        'chain-broken',
        `${stream} 的哈希链在第 ${brokenAt} 版断开（${why}），第 ${c.revision} 版不予补签`,
        `the hash chain of ${stream} breaks at revision ${brokenAt} (${why}); revision ${c.revision} is not signed`,
      );
      continue;
    }
    if (!event || event.metadata.hash !== c.hash || event.metadata['agency'] !== options.agency || signedOther.has(key(stream, c.revision))) {
      refuse(
        'signed-other-hash',
        `${stream} 第 ${c.revision} 版已被签署过另一个哈希，或已被改动：不予补签`,
        `${stream}@${c.revision} was signed with another hash, or changed since it was read: not signed`,
      );
      continue;
    }
    const run = runs.at(-1);
    if (run && run.at(-1)!.revision + 1n === event.revision && run.length < MAX_HASHES_PER_REPAIR) run.push(event);
    else runs.push([event]);
  }
  for (const run of runs) report.repaired.push(await signRun(options, stream, run));
}

async function signRun(options: RepairSignaturesOptions, stream: string, run: RecordedEvent[]): Promise<RepairedRun> {
  const { store, agency, signer } = options;
  const hashes = run.map((e) => e.metadata.hash);
  const data: EventsSignedData = {
    stream,
    fromRevision: run[0]!.revision.toString(),
    toRevision: run.at(-1)!.revision.toString(),
    hashes,
    signature: signer.sign(signedMessage(hashes)),
    keyId: signer.keyId,
    algorithm: signerAlgorithm(signer),
    repair: { reason: 'unsigned-after-crash', at: options.now.toISOString(), trigger: options.trigger },
  };
  // Its own id space: a late original signature of the same run never collides with the repair.
  const id = uuidv5(`events-signed-repair:${stream}:${data.fromRevision}:${hashes.at(-1)!}`, HUB_UUID_NAMESPACE);
  let position: bigint;
  try {
    position = (
      await store.append(signaturesStream(agency), [{ id, type: EVENTS_SIGNED, data: { ...data, repair: { ...data.repair! } }, metadata: { agency } }])
    ).position;
  } catch (error) {
    // A repair of the same run written by an earlier run whose answer was lost: already done.
    if (!(error instanceof DuplicateEventId)) throw error;
    position = -1n;
  }
  return { stream, fromRevision: data.fromRevision, toRevision: data.toRevision, events: run.length, signaturePosition: position.toString() };
}
