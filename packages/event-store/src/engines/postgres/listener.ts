import pg from 'pg';

const FIRST_RETRY_MS = 100;
const LAST_RETRY_MS = 5_000;

/**
 * One dedicated connection doing LISTEN, so commits by other processes wake this process's
 * subscriptions. NOTIFY is not queued for a listener that is away: after a lost connection it
 * reconnects with backoff and wakes everyone once, and subscriptions re-read from their cursor,
 * so whatever was committed meanwhile is found by reading rather than by notification.
 */
export class Listener {
  private client: pg.Client | null = null;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private reopening: Promise<void> | null = null;
  private delay = FIRST_RETRY_MS;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channel: string,
    private readonly wake: () => void,
  ) {}

  /** Fails when the first LISTEN fails, so a misconfigured store fails at connect, not later. */
  async start(): Promise<void> {
    this.client = await this.open();
  }

  private async open(): Promise<pg.Client> {
    const client = new pg.Client(this.config);
    const lost = () => this.lost(client);
    // An unhandled 'error' on a client would crash the process; losing the listener only means reconnecting.
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', () => this.wake());
    try {
      await client.connect();
      await client.query(`LISTEN "${this.channel}"`);
      return client;
    } catch (error) {
      void client.end().catch(() => {});
      throw error;
    }
  }

  private lost(client: pg.Client): void {
    if (client !== this.client) return;
    this.client = null;
    void client.end().catch(() => {});
    this.retry();
  }

  private retry(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.reopening = this.reopen().finally(() => (this.reopening = null));
    }, this.delay);
  }

  private async reopen(): Promise<void> {
    try {
      const client = await this.open();
      if (this.stopped) {
        await client.end();
        return;
      }
      this.client = client;
      this.delay = FIRST_RETRY_MS;
      this.wake();
    } catch {
      this.delay = Math.min(this.delay * 2, LAST_RETRY_MS);
      this.retry();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.reopening;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
