import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@hub/event-store';
import { agencyStream, createLogger } from '@hub/service-kit';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createAgencyService } from '../src/service.js';

async function boot(suite: string | undefined) {
  const dir = mkdtempSync(join(tmpdir(), 'agency-suite-'));
  const store = new SqliteEventStore({ path: join(dir, 'hub.db'), durability: 'normal' });
  if (suite) vi.stubEnv('CRYPTO_SUITE', suite);
  onTestFinished(async () => {
    vi.unstubAllEnvs();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const service = await createAgencyService({
    agency: 'union',
    store,
    dataDir: join(dir, 'data'),
    logger: createLogger({ name: 'union', level: 'silent' }),
    vaultKey: Buffer.alloc(32, 1),
    witnessIntervalMs: 0,
  });
  onTestFinished(() => service.close());
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(agencyStream('union'))) events.push(e);
  return { store, events };
}

describe('CRYPTO_SUITE in an agency service', () => {
  it('given CRYPTO_SUITE=gm, when the service publishes its keys at start, then its events are chained with SM3 and the stream verifies', async () => {
    const { store, events } = await boot('gm');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.metadata['hashAlg'] === 'sm3')).toBe(true);
    expect(await store.verifyStream(agencyStream('union'))).toMatchObject({ ok: true, events: events.length });
  });

  it('given no CRYPTO_SUITE, then events carry no hashAlg (sha256, as before); given an unknown suite, the start fails naming the setting', async () => {
    const { events } = await boot(undefined);
    expect(events.some((e) => 'hashAlg' in e.metadata)).toBe(false);
    await expect(boot('sm')).rejects.toThrow(/CRYPTO_SUITE must be intl/);
  });
});
