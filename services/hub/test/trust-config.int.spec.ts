import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, TRUST_FORMAT } from '@hub/service-kit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startHubServer } from '../src/server.js';

function environment() {
  const dir = mkdtempSync(join(tmpdir(), 'hub-trust-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, env: { EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`, DATA_DIR: dir, PORT: '0', CONSOLE_DIR: 'off', LOG_LEVEL: 'silent' } };
}

describe('the hub without a trust file', () => {
  it('does not start, and says how to make one', async () => {
    const { env } = environment();
    const error = await startHubServer(env).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain('refusing to trust the keys the event store publishes');
    expect((error as Error).message).toContain('cli/trust.ts add --agency');
    expect((error as Error).message).toContain('TRUST_STORE_KEYS=1');
  });

  it('does not start when TRUST_FILE names a file that is not there, nor on a malformed one', async () => {
    const { dir, env } = environment();
    await expect(startHubServer({ ...env, TRUST_FILE: join(dir, 'missing.json') })).rejects.toThrow(/TRUST_FILE names a trust file that does not exist/);
    writeFileSync(join(dir, 'trust.json'), JSON.stringify({ format: TRUST_FORMAT, anchors: [{ agency: 'union', purpose: 'events', publicKey: 'c2hvcnQ=' }] }));
    await expect(startHubServer(env)).rejects.toThrow(/the events key of union is neither 32 bytes \(Ed25519\) nor 65 bytes/);
  });

  it('starts with DATA_DIR/trust.json, or with TRUST_STORE_KEYS=1 (development); an empty trust file vouches for no one', async () => {
    const { dir, env } = environment();
    const running = await startHubServer({ ...env, TRUST_STORE_KEYS: '1' });
    await running.close();
    writeFileSync(join(dir, 'trust.json'), JSON.stringify({ format: TRUST_FORMAT, anchors: [] }));
    await expect(startHubServer(env)).rejects.toThrow(/no trust file/); // an empty file vouches for no one
    const anchor = { agency: 'union', purpose: 'events', publicKey: Buffer.alloc(32, 5).toString('base64') };
    writeFileSync(join(dir, 'trust.json'), JSON.stringify({ format: TRUST_FORMAT, anchors: [anchor] }));
    const trusted = await startHubServer(env);
    expect(trusted.hub.keys.trusted('events').map((k) => k.publicKey)).toEqual([anchor.publicKey]);
    await trusted.close();
  });
});
