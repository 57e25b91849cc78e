import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAgencyCreateAdmin } from '../src/index.js';
import { env, request } from './support.js';

function io() {
  const out: string[] = [];
  const sink = { write: (s: string) => out.push(s) };
  return { out, io: { stdin: process.stdin, stdout: sink, stderr: sink } };
}

describe('create-admin CLI', () => {
  it('creates the first admin where the agency service looks, who can then sign in; a second is refused', async () => {
    const e = env();
    const dataDir = join(e.dir, 'data');
    const first = io();
    const code = await runAgencyCreateAdmin(
      ['--agency', 'hr_bureau', '--username', 'chief', '--data-dir', dataDir],
      { HUB_ADMIN_PASSWORD: '管理员-Zhang-2026' },
      first.io,
    );
    expect(code, first.out.join('')).toBe(0);

    const { url } = await e.boot('hr_bureau', { dataDir });
    const login = await request(url)('POST', '/api/session', { username: 'chief', password: '管理员-Zhang-2026' });
    expect(login.status).toBe(201);
    expect(login.body.token).toEqual(expect.any(String));

    const again = io();
    expect(
      await runAgencyCreateAdmin(
        ['--agency', 'hr_bureau', '--username', 'other', '--data-dir', dataDir],
        { HUB_ADMIN_PASSWORD: '管理员-admin-password-2' },
        again.io,
      ),
    ).toBe(1);
  });
});
