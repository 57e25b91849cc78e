/**
 * Builds the web console (services/hub/console → dist/) when its build is missing or older than
 * its sources, so `pnpm start` always serves the console as the sources say. `pnpm console:build`
 * builds it unconditionally.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
export const CONSOLE_ROOT = join(root, 'services', 'hub', 'console');
const BUILT = join(CONSOLE_ROOT, 'dist', 'index.html');
/** What the console is built from: its own sources and the contracts it imports. */
const SOURCES = [
  join(CONSOLE_ROOT, 'src'),
  join(CONSOLE_ROOT, 'index.html'),
  join(CONSOLE_ROOT, 'vite.config.ts'),
  join(CONSOLE_ROOT, 'package.json'),
  join(root, 'packages', 'contracts', 'src'),
];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

export function consoleIsStale(): boolean {
  if (!existsSync(BUILT)) return true;
  const built = statSync(BUILT).mtimeMs;
  return SOURCES.some((source) => newest(source) > built);
}

/** Runs `vite build` for the console; throws with vite's output when it fails. */
export function buildConsole(options: { quiet?: boolean } = {}): void {
  const vite = join(CONSOLE_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite)) throw new Error(`vite is not installed for the console (${vite}); run pnpm install first`);
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', options.quiet ? 'error' : 'info'], {
    cwd: CONSOLE_ROOT,
    stdio: options.quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`console build failed (exit ${result.status}):\n${result.stdout ?? ''}${result.stderr ?? ''}`);
}

export function ensureConsoleBuilt(options: { quiet?: boolean } = {}): boolean {
  if (!consoleIsStale()) return false;
  buildConsole(options);
  return true;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) buildConsole();
