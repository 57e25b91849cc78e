import { signInSettings } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { env, PASSWORD, request } from '../support.js';

const post = (url: string, path: string, body: unknown, token?: string) => request(url, token)('POST', path, body);

/** A clock the spec moves. */
function testClock(start = Date.parse('2026-03-02T01:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function adminOf(e: ReturnType<typeof env>, options: Parameters<ReturnType<typeof env>['boot']>[1] = {}) {
  const union = await e.boot('union', options);
  await union.service.users.create({ agency: 'union', username: 'boss', displayName: '管理员', password: PASSWORD, roles: ['admin'] });
  const token = (await post(union.url, '/api/session', { username: 'boss', password: PASSWORD })).body.token as string;
  return { union, admin: request(union.url, token) };
}

describe('passwords (等保 2.0: 身份鉴别), over HTTP against a real service', () => {
  it('given weak passwords, when an admin creates a user with each, then each is refused 400 in plain words and nobody is created', async () => {
    const { admin } = await adminOf(env());
    const cases: [string, string][] = [
      ['aaaaaaaaaa', '密码要包含大写字母、小写字母、数字、符号这四类中的至少三类'],
      ['1111111111', '密码要包含大写字母、小写字母、数字、符号这四类中的至少三类'],
      [' '.repeat(10), '密码不能全是空格'],
      ['Xu-Lianluo-2026', '密码里不能包含用户名'],
      ['Password1234!', '这个密码太常见，很容易被猜到，请换一个'],
      ['Good-Pass\n2026', '密码里不能有换行、制表符这类控制字符'],
    ];
    for (const [password, detail] of cases) {
      const res = await admin('POST', '/api/admin/users', { username: 'lianluo', displayName: '许', password, roles: ['liaison'] });
      expect(res.status, JSON.stringify(password)).toBe(400);
      expect(res.body).toMatchObject({ detail, errors: [{ path: 'password' }] });
    }
    expect((await admin('GET', '/api/admin/users')).body.users.map((u: { username: string }) => u.username)).toEqual(['boss']);
  });

  it('given a user an admin created, when they first sign in, then they must choose their own password, and the new one must keep the policy', async () => {
    const { union, admin } = await adminOf(env());
    const given = 'Given-by-Admin-77';
    const created = await admin('POST', '/api/admin/users', { username: 'xu', displayName: '许', password: given, roles: ['liaison'] });
    expect(created).toMatchObject({ status: 201, body: { mustChangePassword: true } });

    const first = await post(union.url, '/api/session', { username: 'xu', password: given });
    expect(first).toMatchObject({ status: 403, body: { type: 'urn:hub:problem:password-change-required' } });
    expect(first.body.token).toBeUndefined();

    const weak = await post(union.url, '/api/session/password', { username: 'xu', password: given, newPassword: 'aaaaaaaaaa' });
    expect(weak.status).toBe(400);
    const same = await post(union.url, '/api/session/password', { username: 'xu', password: given, newPassword: given });
    expect(same).toMatchObject({ status: 400, body: { detail: '新密码不能和原来的密码一样' } });
    const wrong = await post(union.url, '/api/session/password', { username: 'xu', password: 'Not-The-One-1', newPassword: 'Mine-Alone-2026' });
    expect(wrong.status).toBe(401);

    const changed = await post(union.url, '/api/session/password', { username: 'xu', password: given, newPassword: 'Mine-Alone-2026' });
    expect(changed).toMatchObject({ status: 201, body: { user: { username: 'xu', mustChangePassword: false } } });
    expect((await request(union.url, changed.body.token)('GET', '/api/session')).status).toBe(200);
    expect((await post(union.url, '/api/session', { username: 'xu', password: given })).status).toBe(401);
    expect((await post(union.url, '/api/session', { username: 'xu', password: 'Mine-Alone-2026' })).status).toBe(201);
  });

  it('given an admin resets a password, when the user signs in, then their sessions have ended and they must change it again', async () => {
    const { union, admin } = await adminOf(env());
    const user = await union.service.users.create({ agency: 'union', username: 'zhou', displayName: '周', password: PASSWORD, roles: ['liaison'] });
    const session = (await post(union.url, '/api/session', { username: 'zhou', password: PASSWORD })).body.token as string;
    const reset = await admin('POST', `/api/admin/users/${user.id}/password`, { password: 'Reset-by-Boss-3' });
    expect(reset).toMatchObject({ status: 200, body: { sessionsEnded: 1, user: { mustChangePassword: true } } });
    expect((await request(union.url, session)('GET', '/api/session')).status).toBe(401);
    expect((await post(union.url, '/api/session', { username: 'zhou', password: 'Reset-by-Boss-3' })).status).toBe(403);
  });

  it('given PASSWORD_MAX_AGE_DAYS, when a password grows older than that, then sign-in asks for a new one; off by default', async () => {
    const clock = testClock();
    const e = env();
    const aging = await e.boot('union', { clock: clock.now, signIn: { ...signInSettings({}), passwordMaxAgeDays: 90 } });
    const plain = await e.boot('court', { clock: clock.now });
    for (const s of [aging, plain])
      await s.service.users.create({ agency: s.service.agency, username: 'he', displayName: '何', password: PASSWORD, roles: ['liaison'] });
    clock.advance(91 * 86_400_000);
    expect(await post(aging.url, '/api/session', { username: 'he', password: PASSWORD })).toMatchObject({
      status: 403,
      body: { type: 'urn:hub:problem:password-expired', detail: '密码已使用超过 90 天，请先设置新密码再登录' },
    });
    expect((await post(plain.url, '/api/session', { username: 'he', password: PASSWORD })).status).toBe(201);
    const renewed = await post(aging.url, '/api/session/password', { username: 'he', password: PASSWORD, newPassword: 'Spring-Tea-2026' });
    expect(renewed.status).toBe(201);
  });
});
