import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SqliteEventStore } from '@hub/event-store';
import { PostgresSqlDb } from '@hub/service-kit';
import { afterAll, describe, expect, it } from 'vitest';
import { runMoveToServer } from '../src/cli/move-to-server.js';
import { agencyPaths } from '../src/paths.js';
import { createAgencyService } from '../src/service.js';

/** Issue 17: an agency on one instance (SQLite) moves its own data to PostgreSQL, to run as replicas. */
const url = process.env['DATABASE_URL'];

function output() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe.runIf(url)('move-to-server: the agency data from SQLite to PostgreSQL', () => {
  const dir = mkdtempSync(join(tmpdir(), 'move-to-server-'));
  const schema = `move_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const vaultKey = randomBytes(32);
  const dataDir = join(dir, 'data');
  const store = new SqliteEventStore({ path: join(dir, 'hub.db') });
  const outside = new PostgresSqlDb({ url: url!, schema: 'public', max: 1 });

  afterAll(async () => {
    await outside.run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await outside.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given an agency with users, keys and a security log on SQLite, when moved, then a service on PostgreSQL has the same people, keys and log, and a second move is refused with nothing written', async () => {
    const before = await createAgencyService({ agency: 'union', store, dataDir, vaultKey });
    const li = await before.users.create({ agency: 'union', username: 'wang', displayName: '王', password: 'Qiao-Lianluo-2026', roles: ['liaison'] });
    const keys = before.publicKeys().map((k) => k.keyId);
    const logged = (await before.securityLog.list({ limit: 100 })).length;
    expect(logged).toBeGreaterThan(0);
    await before.close();
    const file = agencyPaths(dataDir, 'union').localDb;
    const fileBefore = statSync(file).mtimeMs;

    const env = { AGENCY_DB_URL: url, AGENCY_DB_SCHEMA: schema };
    const out = output();
    const err = output();
    expect(await runMoveToServer(['--agency', 'union', '--data-dir', dataDir], env, { stdout: out.stream, stderr: err.stream })).toBe(0);
    expect(err.text()).toBe('');
    expect(out.text()).toMatch(/^users\t1$/m);
    expect(out.text()).toMatch(/^signing_keys\t2$/m);
    expect(out.text()).toContain('moved');
    expect(statSync(file).mtimeMs).toBe(fileBefore);

    const after = await createAgencyService({ agency: 'union', store, dataDir, vaultKey, agencyDb: { url, schema } });
    try {
      expect((await after.users.authenticate('union', 'wang', 'Qiao-Lianluo-2026'))?.id).toBe(li.id);
      // The same keys, not new ones: the trust file and the store's published keys still name them.
      expect(after.publicKeys().map((k) => k.keyId)).toEqual(keys);
      expect((await after.securityLog.list({ limit: 100 })).length).toBeGreaterThanOrEqual(logged);
      expect(await after.securityLog.verify()).toMatchObject({ ok: true });
    } finally {
      await after.close();
    }

    const again = output();
    expect(await runMoveToServer(['--agency', 'union', '--data-dir', dataDir], env, { stdout: output().stream, stderr: again.stream })).toBe(1);
    expect(again.text()).toContain('already holds data');
    const users = await outside.get<{ n: number }>(`SELECT count(*) AS n FROM ${schema}.users`);
    expect(users?.n).toBe(1);
  });

  it('refuses without AGENCY_DB_URL, and without the data file, naming what is missing', async () => {
    const err = output();
    expect(await runMoveToServer(['--agency', 'union', '--data-dir', dataDir], {}, { stdout: output().stream, stderr: err.stream })).toBe(2);
    expect(err.text()).toContain('AGENCY_DB_URL is not set');
    const missing = output();
    expect(
      await runMoveToServer(
        ['--agency', 'court', '--data-dir', join(dir, 'nowhere')],
        { AGENCY_DB_URL: url },
        { stdout: output().stream, stderr: missing.stream },
      ),
    ).toBe(1);
    expect(missing.text()).toContain('no data file');
  });
});

if (!url) it.skip('move-to-server: skipped, DATABASE_URL is not set', () => {});
