/**
 * The benchmark's child processes (agency services, hub, live clients), its temp directories and
 * its PostgreSQL databases: every one is registered here, so that whatever way the run ends — done,
 * failed, Ctrl-C, SIGTERM, or the parent dying (children exit on IPC disconnect) — children are
 * stopped, temp dirs removed and databases dropped.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export interface ChildOptions {
  /** Short name for log prefixes and profile files. */
  name: string;
  /** The entry module, relative to this folder (e.g. 'hub-main.ts'). */
  entry: string;
  env: Record<string, string>;
  /** Lines the child prints go through here (the parent's stderr, with a prefix). */
  log: (line: string) => void;
  /** Write a V8 CPU profile of the child into this directory when it exits. */
  cpuProfDir?: string | undefined;
}

export interface Child {
  readonly name: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** The next IPC message whose `type` is `type`. */
  next<T = Record<string, unknown>>(type: string, timeoutMs?: number): Promise<T>;
  send(message: object): void;
  /** Asks the child to stop (IPC `stop`), then SIGTERM, then SIGKILL; resolves when it has exited. */
  stop(graceMs?: number): Promise<void>;
}

const children = new Set<Child>();
const tempDirs = new Set<string>();
/** Synchronous clean-ups (dropping a PostgreSQL database) for the 'exit' handler, after the children are gone. */
const exitCleanups = new Set<() => void>();
let hooked = false;

const TSX = import.meta.resolve('tsx');

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.once('exit', () => {
    for (const child of children) child.process.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
    for (const cleanup of exitCleanups) {
      try {
        cleanup();
      } catch {
        // Exiting anyway: the others still run.
      }
    }
  });
  const onSignal = (signal: NodeJS.Signals) => {
    process.stderr.write(`\n${signal}: stopping child processes and removing temp files…\n`);
    const force = setTimeout(() => process.exit(130), 5_000);
    force.unref();
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

export function registerTempDir(dir: string): void {
  hookExit();
  tempDirs.add(dir);
}

/** Runs `cleanup` (synchronous) when this process exits, unless the returned function was called first. */
export function registerExitCleanup(cleanup: () => void): () => void {
  hookExit();
  exitCleanups.add(cleanup);
  return () => exitCleanups.delete(cleanup);
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...children].map((c) => c.stop(3_000)));
}

export function startChild(options: ChildOptions): Child {
  hookExit();
  const execArgv = ['--conditions=source', '--import', TSX];
  // One folder per child: tsx's loader thread writes a profile of its own beside the main thread's
  // (CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile; the main thread's is thread 0).
  if (options.cpuProfDir) execArgv.push('--cpu-prof', `--cpu-prof-dir=${join(options.cpuProfDir, options.name)}`);
  const proc = fork(fileURLToPath(new URL(options.entry, import.meta.url)), [], {
    execArgv,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  if (proc.pid === undefined) throw new Error(`could not start ${options.name}`);
  for (const stream of [proc.stdout, proc.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => options.log(`[${options.name}] ${line.slice(0, 400)}`));
  }
  const waiting = new Set<(message: Record<string, unknown>) => boolean>();
  proc.on('message', (message) => {
    for (const wait of [...waiting]) if (wait(message as Record<string, unknown>)) waiting.delete(wait);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  let stopping: Promise<void> | undefined;
  const child: Child = {
    name: options.name,
    pid: proc.pid,
    process: proc,
    next<T>(type: string, timeoutMs = 120_000): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiting.delete(wait);
          reject(new Error(`${options.name}: no '${type}' message within ${timeoutMs} ms`));
        }, timeoutMs);
        const wait = (message: Record<string, unknown>) => {
          if (message['type'] === 'failed') {
            clearTimeout(timer);
            reject(new Error(`${options.name} failed: ${String(message['error'])}`));
            return true;
          }
          if (message['type'] !== type) return false;
          clearTimeout(timer);
          resolve(message as T);
          return true;
        };
        waiting.add(wait);
        void exited.then(() => {
          if (!waiting.delete(wait)) return;
          clearTimeout(timer);
          reject(new Error(`${options.name} exited (code ${proc.exitCode}, signal ${proc.signalCode}) before sending '${type}'`));
        });
      });
    },
    send(message) {
      if (proc.connected) proc.send(message);
    },
    stop(graceMs = 10_000) {
      stopping ??= (async () => {
        if (proc.exitCode === null && proc.signalCode === null) {
          child.send({ type: 'stop' });
          const term = setTimeout(() => proc.kill('SIGTERM'), graceMs);
          const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs + 3_000);
          await exited;
          clearTimeout(term);
          clearTimeout(kill);
        }
        children.delete(child);
      })();
      return stopping;
    },
  };
  children.add(child);
  return child;
}

/**
 * For the child side: runs `start`, reports `ready` (with what start returned) or `failed`, and
 * stops (the returned close, then exit) on a `stop` message, SIGTERM, SIGINT, or the parent going away.
 */
export function childMain(
  start: () => Promise<{ info: Record<string, unknown>; close: () => Promise<void>; onMessage?: (m: Record<string, unknown>) => void }>,
): void {
  let close: (() => Promise<void>) | undefined;
  let stopping = false;
  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(code || 1), 8_000);
    force.unref();
    void (close?.() ?? Promise.resolve()).catch(() => undefined).finally(() => process.exit(code));
  };
  process.on('disconnect', () => stop(1));
  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  start().then(
    ({ info, close: c, onMessage }) => {
      close = c;
      process.on('message', (m: Record<string, unknown>) => {
        if (m['type'] === 'stop') stop(0);
        else onMessage?.(m);
      });
      process.send?.({ type: 'ready', ...info });
    },
    (error: unknown) => {
      process.send?.({ type: 'failed', error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) });
      stop(1);
    },
  );
}
