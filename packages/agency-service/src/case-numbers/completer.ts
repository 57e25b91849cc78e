/**
 * The register's sweeper: an opening whose number was issued but whose case was never appended
 * (the process died between the two appends, the store went away) is completed from the register,
 * which holds the opening as it was decided. It is completed, never given up: a number once
 * issued is a case, so the numbers have no holes. Each completion is logged as a warning and
 * marked on the case's CaseNumberAssigned (`metadata.completedBy: "register-completer"`).
 */
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { readHead, type Logger, type Signer } from '@hub/service-kit';
import { caseStream } from '@hub/case-domain';
import type { NumberRegister } from '../register/index.js';
import { caseRegister, completeOpening, numberingYear, numberRecordOf } from './opening.js';

export interface OpeningCompleterOptions {
  readonly agency: AgencyId;
  readonly store: EventStore;
  readonly signer: Signer;
  readonly register: NumberRegister;
  readonly clock: () => Date;
  readonly logger: Logger;
  /** Numbers younger than this are left alone: their opening may still be on its way. Default 30 s. */
  readonly graceMs?: number;
}

export interface CompletedOpening {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly sequence: number;
  readonly year: number;
}

export const DEFAULT_COMPLETER_INTERVAL_MS = 60_000;

export class OpeningCompleter {
  /** Per year, the numbers checked so far (all up to it have their case). */
  private readonly checked = new Map<number, number>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CompletedOpening[]> | undefined;

  constructor(private readonly options: OpeningCompleterOptions) {}

  /** Checks the numbers of this year and last year issued since the last run; completes each whose case is missing. */
  run(): Promise<CompletedOpening[]> {
    this.running ??= this.sweep().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  start(intervalMs = DEFAULT_COMPLETER_INTERVAL_MS): void {
    const tick = () => {
      this.run().catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'case numbers: completing openings from the register failed; tried again later'),
      );
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }

  private async sweep(): Promise<CompletedOpening[]> {
    const { agency, store, register, clock, logger } = this.options;
    const now = clock();
    const thisYear = numberingYear(now);
    const cutoff = now.getTime() - (this.options.graceMs ?? 30_000);
    const completed: CompletedOpening[] = [];
    for (const year of [thisYear - 1, thisYear]) {
      let checked = this.checked.get(year) ?? 0;
      for await (const issued of register.entries(caseRegister(agency, year), checked + 1)) {
        if (Date.parse(issued.issuedAt) > cutoff) break;
        if ((await readHead(store, caseStream(issued.subject))) === null) {
          // Numbered before numbering existed (backfill.ts) has no opening to complete, and a case always exists there.
          if (!numberRecordOf(issued).events) throw new Error(`register: number ${issued.sequence}/${year} names case ${issued.subject}, which does not exist`);
          const done = await completeOpening(this.options, issued, 'register-completer');
          logger.warn(
            { caseId: issued.subject, caseNumber: done.caseNumber, sequence: issued.sequence, year },
            '案件登记由编号登记簿补全 · opening completed from the register (its first attempt did not finish)',
          );
          completed.push({ caseId: issued.subject, caseNumber: done.caseNumber, sequence: issued.sequence, year });
        }
        checked = issued.sequence;
        this.checked.set(year, checked);
      }
    }
    return completed;
  }
}
