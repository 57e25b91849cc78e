import { signInSettings } from '@hub/service-kit';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { auditFixture, bootAgency } from './audit/support.js';
import { POLL } from './live/support.js';
import type { HubFixture } from './support/fixture.js';

const PASSWORD = '正确的密码-Correct-Horse-9';
const WRONG = 'Wrong-Guess-2026';
const MINUTE = 60_000;

/** A call to the union's API through the hub's gateway (`/agencies/union/api/…`), as the console makes it. */
async function gateway(fx: HubFixture, method: string, path: string, options: { token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${fx.url}/agencies/union${path}`, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text ? JSON.parse(text) : null };
}

const signIn = (fx: HubFixture, username: string, password = PASSWORD) => gateway(fx, 'POST', '/api/session', { body: { username, password } });
const jtiOf = (token: string) => (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string }).jti;

async function unionBehindHub(settings?: Record<string, string>) {
  const fx = await auditFixture({ consoleDir: false });
  const union = await bootAgency(fx, 'union', settings ? { signIn: signInSettings(settings) } : {});
  fx.agencyUrls.union = union.url;
  return { fx, union };
}

describe('sign-in through the hub’s gateway (issue 15)', () => {
  it('given wrong passwords through the gateway, when the sixth comes, then it is 423 with Retry-After, the same for an unknown name, and the admin’s unlock works through it too', async () => {
    const { fx, union } = await unionBehindHub();
    const user = await union.service.users.create({ agency: 'union', username: 'wang', displayName: '王', password: PASSWORD, roles: ['liaison'] });
    await union.service.users.create({ agency: 'union', username: 'boss', displayName: '管理员', password: PASSWORD, roles: ['admin'] });
    const real = [];
    const unknown = [];
    for (let i = 0; i < 7; i++) {
      real.push(await signIn(fx, 'wang', WRONG));
      unknown.push(await signIn(fx, 'nobody', WRONG));
    }
    expect(real.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 423, 423]);
    expect(unknown.map((r) => [r.status, r.retryAfter, r.body.type, r.body.detail])).toEqual(
      real.map((r) => [r.status, r.retryAfter, r.body.type, r.body.detail]),
    );
    expect(real[5]).toMatchObject({ retryAfter: String(30 * 60), body: { type: 'urn:hub:problem:login-locked' } });
    expect((await signIn(fx, 'wang')).status).toBe(423);

    const admin = (await signIn(fx, 'boss')).body.token as string;
    expect((await gateway(fx, 'POST', `/api/admin/users/${user.id}/unlock`, { token: admin })).status).toBe(200);
    expect((await signIn(fx, 'wang')).status).toBe(201);
  });

  it('given a session ended from the person’s list through the gateway, when it is used at the hub, then the hub refuses it too', async () => {
    const { fx, union } = await unionBehindHub();
    await union.service.users.create({ agency: 'union', username: 'ma', displayName: '马', password: PASSWORD, roles: ['auditor'] });
    const kept = (await signIn(fx, 'ma')).body.token as string;
    const ended = (await signIn(fx, 'ma')).body.token as string;
    const first = await fx.request('GET', '/api/cases', ended);
    expect(first.status, JSON.stringify(first.body)).toBe(200);

    const listed = await gateway(fx, 'GET', '/api/sessions', { token: kept });
    expect(listed.body.sessions.map((s: { sessionId: string }) => s.sessionId).sort()).toEqual([jtiOf(kept), jtiOf(ended)].sort());
    expect((await gateway(fx, 'DELETE', `/api/sessions/${jtiOf(ended)}`, { token: kept })).status).toBe(204);
    await expect.poll(async () => (await fx.request('GET', '/api/cases', ended)).status, POLL).toBe(401);
    expect((await fx.request('GET', '/api/cases', kept)).status).toBe(200);
  });

  it('given one session used only at the hub and one left alone, when 40 minutes pass, then the first lives on and the second has ended at the agency and, after the sweep, at the hub', async () => {
    const { fx, union } = await unionBehindHub();
    await union.service.users.create({ agency: 'union', username: 'sun', displayName: '孙', password: PASSWORD, roles: ['auditor'] });
    const working = (await signIn(fx, 'sun')).body.token as string;
    const idle = (await signIn(fx, 'sun')).body.token as string;
    for (let i = 0; i < 4; i++) {
      fx.advance(10 * MINUTE);
      expect((await fx.request('GET', '/api/cases', working)).status).toBe(200);
      await fx.hub.activity.settle();
    }
    expect((await gateway(fx, 'GET', '/api/session', { token: working })).status).toBe(200);
    expect(await gateway(fx, 'GET', '/api/session', { token: idle })).toMatchObject({ status: 401, body: { type: 'urn:hub:problem:session-idle' } });

    // The hub checks the signature and the lifetime itself; the idle end reaches it as the agency's SessionRevoked.
    expect(await union.service.sessionSweeper.run()).toBe(1);
    await expect.poll(async () => (await fx.request('GET', '/api/cases', idle)).status, POLL).toBe(401);
    expect((await fx.request('GET', '/api/cases', working)).status).toBe(200);
  });

  it('given the default setting, when an auditor enrols and signs in through the gateway, then the second factor works there as at the agency: a code once, a recovery code once, and the hub takes the session', async () => {
    const { fx, union } = await unionBehindHub({});
    await union.service.users.create({ agency: 'union', username: 'shen', displayName: '沈', password: PASSWORD, roles: ['auditor'] });
    expect((await signIn(fx, 'shen')).body.type).toBe('urn:hub:problem:second-factor-enrolment-required');
    const started = await gateway(fx, 'POST', '/api/session/second-factor/enrolment', { body: { username: 'shen', password: PASSWORD } });
    expect(started.status).toBe(201);
    const codeNow = () => generate({ secret: started.body.secret as string, epoch: Math.floor(fx.now().getTime() / 1000) });
    const confirmed = await gateway(fx, 'POST', '/api/session/second-factor', { body: { username: 'shen', password: PASSWORD, code: await codeNow() } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(201);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];

    fx.advance(30_000);
    expect((await signIn(fx, 'shen')).body.type).toBe('urn:hub:problem:second-factor-required');
    const code = await codeNow();
    const withCode = await gateway(fx, 'POST', '/api/session', { body: { username: 'shen', password: PASSWORD, code } });
    expect(withCode.status).toBe(201);
    expect((await fx.request('GET', '/api/cases', withCode.body.token)).status).toBe(200);
    expect((await gateway(fx, 'POST', '/api/session', { body: { username: 'shen', password: PASSWORD, code } })).body.type).toBe(
      'urn:hub:problem:second-factor-failed',
    );
    const withRecovery = await gateway(fx, 'POST', '/api/session', { body: { username: 'shen', password: PASSWORD, recoveryCode: recoveryCodes[3] } });
    expect(withRecovery).toMatchObject({ status: 201, body: { recoveryCodesLeft: 9 } });
    expect((await gateway(fx, 'POST', '/api/session', { body: { username: 'shen', password: PASSWORD, recoveryCode: recoveryCodes[3] } })).status).toBe(401);
  });
});
