import { describe, expect, it } from 'vitest';
import { env, PASSWORD, request } from '../support.js';

const signIn = (url: string, username: string, password = PASSWORD) => request(url)('POST', '/api/session', { username, password });

/** A union service with its admin `boss` and a liaison `zhou`, each signed in. */
async function agency() {
  const union = await env().boot('union');
  const users = union.service.users;
  await users.create({ agency: 'union', username: 'boss', displayName: '管理员', password: PASSWORD, roles: ['admin'] });
  const zhou = await users.create({ agency: 'union', username: 'zhou', displayName: '周', password: PASSWORD, roles: ['liaison'] });
  const admin = request(union.url, (await signIn(union.url, 'boss')).body.token as string);
  const zhouSession = request(union.url, (await signIn(union.url, 'zhou')).body.token as string);
  return { union, admin, zhou, zhouSession, log: union.service.securityLog };
}

describe('user and role changes by the agency admin (等保 2.0: 访问控制, 安全审计), over HTTP against a real service', () => {
  it('given a liaison signed in, when the admin makes them an auditor, then their session ends, the next one carries the new roles, and the change is in the security log', async () => {
    const { union, admin, zhou, zhouSession, log } = await agency();
    const changed = await admin('PUT', `/api/admin/users/${zhou.id}/roles`, { roles: ['auditor'] });
    expect(changed).toMatchObject({ status: 200, body: { sessionsEnded: 1, user: { id: zhou.id, roles: ['auditor'] } } });
    expect((await zhouSession('GET', '/api/session')).status).toBe(401);
    const again = await signIn(union.url, 'zhou');
    expect(again).toMatchObject({ status: 201, body: { user: { roles: ['auditor'] } } });
    const [entry] = await log.list({ limit: 10, kinds: ['role_changed'] });
    expect(entry).toMatchObject({
      subject: `user-${zhou.id}`,
      outcome: 'success',
      detail: { username: 'zhou', from: ['liaison'], to: ['auditor'], sessionsEnded: 1 },
    });
    expect(entry!.actor.name).toBe('管理员');
    expect(await log.verify()).toMatchObject({ ok: true });
  });

  it('given a user, when the admin disables them, then they cannot sign in (the same 401 as a wrong password) until enabled again, and both are logged', async () => {
    const { union, admin, zhou, zhouSession, log } = await agency();
    expect(await admin('POST', `/api/admin/users/${zhou.id}/disable`)).toMatchObject({ status: 200, body: { sessionsEnded: 1, user: { disabled: true } } });
    expect((await zhouSession('GET', '/api/session')).status).toBe(401);
    expect((await signIn(union.url, 'zhou')).status).toBe(401);
    expect(await admin('POST', `/api/admin/users/${zhou.id}/enable`)).toMatchObject({ status: 200, body: { sessionsEnded: 0, user: { disabled: false } } });
    expect((await signIn(union.url, 'zhou')).status).toBe(201);
    expect((await log.list({ limit: 10, kinds: ['user_changed'] })).map((x) => x.detail['disabled'])).toEqual([false, true]);
  });

  it('given the only enabled admin, when anyone would disable them or take their admin role, then 409 last_admin and nothing changes; with a second admin it is allowed', async () => {
    const { union, admin, log } = await agency();
    const boss = (await union.service.users.byUsername('union', 'boss'))!;
    for (const [method, path, body] of [
      ['PUT', `/api/admin/users/${boss.id}/roles`, { roles: ['auditor'] }],
      ['POST', `/api/admin/users/${boss.id}/disable`, undefined],
    ] as const) {
      const refused = await admin(method, path, body);
      expect(refused).toMatchObject({ status: 409, body: { ruleId: 'last_admin' } });
      expect(refused.body.detail).toContain('唯一启用的管理员');
    }
    expect(await union.service.users.get(boss.id)).toMatchObject({ roles: ['admin'], disabled: false });
    expect(await log.list({ limit: 10, kinds: ['role_changed', 'user_changed'] })).toEqual([]);

    const li = await union.service.users.create({ agency: 'union', username: 'li', displayName: '李', password: PASSWORD, roles: ['liaison'] });
    expect((await admin('PUT', `/api/admin/users/${li.id}/roles`, { roles: ['liaison', 'admin'] })).status).toBe(200);
    expect(await admin('PUT', `/api/admin/users/${boss.id}/roles`, { roles: ['auditor'] })).toMatchObject({
      status: 200,
      body: { user: { roles: ['auditor'] } },
    });
  });

  it('given bad input or an unknown user, then 400 or 404 in plain words, and nobody changes', async () => {
    const { union, admin, zhou } = await agency();
    for (const body of [{ roles: [] }, { roles: ['king'] }, { roles: 'admin' }, {}, { roles: ['liaison'], extra: 1 }]) {
      expect((await admin('PUT', `/api/admin/users/${zhou.id}/roles`, body)).status, JSON.stringify(body)).toBe(400);
    }
    expect((await admin('PUT', '/api/admin/users/no-such-user/roles', { roles: ['liaison'] })).status).toBe(404);
    expect((await admin('POST', '/api/admin/users/no-such-user/disable')).status).toBe(404);
    expect(await union.service.users.get(zhou.id)).toMatchObject({ roles: ['liaison'], disabled: false });
  });

  it('given a liaison, when they try to change roles, then 403', async () => {
    const { zhou, zhouSession } = await agency();
    expect((await zhouSession('PUT', `/api/admin/users/${zhou.id}/roles`, { roles: ['admin'] })).status).toBe(403);
  });
});
