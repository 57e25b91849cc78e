import { CASE_STREAM_PREFIX, MEETING_STREAM_PREFIX } from '@hub/case-domain';
import type { EventStore, RecordedEvent } from '@hub/event-store';
import {
  agencyStream,
  repairSignatures,
  SESSION_REVOKED,
  type Logger,
  type RepairReport,
  type Signer,
  type EngineMigrations,
  type SqlDb,
} from '@hub/service-kit';
import { WARNING_STREAM_PREFIX } from '../warnings/warning.js';

/**
 * How long after it was recorded an unsigned event is left alone. Since issue 12.2 the service's
 * events carry their proof in their own append, so none is ever unsigned; before it, appendSigned
 * signed right after its append returned (milliseconds), and a service of that version still
 * running against the store during an upgrade may have a signature in flight. The grace also
 * absorbs a stalled process and a store clock somewhat ahead of ours.
 */
export const DEFAULT_REPAIR_GRACE_MS = 30_000;

// Where the last scan may resume: every position below it is signed, refused or not ours.
const SQLITE_MIGRATIONS = [
  `CREATE TABLE signature_repair_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    next_position INTEGER NOT NULL
  )`,
  // 1: the scan resumes strictly after next_position (positions are opaque); 0: at it.
  'ALTER TABLE signature_repair_cursor ADD COLUMN exclusive INTEGER NOT NULL DEFAULT 0',
];

const POSTGRES_MIGRATIONS = [
  `CREATE TABLE signature_repair_cursor (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    next_position BIGINT NOT NULL,
    exclusive     INTEGER NOT NULL DEFAULT 0
  )`,
];

export const SIGNATURE_REPAIR_MIGRATIONS: EngineMigrations = { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS };

export interface SignatureRepairOptions {
  agency: string;
  store: EventStore;
  signer: Signer;
  db: SqlDb;
  clock: () => Date;
  logger: Logger;
  graceMs: number;
}

/** The streams appendSigned writes to for an agency service: cases, meetings, warnings and its sign-outs. */
export function signedByService(agency: string): (event: RecordedEvent) => boolean {
  const own = agencyStream(agency);
  return (e) =>
    e.stream.startsWith(CASE_STREAM_PREFIX) ||
    e.stream.startsWith(MEETING_STREAM_PREFIX) ||
    e.stream.startsWith(WARNING_STREAM_PREFIX) ||
    (e.stream === own && e.type === SESSION_REVOKED);
}

/**
 * Signs this agency's events that a crash between append and sign left unsigned (see
 * service-kit's signature-repair.ts): only events appended before issue 12.2 can be. Runs are serialized, so the start-up run and an admin's
 * never sign the same events twice; each run moves the checkpoint to where the next may start.
 */
export class SignatureRepairWorker {
  private running: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly signs;

  private constructor(private readonly options: SignatureRepairOptions) {
    this.signs = signedByService(options.agency);
  }

  static async open(options: SignatureRepairOptions): Promise<SignatureRepairWorker> {
    await options.db.migrate('signature-repair', SIGNATURE_REPAIR_MIGRATIONS);
    return new SignatureRepairWorker(options);
  }

  /** The position the next start-up scan begins at (or strictly after: `checkpointExclusive`); null before the first scan. */
  async checkpoint(): Promise<bigint | null> {
    return (await this.cursor())?.at ?? null;
  }

  /** Whether the next scan starts strictly after `checkpoint()` rather than at it. */
  async checkpointExclusive(): Promise<boolean> {
    return (await this.cursor())?.exclusive ?? false;
  }

  // Positions are read as numbers (both engines give integers that way); a store's positions stay far below 2^53.
  private async cursor(): Promise<{ at: bigint; exclusive: boolean } | undefined> {
    const row = await this.options.db.get<{ next_position: number | bigint; exclusive: number }>(
      'SELECT next_position, exclusive FROM signature_repair_cursor WHERE id = 1',
    );
    return row ? { at: BigInt(row.next_position), exclusive: row.exclusive === 1 } : undefined;
  }

  /** One scan from the checkpoint ('checkpoint') or from the beginning ('start', what an admin asks for). */
  run(trigger: 'start-up' | 'admin', from: 'checkpoint' | 'start'): Promise<RepairReport> {
    const next = this.running.then(
      () => this.runOnce(trigger, from),
      () => this.runOnce(trigger, from),
    );
    this.running = next.catch(() => undefined);
    return next;
  }

  /**
   * The start-up run, in the background. While it defers events recorded before this process
   * started (a crash just before a quick restart), it runs again once they are past the grace:
   * those can have no signature in flight here, and no later start-up may be coming.
   */
  start(): void {
    const startedAt = this.options.clock();
    const go = () => {
      this.timer = undefined;
      if (this.stopped) return;
      this.run('start-up', 'checkpoint').then(
        (report) => {
          const waiting = report.deferred.filter((d) => Date.parse(d.recordedAt) < startedAt.getTime());
          if (waiting.length > 0 && !this.stopped) {
            this.timer = setTimeout(go, this.options.graceMs);
            this.timer.unref();
          }
        },
        (error: unknown) => {
          this.options.logger.warn(
            { err: error },
            '签名补签失败，下次启动或管理员命令时重试 / signature repair failed; retried at the next start-up or admin command',
          );
        },
      );
    };
    // run() only chains a promise: the scan itself starts after start-up has returned.
    go();
  }

  /** Resolves when no run is in progress or queued (what the start-up run's observers wait for). */
  async idle(): Promise<void> {
    await this.running;
  }

  /** Stops the timer and waits for a run in progress, so close() never leaves one writing. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async resumePoint(): Promise<bigint | 'start' | { after: bigint }> {
    const cursor = await this.cursor();
    if (!cursor) return 'start';
    return cursor.exclusive ? { after: cursor.at } : cursor.at;
  }

  private async runOnce(trigger: 'start-up' | 'admin', from: 'checkpoint' | 'start'): Promise<RepairReport> {
    const { store, agency, signer, clock, logger, graceMs } = this.options;
    const now = clock();
    const report = await repairSignatures({
      store,
      agency,
      signer,
      signs: this.signs,
      trigger,
      now,
      fromPosition: from === 'start' ? 'start' : await this.resumePoint(),
      settledBefore: new Date(now.getTime() - graceMs),
    });
    await this.options.db.run(
      'INSERT INTO signature_repair_cursor (id, next_position, exclusive) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET next_position = excluded.next_position, exclusive = excluded.exclusive',
      [BigInt(report.resumeFrom), report.resumeExclusive ? 1 : 0],
    );
    for (const r of report.refused) {
      logger.error({ stream: r.stream, revision: r.revision, reason: r.reason }, `${r.detail} / ${r.detailEn}`);
    }
    if (report.repaired.length > 0) {
      const events = report.repaired.reduce((n, r) => n + r.events, 0);
      logger.warn(
        { trigger, events, runs: report.repaired.map((r) => `${r.stream}@${r.fromRevision}..${r.toRevision}`) },
        `补签了 ${events} 个崩溃后未签名的事件 / signed ${events} events left unsigned by a crash`,
      );
    }
    return report;
  }
}
