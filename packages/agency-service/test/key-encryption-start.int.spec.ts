import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMain } from './support/run-main.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { agencyPaths } from '../src/paths.js';

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
