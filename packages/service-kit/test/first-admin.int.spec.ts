import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { runCreateAdmin } from '../src/cli/create-admin.js';
import { Conflict, createFirstAdmin, localDbPath, SqliteSqlDb, UserStore } from '../src/index.js';
import { ENGINES } from './engines.js';
import { tempDir } from './helpers.js';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

function io(input = '') {
  const stdin = new PassThrough();
  stdin.end(input);
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdin, stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } }, out, err };
}

for (const engine of ENGINES) {
  describe(`createFirstAdmin on ${engine.name}`, () => {
    it("creates the agency's first admin and refuses a second", async () => {
      const { db, done } = await engine.open();
      try {
        const admin = await createFirstAdmin({ db, agency: 'court', username: 'Admin', password: 'Court-Chief-2026' });
        expect(admin).toMatchObject({ agency: 'court', username: 'admin', roles: ['admin'] });
        await expect(createFirstAdmin({ db, agency: 'court', username: 'other', password: 'Court-Other-2026' })).rejects.toBeInstanceOf(Conflict);
        // Another agency in the same file is unaffected.
        await expect(createFirstAdmin({ db, agency: 'union', username: 'admin', password: 'Union-Chief-2026' })).resolves.toMatchObject({ agency: 'union' });
      } finally {
        await done();
      }
    });

    it('lets only one of two concurrent runs win (on PostgreSQL, each on its own replica)', async () => {
      const { db, replica, done } = await engine.open();
      try {
        const other = engine.concurrentReplicas ? replica() : db;
        const results = await Promise.allSettled([
          createFirstAdmin({ db, agency: 'union', username: 'a1', password: 'First-Admin-2026' }),
          createFirstAdmin({ db: other, agency: 'union', username: 'a2', password: 'Second-Admin-2026' }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await (await UserStore.open(db)).list('union')).toHaveLength(1);
      } finally {
        await done();
      }
    });
  });
}

describe('create-admin CLI', () => {
  it('reads the password from HUB_ADMIN_PASSWORD and writes to DATA_DIR', async () => {
    const run = io();
    const code = await runCreateAdmin(
      ['--agency', 'hr_bureau', '--username', 'admin', '--display-name', '人社管理员'],
      { HUB_ADMIN_PASSWORD: 'hr-password-12', DATA_DIR: tmp.dir },
      run.io,
    );
    expect(code).toBe(0);
    expect(run.out.join('')).toContain('hr_bureau');
    const db = SqliteSqlDb.open(localDbPath(tmp.dir, 'hr_bureau'));
    const users = await UserStore.open(db);
    expect(await users.list('hr_bureau')).toMatchObject([{ username: 'admin', displayName: '人社管理员', roles: ['admin'] }]);
    expect(await users.authenticate('hr_bureau', 'admin', 'hr-password-12')).not.toBeNull();
    await db.close();

    const again = io();
    expect(await runCreateAdmin(['--agency', 'hr_bureau', '--username', 'second'], { HUB_ADMIN_PASSWORD: 'hr-password-13', DATA_DIR: tmp.dir }, again.io)).toBe(
      1,
    );
    expect(again.err.join('')).toContain('already has an admin');
  });

  it('reads the password from stdin when not on a terminal', async () => {
    const run = io('procurator-pass-1\n');
    expect(await runCreateAdmin(['--agency', 'procuratorate', '--username', 'admin', '--data-dir', tmp.dir], {}, run.io)).toBe(0);
  });

  it('refuses bad arguments and short passwords', async () => {
    expect(await runCreateAdmin(['--agency', 'police', '--username', 'x'], { HUB_ADMIN_PASSWORD: 'long-enough-1' }, io().io)).toBe(2);
    expect(await runCreateAdmin(['--bogus'], {}, io().io)).toBe(2);
    const short = io();
    expect(await runCreateAdmin(['--agency', 'court', '--username', 'admin', '--db', `${tmp.dir}/short.db`], { HUB_ADMIN_PASSWORD: 'short' }, short.io)).toBe(
      1,
    );
    expect(short.err.join('')).toContain('10');
  });
});
