import { describe, expect, it } from 'vitest';
import { env, PASSWORD, request } from '../support.js';

const WRONG = 'Wrong-Guess-2026';
const login = (url: string, username: string, password: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ username, password }) });

/** Status, Retry-After and problem type of each answer, in order. */
async function answers(responses: Response[]) {
  return Promise.all(
    responses.map(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), type: ((await r.json()) as { type: string }).type })),
  );
}

/** A clock the spec moves. */
function testClock(start = Date.parse('2026-03-02T01:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

describe('sign-in failures (等保 2.0: 登录失败处理), against the service’s real SQLite file', () => {
  it('given 50 wrong passwords in a row, when they arrive, then the first 5 are 401 and the rest 423 with Retry-After, and the right password is refused while locked', async () => {
    const e = env();
    const union = await e.boot('union');
    await union.service.users.create({ agency: 'union', username: 'wang', displayName: '王', password: PASSWORD, roles: ['liaison'] });
    const seen = [];
    for (let i = 0; i < 50; i++) seen.push(await login(union.url, 'wang', WRONG, { 'x-forwarded-for': `10.0.0.${i}` }));
    const got = await answers(seen);
    expect(got.slice(0, 5).map((a) => a.status)).toEqual([401, 401, 401, 401, 401]);
    for (const a of got.slice(5)) {
      expect(a).toMatchObject({ status: 423, type: 'urn:hub:problem:login-locked' });
      expect(Number(a.retryAfter)).toBeGreaterThan(29 * 60);
      expect(Number(a.retryAfter)).toBeLessThanOrEqual(30 * 60);
    }
    const right = await login(union.url, 'wang', PASSWORD, { 'x-forwarded-for': '10.0.1.1' });
    expect(right.status).toBe(423);
    expect(((await right.json()) as { detail: string }).detail).toBe('登录失败次数太多，这个账号已暂时锁定，请 30 分钟后再试，或请本机构管理员解锁');
  });

  it('given an unknown username, when it is tried as often, then every answer is the same as for a real one', async () => {
    const e = env();
    // A clock that stands still: Retry-After is then the same to the second.
    const union = await e.boot('union', { clock: testClock().now });
    await union.service.users.create({ agency: 'union', username: 'wang', displayName: '王', password: PASSWORD, roles: ['liaison'] });
    const real = [];
    const unknown = [];
    for (let i = 0; i < 8; i++) {
      real.push(await login(union.url, 'wang', WRONG, { 'x-forwarded-for': `10.1.0.${i}` }));
      unknown.push(await login(union.url, 'nobody-here', WRONG, { 'x-forwarded-for': `10.2.0.${i}` }));
    }
    const a = await Promise.all(
      real.map(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as Record<string, unknown> })),
    );
    const b = await Promise.all(
      unknown.map(async (r) => ({ status: r.status, retryAfter: r.headers.get('retry-after'), body: (await r.json()) as Record<string, unknown> })),
    );
    const strip = (x: { status: number; retryAfter: string | null; body: Record<string, unknown> }) => {
      const { requestId: _r, instance: _i, ...body } = x.body;
      return { status: x.status, retryAfter: x.retryAfter, body };
    };
    expect(b.map(strip)).toEqual(a.map(strip));
    expect(a.map((x) => x.status)).toEqual([401, 401, 401, 401, 401, 423, 423, 423]);
  });

  it('given 50 wrong passwords at once, when they race, then the name is locked all the same and at most 5 were checked', async () => {
    const e = env();
    const union = await e.boot('union');
    await union.service.users.create({ agency: 'union', username: 'li', displayName: '李', password: PASSWORD, roles: ['liaison'] });
    const got = await answers(await Promise.all(Array.from({ length: 50 }, (_, i) => login(union.url, 'li', WRONG, { 'x-forwarded-for': `10.3.0.${i}` }))));
    expect(got.filter((a) => a.status === 401)).toHaveLength(5);
    expect(got.filter((a) => a.status === 423)).toHaveLength(45);
    expect((await login(union.url, 'li', PASSWORD, { 'x-forwarded-for': '10.3.1.1' })).status).toBe(423);
    expect(await union.service.loginGuard.lockedUntil('union', 'li')).not.toBeNull();
  });

  it('given a locked user, when the agency’s admin unlocks them, then the right password works at once; and a lock also runs out by itself', async () => {
    const clock = testClock();
    const e = env();
    const union = await e.boot('union', { clock: clock.now });
    const user = await union.service.users.create({ agency: 'union', username: 'zhao', displayName: '赵', password: PASSWORD, roles: ['liaison'] });
    await union.service.users.create({ agency: 'union', username: 'boss', displayName: '管理员', password: PASSWORD, roles: ['admin'] });
    for (let i = 0; i < 6; i++) await login(union.url, 'zhao', WRONG, { 'x-forwarded-for': `10.4.0.${i}` });
    expect((await login(union.url, 'zhao', PASSWORD, { 'x-forwarded-for': '10.4.1.1' })).status).toBe(423);

    const admin = (await (await login(union.url, 'boss', PASSWORD)).json()) as { token: string };
    const liaison = await union.as(['liaison']);
    expect((await liaison('POST', `/api/admin/users/${user.id}/unlock`)).status).toBe(403);
    const unlocked = await request(union.url, admin.token)('POST', `/api/admin/users/${user.id}/unlock`);
    expect(unlocked).toMatchObject({ status: 200, body: { wasLocked: true, user: { username: 'zhao' } } });
    expect((await login(union.url, 'zhao', PASSWORD, { 'x-forwarded-for': '10.4.1.2' })).status).toBe(201);

    for (let i = 0; i < 6; i++) await login(union.url, 'zhao', WRONG, { 'x-forwarded-for': `10.4.2.${i}` });
    clock.advance(29 * 60_000);
    expect((await login(union.url, 'zhao', PASSWORD, { 'x-forwarded-for': '10.4.3.1' })).status).toBe(423);
    clock.advance(60_000);
    expect((await login(union.url, 'zhao', PASSWORD, { 'x-forwarded-for': '10.4.3.2' })).status).toBe(201);
  });

  it('given wrong passwords for many names from one address, when the address passes 20 failures, then it gets 429 with Retry-After while other addresses sign in', async () => {
    const e = env();
    const union = await e.boot('union');
    await union.service.users.create({ agency: 'union', username: 'chen', displayName: '陈', password: PASSWORD, roles: ['liaison'] });
    const attacker = { 'x-forwarded-for': '203.0.113.7' };
    const got = await answers(await Promise.all(Array.from({ length: 30 }, (_, i) => login(union.url, `name${i}`, WRONG, attacker))));
    expect(got.filter((a) => a.status === 401)).toHaveLength(20);
    const limited = got.filter((a) => a.status === 429);
    expect(limited).toHaveLength(10);
    expect(limited[0]).toMatchObject({ type: 'urn:hub:problem:login-rate-limited' });
    expect(Number(limited[0]!.retryAfter)).toBeGreaterThan(0);
    // The address is refused even with the right password; another address is not.
    expect((await login(union.url, 'chen', PASSWORD, attacker)).status).toBe(429);
    expect((await login(union.url, 'chen', PASSWORD, { 'x-forwarded-for': '198.51.100.4' })).status).toBe(201);
  });
});

describe('sign-in failures in the security log', () => {
  it('given 7 wrong passwords, then the log holds each failure (the name tried, never the password), the lock, and the refusals while locked; an admin unlock is logged too', async () => {
    const e = env();
    const union = await e.boot('union');
    const user = await union.service.users.create({ agency: 'union', username: 'zhao', displayName: '赵', password: PASSWORD, roles: ['liaison'] });
    for (let i = 0; i < 7; i++) await login(union.url, 'zhao', WRONG, { 'x-forwarded-for': `10.0.2.${i}` });
    const log = union.service.securityLog;
    const entries = (await log.list({ limit: 100 })).reverse();
    const failed = entries.filter((x) => x.kind === 'sign_in_failed');
    expect(failed).toHaveLength(7);
    expect(failed.map((x) => (x.detail as { reason?: string }).reason)).toEqual([...Array(5).fill('wrong_credentials'), 'locked', 'locked']);
    expect(entries.filter((x) => x.kind === 'account_locked')).toHaveLength(1);
    expect(JSON.stringify(entries)).not.toContain(WRONG);
    await union.service.users.create({ agency: 'union', username: 'boss', displayName: '管理员', password: PASSWORD, roles: ['admin'] });
    const admin = (await (await login(union.url, 'boss', PASSWORD)).json()) as { token: string };
    expect((await request(union.url, admin.token)('POST', `/api/admin/users/${user.id}/unlock`)).status).toBe(200);
    expect(await log.list({ limit: 100, kinds: ['account_unlocked'] })).toHaveLength(1);
    expect(await log.verify()).toMatchObject({ ok: true });
  });
});
