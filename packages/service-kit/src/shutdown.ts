import type { Logger } from './logger.js';
import { ConfigError } from './config.js';
import { CryptoSuiteError } from './crypto-suite.js';
import { KeyEncryptionKeyError } from './key-encryption.js';

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

/**
 * The start of every service's main: a configuration the service refuses (a bad setting, a bad
 * data file it names, a missing or wrong key-encryption key) is said on stderr as it is, with no stack trace, and the process exits 1.
 * Anything else is a fault of ours and goes on with its stack.
 */
export async function startOrExit<T>(name: string, start: () => Promise<T>): Promise<T> {
  try {
    return await start();
  } catch (error) {
    // A missing or wrong key-encryption key, or an unknown CRYPTO_SUITE, is a setting too.
    const problems =
      error instanceof ConfigError ? error.problems : error instanceof KeyEncryptionKeyError || error instanceof CryptoSuiteError ? [error.message] : null;
    if (!problems) throw error;
    process.stderr.write(`${name}: 配置有误，未启动 · invalid configuration, not started:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
    process.exit(1);
  }
}
