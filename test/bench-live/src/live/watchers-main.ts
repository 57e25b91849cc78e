/**
 * Child process: the live clients (watchers.ts), kept apart from the process that drives the
 * command load, so that neither's work delays the other's timing. Driven over IPC:
 * `connect` → `connected`, `load-start`, `load-stop`, `check` (the owed rows) → `checked`.
 */
import type { RowFacts } from './exactly-once.js';
import { childMain } from './children.js';
import { Watchers, type ClientSpec, type Tokens } from './watchers.js';

let watchers: Watchers | undefined;

const reply = (message: object) => process.send?.(message);

async function onMessage(m: Record<string, unknown>): Promise<void> {
  switch (m['type']) {
    case 'connect': {
      watchers = new Watchers(m['hubUrl'] as string, m['tokens'] as Tokens, m['specs'] as ClientSpec[], m['after'] as number);
      reply({ type: 'connected', ...(await watchers.connect()) });
      break;
    }
    case 'load-start':
      watchers?.loadStarted();
      break;
    case 'load-stop':
      watchers?.loadStopped();
      break;
    case 'check': {
      const result = await watchers!.settleAndCheck(m['rows'] as RowFacts[], m['timeoutMs'] as number, m['graceMs'] as number);
      reply({ type: 'checked', result });
      break;
    }
    default:
      break;
  }
}

childMain(async () => ({
  info: {},
  close: async () => {
    await watchers?.close();
  },
  onMessage: (m) => {
    onMessage(m).catch((error: unknown) => reply({ type: 'failed', error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) }));
  },
}));
