import { createHash } from 'node:crypto';
import { CASE_STREAM_PREFIX } from '@hub/case-domain';
import type { EventStore } from '@hub/event-store';
import { HUB_UUID_NAMESPACE, type Logger, type Signer } from '@hub/service-kit';
import type { WitnessCopy, KeptRecord } from './copy.js';
import { CHAIN_HEADS_WITNESSED, signWitness, witnessStream, type WitnessedHead, type WitnessRecord } from '@hub/service-kit';

/** Default time between two witness runs. */
export const DEFAULT_WITNESS_INTERVAL_MS = 60_000;
/** Heads per record: keeps one record far below the store's event size limit (about 200 bytes a head). */
export const MAX_HEADS_PER_RECORD = 2_000;

export interface WitnessOptions {
  agency: string;
  store: EventStore;
  signer: Signer;
  copy: WitnessCopy;
  clock: () => Date;
  logger: Logger;
  /**
   * Asked before each timed run: false when another replica of this agency witnesses this
   * interval (a lease in the agency's database, service.ts), so the chain gets one record per
   * interval, not one per replica. Absent: every timed run goes ahead. `run()` on demand always runs.
   */
  turn?: () => Promise<boolean>;
}

/**
 * A uuid v5 (RFC 9562 §5.5) in the hub's namespace, so appending a record again after a crash
 * between "kept locally" and "acknowledged" is answered by the store as a retry.
 */
function uuidV5(name: string): string {
  const ns = Buffer.from(HUB_UUID_NAMESPACE.replaceAll('-', ''), 'hex');
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Records the heads of the case streams that changed since the last run (see format.ts). Runs
 * are serialized: a timer tick that finds a run in progress waits for it rather than overlapping.
 */
export class Witness {
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: WitnessOptions) {}

  /** Makes (and appends) the records for what changed; [] when nothing did. */
  run(): Promise<KeptRecord[]> {
    const next = this.running.then(
      () => this.runOnce(),
      () => this.runOnce(),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  /** Runs every `intervalMs` until `stop`; the first run comes after one interval, not at start. */
  start(intervalMs: number): void {
    void this.stop();
    const { turn } = this.options;
    this.timer = setInterval(() => {
      (turn ? turn() : Promise.resolve(true))
        .then((mine) => (mine ? this.run() : []))
        .catch((error: unknown) => this.options.logger.warn({ err: error }, 'witness run failed; retried at the next interval'));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in progress, so close() never leaves one writing. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async runOnce(): Promise<KeptRecord[]> {
    const { store, copy, agency, signer, clock } = this.options;
    await this.appendPending();
    const head = await store.headPosition();
    const scanned = await copy.scanned();
    if (head === null || (scanned !== null && head <= scanned)) return [];
    const heads = new Map<string, WitnessedHead>();
    const events = store.readAll({ ...(scanned === null ? {} : { after: scanned }), filter: { streamPrefix: CASE_STREAM_PREFIX } });
    for await (const event of events) {
      // Events appended while we read belong to the next run: `position` must tell what was seen.
      if (event.position > head) break;
      heads.set(event.stream, { stream: event.stream, revision: event.revision.toString(), hash: event.metadata.hash });
    }
    if (heads.size === 0) {
      await copy.setScanned(head);
      return [];
    }
    const sorted = [...heads.values()].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
    const chunks: WitnessedHead[][] = [];
    for (let i = 0; i < sorted.length; i += MAX_HEADS_PER_RECORD) chunks.push(sorted.slice(i, i + MAX_HEADS_PER_RECORD));
    const takenAt = clock().toISOString();
    const made = await copy.keep(
      head,
      chunks.length,
      (previous, i): WitnessRecord =>
        signWitness(signer, {
          agency,
          sequence: previous ? previous.record.sequence + 1 : 0,
          takenAt,
          position: head.toString(),
          previous: previous ? previous.digest : null,
          heads: chunks[i]!,
        }),
    );
    for (const record of made) await this.append(record);
    return made.map((r) => ({ ...r, inStore: true }));
  }

  private async appendPending(): Promise<void> {
    for (const record of await this.options.copy.pending()) await this.append(record);
  }

  private async append(kept: KeptRecord): Promise<void> {
    const { store, agency, copy, clock } = this.options;
    await store.append(witnessStream(agency), [
      {
        id: uuidV5(`witness:${agency}:${kept.record.sequence}:${kept.digest}`),
        type: CHAIN_HEADS_WITNESSED,
        data: { ...kept.record, heads: kept.record.heads.map((h) => ({ ...h })) },
        metadata: { agency },
      },
    ]);
    await copy.markAppended(kept.record.sequence, clock().toISOString());
  }
}
