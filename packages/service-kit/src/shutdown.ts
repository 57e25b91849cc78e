import type { Logger } from './logger.js';

/**
 * The end of every service's main: on SIGINT or SIGTERM, close cleanly and exit 0 (1 if closing
 * fails). A second signal, or a close that hangs for 10 s, ends the process anyway.
 */
export function closeOnSignals(running: { readonly logger: Logger; close(): Promise<void> }): void {
  const shutdown = (signal: string) => {
    running.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        running.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
