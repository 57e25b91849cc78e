import Database from 'better-sqlite3';
import { ConfigError, signInSettings } from '@hub/service-kit';
import { generate } from 'otplib';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { env, PASSWORD, request } from '../support.js';

/**
 * The second factor (issue 15.3, 等保 2.0 level 3: 双因素身份鉴别), over HTTP against a real
 * service on real SQLite, with the deployment's default TOTP_REQUIRED_ROLES (admin, auditor).
 */

const post = (url: string, path: string, body: unknown, token?: string) => request(url, token)('POST', path, body);

/** A clock the spec moves: TOTP codes are made for its time. */
function testClock(start = Date.parse('2026-03-02T01:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms), seconds: () => Math.floor(t / 1000) };
}
type Clock = ReturnType<typeof testClock>;

const codeAt = (secret: string, clock: Clock, offsetSeconds = 0) => generate({ secret, epoch: clock.seconds() + offsetSeconds });

/** The union with the default settings (admin and auditor need a second factor), a clock, and one user of each role asked for. */
async function union(settings: Record<string, string> = {}) {
  const e = env();
  const clock = testClock();
  const booted = await e.boot('union', { clock: clock.now, signIn: signInSettings(settings) });
  const create = (username: string, roles: ('admin' | 'auditor' | 'liaison' | 'secretary')[]) =>
    booted.service.users.create({ agency: 'union', username, displayName: username, password: PASSWORD, roles });
  return { e, clock, url: booted.url, service: booted.service, create };
}

/** Enrols through the API as the console does; returns the secret shown and the recovery codes. */
async function enrol(url: string, username: string, clock: Clock) {
  const started = await post(url, '/api/session/second-factor/enrolment', { username, password: PASSWORD });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const secret = started.body.secret as string;
  const confirmed = await post(url, '/api/session/second-factor', { username, password: PASSWORD, code: await codeAt(secret, clock) });
  expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
  // The code just used is spent: the next sign-in waits for the next 30-second step.
  clock.advance(30_000);
  return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[], token: confirmed.body.token as string };
}

const kinds = async (service: { securityLog: { list(q: object): Promise<{ kind: string; detail: Record<string, unknown> }[]> } }) =>
  (await service.securityLog.list({ limit: 200 })).map((e) => e.kind);

describe('second factor (TOTP, recovery codes), over HTTP against a real service', () => {
  it('given an auditor without a second factor, when they sign in with the password, then only enrolment is open: a secret shown once as URI, QR and text, active after a right code, with 10 recovery codes', async () => {
    const { url, service, clock, create } = await union();
    const auditor = await create('shen', ['auditor']);

    const password = await post(url, '/api/session', { username: 'shen', password: PASSWORD });
    expect(password).toMatchObject({ status: 403, body: { type: 'urn:hub:problem:second-factor-enrolment-required' } });
    expect(password.body.token).toBeUndefined();

    const started = await post(url, '/api/session/second-factor/enrolment', { username: 'shen', password: PASSWORD });
    expect(started.status).toBe(201);
    expect(started.body.secret).toMatch(/^[A-Z2-7]{26,}$/);
    expect(started.body.uri).toBe(
      `otpauth://totp/${encodeURIComponent('劳动维权协同平台')}:union:shen?secret=${started.body.secret}&issuer=${encodeURIComponent('劳动维权协同平台')}`,
    );
    expect(started.body.qrSvg).toMatch(/^<svg[^>]*>.*<\/svg>\s*$/s);
    // Not active yet: signing in still asks for enrolment.
    expect((await post(url, '/api/session', { username: 'shen', password: PASSWORD })).status).toBe(403);

    const wrong = await post(url, '/api/session/second-factor', { username: 'shen', password: PASSWORD, code: '000000' });
    expect(wrong).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:second-factor-failed' } });
    const confirmed = await post(url, '/api/session/second-factor', { username: 'shen', password: PASSWORD, code: await codeAt(started.body.secret, clock) });
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.user).toMatchObject({ id: auditor.id });
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    expect((await request(url, confirmed.body.token)('GET', '/api/session')).status).toBe(200);
    // Shown once: a second enrolment is refused while this one stands.
    expect((await post(url, '/api/session/second-factor/enrolment', { username: 'shen', password: PASSWORD })).status).toBe(409);
    expect(await service.secondFactors.status(auditor.id)).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });
    expect(await kinds(service)).toEqual(expect.arrayContaining(['second_factor_failed', 'second_factor_enrolled', 'sign_in']));
  });

  it('given an enrolled admin, when the SQLite file is read, then neither the secret nor a recovery code is in it as text: the secret is sealed under the key-encryption key', async () => {
    const { url, e, clock, create } = await union();
    const admin = await create('boss', ['admin']);
    const { secret, recoveryCodes } = await enrol(url, 'boss', clock);
    const svc = readdirSync(e.dir).find((d) => d.startsWith('svc-'))!;
    const files = readdirSync(join(e.dir, svc, 'union')).filter((f) => f.endsWith('.db'));
    expect(files.length).toBeGreaterThan(0);
    const db = new Database(join(e.dir, svc, 'union', files[0]!), { readonly: true });
    try {
      const row = db.prepare('SELECT secret, pending FROM second_factors WHERE user_id = ?').get(admin.id) as { secret: Buffer; pending: Buffer | null };
      expect(row.pending).toBeNull();
      expect(row.secret.subarray(0, 4).toString('ascii')).toBe('kek1');
      expect(row.secret.includes(Buffer.from(secret))).toBe(false);
      const hashes = (db.prepare('SELECT code_hash FROM recovery_codes WHERE user_id = ?').all(admin.id) as { code_hash: string }[]).map((r) => r.code_hash);
      expect(hashes).toHaveLength(10);
      for (const code of recoveryCodes) expect(hashes.some((h) => h.includes(code) || h.includes(code.replaceAll('-', '')))).toBe(false);
    } finally {
      db.close();
    }
  });

  it('given an enrolled admin, when they sign in with the password alone, then they are asked for the code (not counted); with it they are in; the same code again is refused', async () => {
    const { url, clock, create } = await union();
    await create('boss', ['admin']);
    const { secret } = await enrol(url, 'boss', clock);

    // Asked for the code ten times in a row: not a failure, so no lock (the limit is 5).
    for (let i = 0; i < 10; i++) {
      const asked = await post(url, '/api/session', { username: 'boss', password: PASSWORD });
      expect(asked).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:second-factor-required' } });
    }
    const code = await codeAt(secret, clock);
    const signedIn = await post(url, '/api/session', { username: 'boss', password: PASSWORD, code });
    expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(201);
    const replayed = await post(url, '/api/session', { username: 'boss', password: PASSWORD, code });
    expect(replayed).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:second-factor-failed' } });
    // A wrong password with a right code is still a wrong password (one answer).
    clock.advance(30_000);
    expect((await post(url, '/api/session', { username: 'boss', password: 'Wrong-Guess-2026', code: await codeAt(secret, clock) })).body.type).toBe(
      'urn:hub:problem:login-failed',
    );
    // The next step's code works; one step of clock drift either way is accepted.
    expect((await post(url, '/api/session', { username: 'boss', password: PASSWORD, code: await codeAt(secret, clock, 30) })).status).toBe(201);
  });

  it('given an enrolled auditor, when five wrong codes come, then the account locks like after five wrong passwords (423), the right code too is refused, and the log has each failure and the lock', async () => {
    const { url, service, clock, create } = await union();
    await create('shen', ['auditor']);
    const { secret } = await enrol(url, 'shen', clock);
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push((await post(url, '/api/session', { username: 'shen', password: PASSWORD, code: String(100000 + i) })).status);
    expect(answers).toEqual([401, 401, 401, 401, 401, 423]);
    expect((await post(url, '/api/session', { username: 'shen', password: PASSWORD, code: await codeAt(secret, clock) })).status).toBe(423);
    const log = await service.securityLog.list({ limit: 200 });
    expect(log.filter((e) => e.kind === 'second_factor_failed')).toHaveLength(5);
    expect(log.find((e) => e.kind === 'second_factor_failed')).toMatchObject({ outcome: 'failure', detail: { username: 'shen', method: 'totp' } });
    expect(log.some((e) => e.kind === 'account_locked')).toBe(true);

    // After the lock's 30 minutes the right code works again.
    clock.advance(31 * 60_000);
    expect((await post(url, '/api/session', { username: 'shen', password: PASSWORD, code: await codeAt(secret, clock) })).status).toBe(201);
  });

  it('given an enrolled admin without their phone, when they sign in with a recovery code, then it works once, says how many are left, and is logged', async () => {
    const { url, service, clock, create } = await union();
    await create('boss', ['admin']);
    const { recoveryCodes } = await enrol(url, 'boss', clock);
    // Typed loosely: upper case, spaces for dashes.
    const typed = recoveryCodes[0]!.toUpperCase().replaceAll('-', ' ');
    const used = await post(url, '/api/session', { username: 'boss', password: PASSWORD, recoveryCode: typed });
    expect(used.status, JSON.stringify(used.body)).toBe(201);
    expect(used.body.recoveryCodesLeft).toBe(9);
    const again = await post(url, '/api/session', { username: 'boss', password: PASSWORD, recoveryCode: recoveryCodes[0] });
    expect(again).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:second-factor-failed' } });
    expect((await post(url, '/api/session', { username: 'boss', password: PASSWORD, recoveryCode: 'aaaa-bbbb-cccc' })).status).toBe(401);
    expect((await post(url, '/api/session', { username: 'boss', password: PASSWORD, recoveryCode: recoveryCodes[1] })).body.recoveryCodesLeft).toBe(8);
    const entry = (await service.securityLog.list({ limit: 200 })).find((e) => e.kind === 'recovery_code_used');
    expect(entry).toMatchObject({ outcome: 'success', detail: { username: 'boss', recoveryCodesLeft: 8 } });
  });

  it('given an auditor who lost their phone, when an admin resets the second factor, then the auditor’s sessions end, they enrol again at the next sign-in, and only an admin may do it', async () => {
    const { url, service, clock, create } = await union();
    await create('boss', ['admin']);
    const auditor = await create('shen', ['auditor']);
    const bossFactor = await enrol(url, 'boss', clock);
    const shenFactor = await enrol(url, 'shen', clock);
    const admin = request(
      url,
      (await post(url, '/api/session', { username: 'boss', password: PASSWORD, code: await codeAt(bossFactor.secret, clock) })).body.token,
    );
    const listed = await admin('GET', '/api/admin/users');
    expect(listed.body.users.map((u: { username: string; secondFactor: boolean }) => [u.username, u.secondFactor])).toEqual([
      ['boss', true],
      ['shen', true],
    ]);

    expect((await request(url, shenFactor.token)('POST', `/api/admin/users/${auditor.id}/second-factor/reset`)).status).toBe(403);
    const reset = await admin('POST', `/api/admin/users/${auditor.id}/second-factor/reset`);
    expect(reset).toMatchObject({ status: 200, body: { wasEnrolled: true, sessionsEnded: 1 } });
    expect((await request(url, shenFactor.token)('GET', '/api/session')).status).toBe(401);
    expect((await post(url, '/api/session', { username: 'shen', password: PASSWORD, code: await codeAt(shenFactor.secret, clock) })).body.type).toBe(
      'urn:hub:problem:second-factor-enrolment-required',
    );
    expect((await post(url, '/api/session', { username: 'shen', password: PASSWORD, recoveryCode: shenFactor.recoveryCodes[0] })).status).toBe(403);
    expect((await admin('POST', '/api/admin/users/nobody/second-factor/reset')).status).toBe(404);
    expect((await service.securityLog.list({ limit: 200 })).find((e) => e.kind === 'second_factor_reset')).toMatchObject({
      subject: `user-${auditor.id}`,
      detail: { username: 'shen', wasEnrolled: true, sessionsEnded: 1 },
    });
    await enrol(url, 'shen', clock);
  });

  it('given an auditor an admin created, when they first sign in, then they choose a password, then set up the second factor with the new one', async () => {
    const { url, clock, create } = await union();
    await create('boss', ['admin']);
    const bossFactor = await enrol(url, 'boss', clock);
    const admin = request(
      url,
      (await post(url, '/api/session', { username: 'boss', password: PASSWORD, code: await codeAt(bossFactor.secret, clock) })).body.token,
    );
    const given = 'Given-by-Admin-77';
    expect((await admin('POST', '/api/admin/users', { username: 'qin', displayName: '秦', password: given, roles: ['auditor'] })).status).toBe(201);

    expect((await post(url, '/api/session', { username: 'qin', password: given })).body.type).toBe('urn:hub:problem:password-change-required');
    // Enrolment waits for the password change.
    expect((await post(url, '/api/session/second-factor/enrolment', { username: 'qin', password: given })).body.type).toBe(
      'urn:hub:problem:password-change-required',
    );
    const changed = await post(url, '/api/session/password', { username: 'qin', password: given, newPassword: 'Mine-Alone-2026' });
    expect(changed).toMatchObject({ status: 403, body: { type: 'urn:hub:problem:second-factor-enrolment-required' } });
    const started = await post(url, '/api/session/second-factor/enrolment', { username: 'qin', password: 'Mine-Alone-2026' });
    expect(started.status).toBe(201);
    const confirmed = await post(url, '/api/session/second-factor', {
      username: 'qin',
      password: 'Mine-Alone-2026',
      code: await codeAt(started.body.secret, clock),
    });
    expect(confirmed.status).toBe(201);
  });

  it('given an enrolled admin whose password was reset, when they change it at sign-in, then the change needs the code too, and a refused new password does not spend it', async () => {
    const { url, service, clock, create } = await union();
    const boss = await create('boss', ['admin']);
    const { secret } = await enrol(url, 'boss', clock);
    await service.users.setPassword(boss.id, 'Reset-By-Other-88', { mustChange: true, now: clock.now() });

    expect((await post(url, '/api/session', { username: 'boss', password: 'Reset-By-Other-88' })).body.type).toBe('urn:hub:problem:password-change-required');
    const noCode = await post(url, '/api/session/password', { username: 'boss', password: 'Reset-By-Other-88', newPassword: 'Mine-Alone-2026' });
    expect(noCode).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:second-factor-required' } });
    const code = await codeAt(secret, clock);
    const weak = await post(url, '/api/session/password', { username: 'boss', password: 'Reset-By-Other-88', newPassword: 'aaaaaaaaaa', code });
    expect(weak.status).toBe(400);
    const changed = await post(url, '/api/session/password', { username: 'boss', password: 'Reset-By-Other-88', newPassword: 'Mine-Alone-2026', code });
    expect(changed.status, JSON.stringify(changed.body)).toBe(201);
  });

  it('given TOTP_REQUIRED_ROLES, when it is all, none, a list or nonsense, then every role, no role, the listed roles must enrol, and nonsense stops the start', async () => {
    const all = await union({ TOTP_REQUIRED_ROLES: 'all' });
    await all.create('li', ['liaison']);
    expect((await post(all.url, '/api/session', { username: 'li', password: PASSWORD })).body.type).toBe('urn:hub:problem:second-factor-enrolment-required');

    const none = await union({ TOTP_REQUIRED_ROLES: 'none' });
    await none.create('boss', ['admin']);
    expect((await post(none.url, '/api/session', { username: 'boss', password: PASSWORD })).status).toBe(201);
    // Under none a person may still set one up; then it is asked for.
    const { secret } = await enrol(none.url, 'boss', none.clock);
    expect((await post(none.url, '/api/session', { username: 'boss', password: PASSWORD })).status).toBe(401);
    expect((await post(none.url, '/api/session', { username: 'boss', password: PASSWORD, code: await codeAt(secret, none.clock) })).status).toBe(201);

    expect(signInSettings({ TOTP_REQUIRED_ROLES: ' Secretary , admin ' }).secondFactorRoles).toEqual(['secretary', 'admin']);
    expect(signInSettings({}).secondFactorRoles).toEqual(['admin', 'auditor']);
    expect(() => signInSettings({ TOTP_REQUIRED_ROLES: 'admins' })).toThrow(ConfigError);
    expect(() => signInSettings({ TOTP_REQUIRED_ROLES: 'admins' })).toThrow(/TOTP_REQUIRED_ROLES must be all, none or a comma-separated list/);
  });

  it('given a liaison under the default setting, when they sign in, then the password alone is enough', async () => {
    const { url, create } = await union();
    await create('li', ['liaison']);
    expect((await post(url, '/api/session', { username: 'li', password: PASSWORD })).status).toBe(201);
  });
});
