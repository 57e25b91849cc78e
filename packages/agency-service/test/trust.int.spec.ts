import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@hub/event-store';
import { createLogger, KeyRing, readPublishedKeys, readTrustFile, resolveTrust, SqliteSqlDb, type TrustPolicy } from '@hub/service-kit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { agencyDbEngines } from '../../service-kit/test/agency-db-engines.js';
import { runTrustCli } from '../src/cli/trust.js';
import { agencyPaths } from '../src/paths.js';
import { createAgencyService } from '../src/service.js';

/** The key-encryption key the service and its CLI share, as a deployment sets KEY_ENCRYPTION_KEY for both. */
const KEK = Buffer.alloc(32, 1);
const env = { KEY_ENCRYPTION_KEY: KEK.toString('base64') };

function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'agency-trust-'));
  const store = new SqliteEventStore({ path: join(dir, 'hub.db'), durability: 'normal' });
  onTestFinished(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const out: string[] = [];
  const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } };
  const trustFile = join(dir, 'trust.json');
  const policy = (): TrustPolicy => ({ anchors: readTrustFile(trustFile)!.anchors, storeKeys: false, source: trustFile });
  const boot = (dataDir: string, trust: TrustPolicy) =>
    createAgencyService({
      agency: 'union',
      store,
      dataDir,
      trust,
      logger: createLogger({ name: 'union', level: 'silent' }),
      vaultKey: KEK,
      witnessIntervalMs: 0,
    });
  return { dir, store, io, out, trustFile, policy, boot };
}

describe('an agency service and the trust file', () => {
  it('fixes its keys with `trust.ts add`, then publishes each rotation endorsed by the key before it, which the trust file vouches for', async () => {
    const { dir, store, io, out, trustFile, policy, boot } = setup();
    const dataDir = join(dir, 'data');
    expect(await runTrustCli(['add', '--agency', 'union', '--data-dir', dataDir, '--trust-file', trustFile], env, io)).toBe(0);
    expect(await runTrustCli(['add', '--agency', 'union', '--data-dir', dataDir, '--trust-file', trustFile], env, io)).toBe(0);
    expect(out.join('')).toContain('already holds these keys');
    const anchors = readTrustFile(trustFile)!.anchors;
    expect(anchors.map((k) => k.purpose).sort()).toEqual(['events', 'sessions']);

    const first = await boot(dataDir, policy());
    expect(first.publicKeys()).toEqual(anchors);
    await first.close();

    // The agency rotates both keys (in its own key ring) and starts again.
    const db = SqliteSqlDb.open(agencyPaths(dataDir, 'union').localDb);
    const rotated = [await (await KeyRing.open(db, undefined, KEK)).rotate('events'), await (await KeyRing.open(db, undefined, KEK)).rotate('sessions')];
    await db.close();
    const second = await boot(dataDir, policy());
    onTestFinished(() => second.close());
    const published = await readPublishedKeys(store);
    expect(
      published
        .filter((k) => k.endorsement)
        .map((k) => k.keyId)
        .sort(),
    ).toEqual(rotated.map((k) => k.keyId).sort());
    const { trusted, refused } = resolveTrust(policy(), published);
    expect(refused).toEqual([]);
    expect(trusted.map((k) => k.keyId)).toEqual(expect.arrayContaining(rotated.map((k) => k.keyId)));
  });

  it('refuses to start when its keys are not the ones the trust file names for it (a lost or swapped DATA_DIR)', async () => {
    const { dir, io, trustFile, policy, boot } = setup();
    expect(await runTrustCli(['add', '--agency', 'union', '--data-dir', join(dir, 'original'), '--trust-file', trustFile], env, io)).toBe(0);
    const error = await boot(join(dir, 'fresh'), policy()).then(
      () => null,
      (e: Error) => e,
    );
    expect(error?.message).toMatch(/The current keys of union \(events [0-9a-f]{16}, sessions [0-9a-f]{16}\) are not in the trust file/);
    expect(error?.message).toContain('不在信任文件');
  });

  it.runIf(process.env['DATABASE_URL'])(
    "given AGENCY_DB_URL, `trust.ts add` takes the keys from the agency's schema there (where its replicas keep them), not from DATA_DIR",
    async () => {
      const { dir, io, trustFile } = setup();
      const [engine] = agencyDbEngines().filter((e) => e.name === 'PostgreSQL');
      onTestFinished(() => engine!.cleanup());
      const ring = await KeyRing.open(engine!.open('cli'), undefined, KEK);
      const held = [await ring.current('events'), await ring.current('sessions')];
      const { url, schema } = engine!.server!('cli');
      const dataDir = join(dir, 'data');
      expect(
        await runTrustCli(
          ['add', '--agency', 'union', '--data-dir', dataDir, '--trust-file', trustFile],
          { ...env, AGENCY_DB_URL: url, AGENCY_DB_SCHEMA: schema },
          io,
        ),
      ).toBe(0);
      expect(readTrustFile(trustFile)!.anchors.map((k) => k.keyId)).toEqual(held.map((k) => k.keyId));
      expect(existsSync(agencyPaths(dataDir, 'union').localDb)).toBe(false);
    },
  );

  it('says how to use the CLI when the arguments are wrong, and exits 2', async () => {
    const { io, out } = setup();
    expect(await runTrustCli(['add', '--agency', 'nobody'], {}, io)).toBe(2);
    expect(out.join('')).toContain('usage: trust.ts add --agency');
  });
});
