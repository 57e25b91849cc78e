import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { announceEndedSessions, type Logger, type SessionRegistry, type Signer } from '@hub/service-kit';

export interface SessionSweeperOptions {
  sessions: SessionRegistry;
  store: EventStore;
  agency: AgencyId;
  signer: Signer;
  clock: () => Date;
  logger: Logger;
}

/**
 * Tells the store, every minute, of the sessions that ended here without it knowing — idle ones
 * above all — as `SessionRevoked` in the agency's stream: the path a logout takes, so the hub
 * refuses an idle session within about a minute of its end too. Runs are serialized. Replicas
 * sharing the agency's database each run one: the event's id comes from the session id, so two
 * telling the store of the same end write it once.
 */
export class SessionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> = Promise.resolve(0);

  constructor(private readonly options: SessionSweeperOptions) {}

  /** One sweep now; returns how many sessions the store was told of. */
  run(): Promise<number> {
    this.running = this.running.catch(() => 0).then(() => announceEndedSessions(this.options, this.options.logger));
    return this.running;
  }

  start(everyMs: number): void {
    this.timer = setInterval(() => {
      this.run().catch((error: unknown) => this.options.logger.warn({ err: error }, 'session sweep failed; tried again at the next'));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running.catch(() => 0);
  }
}
