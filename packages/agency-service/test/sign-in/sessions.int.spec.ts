import { revokedSessionOf, agencyStream } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { env, PASSWORD, request } from '../support.js';

const MINUTE = 60_000;

/** A clock the spec moves. */
function testClock(start = Date.parse('2026-03-02T01:00:00Z')) {
  let t = start;
  return { now: () => new Date(t), advance: (ms: number) => (t += ms) };
}

async function signIn(url: string, username: string, userAgent = 'spec') {
  const res = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': userAgent },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

const jtiOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string }).jti;

describe('sessions (等保 2.0: 会话超时), against a real service', () => {
  it('given a session left alone for 30 minutes, when it is used, then it has ended (401 session-idle); one used within the time lives on', async () => {
    const clock = testClock();
    const e = env();
    const union = await e.boot('union', { clock: clock.now });
    await union.service.users.create({ agency: 'union', username: 'wu', displayName: '吴', password: PASSWORD, roles: ['liaison'] });
    const busy = request(union.url, await signIn(union.url, 'wu'));
    const idle = request(union.url, await signIn(union.url, 'wu'));
    for (let i = 0; i < 4; i++) {
      clock.advance(10 * MINUTE);
      expect((await busy('GET', '/api/session')).status).toBe(200);
    }
    // 40 minutes after its last use, well inside the 8-hour lifetime.
    const refused = await idle('GET', '/api/session');
    expect(refused).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:session-idle', detail: '长时间没有操作，会话已结束，请重新登录' } });
    expect((await busy('GET', '/api/inbox')).status).toBe(200);
    // And it stays ended.
    expect((await idle('GET', '/api/session')).status).toBe(401);
  });

  it('given sessions that went idle, when the sweeper runs, then the store learns of each once (SessionRevoked), for the hub', async () => {
    const clock = testClock();
    const e = env();
    const union = await e.boot('union', { clock: clock.now });
    await union.service.users.create({ agency: 'union', username: 'sun', displayName: '孙', password: PASSWORD, roles: ['liaison'] });
    const token = await signIn(union.url, 'sun');
    expect(await union.service.sessionSweeper.run()).toBe(0);
    clock.advance(31 * MINUTE);
    expect(await union.service.sessionSweeper.run()).toBe(1);
    expect(await union.service.sessionSweeper.run()).toBe(0);
    const revoked = [];
    for await (const event of e.store.readStream(agencyStream('union'))) {
      const r = revokedSessionOf(event);
      if (r) revoked.push(r.sessionId);
    }
    expect(revoked).toEqual([jtiOf(token)]);
  });

  it('given a person signed in twice, when they list their sessions and end the other one, then that one is refused and theirs goes on; another person’s session is not theirs to end', async () => {
    const e = env();
    const union = await e.boot('union');
    await union.service.users.create({ agency: 'union', username: 'ma', displayName: '马', password: PASSWORD, roles: ['liaison'] });
    await union.service.users.create({ agency: 'union', username: 'niu', displayName: '牛', password: PASSWORD, roles: ['liaison'] });
    const office = await signIn(union.url, 'ma', 'office-pc');
    const phone = await signIn(union.url, 'ma', 'phone');
    const other = await signIn(union.url, 'niu');
    const me = request(union.url, office);

    const listed = await me('GET', '/api/sessions');
    expect(listed.status).toBe(200);
    expect(listed.body.sessions.map((s: { sessionId: string; current: boolean; userAgent: string }) => [s.sessionId, s.current, s.userAgent])).toEqual([
      [jtiOf(phone), false, 'phone'],
      [jtiOf(office), true, 'office-pc'],
    ]);

    expect((await me('DELETE', `/api/sessions/${jtiOf(other)}`)).status).toBe(404);
    expect((await me('DELETE', `/api/sessions/${jtiOf(phone)}`)).status).toBe(204);
    expect(await request(union.url, phone)('GET', '/api/session')).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:session-revoked' } });
    expect((await me('GET', '/api/session')).status).toBe(200);
    expect((await request(union.url, other)('GET', '/api/session')).status).toBe(200);
    expect((await me('GET', '/api/sessions')).body.sessions.map((s: { sessionId: string }) => s.sessionId)).toEqual([jtiOf(office)]);
    // Ending it again: it is gone.
    expect((await me('DELETE', `/api/sessions/${jtiOf(phone)}`)).status).toBe(404);
  });
});
