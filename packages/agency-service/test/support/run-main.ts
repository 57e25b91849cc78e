import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const unionMain = fileURLToPath(new URL('../../../../services/union/src/main.ts', import.meta.url));

/**
 * Runs services/union/src/main.ts as `pnpm --filter @hub/union-service start` would, with only
 * `env` (and PATH), until it exits, or until stdout matches `stopWhen` (then SIGTERM); killed after 30 s.
 */
export function runMain(env: Record<string, string>, stopWhen?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', unionMain], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (stopWhen?.test(stdout)) child.kill('SIGTERM');
  });
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}
