import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, onTestFinished } from 'vitest';
import { agencyPaths } from '../src/paths.js';

const unionMain = fileURLToPath(new URL('../../../services/union/src/main.ts', import.meta.url));

/** Runs services/union/src/main.ts from `env` until it exits, or until stdout matches `stopWhen` (then SIGTERM). */
function runMain(env: Record<string, string>, stopWhen?: RegExp): Promise<{ code: number | null; stdout: string; stderr: string }> {
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

function settings(extra: Record<string, string>): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'kek-start-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { PORT: '0', HOST: '127.0.0.1', DATA_DIR: join(dir, 'data'), EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`, LOG_LEVEL: 'info', ...extra };
}

describe('the key-encryption key at start (issue 15.5)', () => {
  it('given NODE_ENV=production and no key-encryption key, then the service exits 1 naming the settings, with no stack trace and no key written', {
    timeout: 60_000,
  }, async () => {
    const env = settings({ NODE_ENV: 'production' });
    const run = await runMain(env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('union: 配置有误，未启动 · invalid configuration, not started:');
    expect(run.stderr).toContain('KEY_ENCRYPTION_KEY_FILE (a file outside DATA_DIR');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(existsSync(agencyPaths(env['DATA_DIR']!, 'union').vaultKey)).toBe(false);
  });

  it('given the demo (no NODE_ENV=production) and no key-encryption key, then the service generates one, warns, and listens', { timeout: 60_000 }, async () => {
    const env = settings({});
    const run = await runMain(env, /listening on/);
    expect(run.stdout).toMatch(/listening on/);
    expect(run.stdout).toContain('demo mode: the key-encryption key is a generated file inside DATA_DIR');
    expect(existsSync(agencyPaths(env['DATA_DIR']!, 'union').vaultKey)).toBe(true);
  });
});
