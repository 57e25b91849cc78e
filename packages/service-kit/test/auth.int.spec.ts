import { SqliteEventStore, type EventStore, type RecordedEvent } from '@hub/event-store';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agencyStream,
  authenticate,
  createAdminRouter,
  createFirstAdmin,
  createServiceApp,
  createSessionRouter,
  createSigner,
  KeyRing,
  localSessionKeys,
  LoginGuard,
  SessionRegistry,
  openLocalDb,
  SqliteSqlDb,
  publishedKeyOf,
  publishedSessionKeys,
  requireRole,
  RevocationList,
  revokedSessionOf,
  type SqlDb,
  ServiceAccountStore,
  SessionIssuer,
  SessionVerifier,
  UserStore,
  verifyStreamSignatures,
} from '../src/index.js';
import { ENGINES, type ScratchDb } from './engines.js';
import { eventually, listen, memoryLogger, tempDir, type Running } from './helpers.js';

const ADMIN_PASSWORD = 'Union-Chief-2026';
/** What the admin gives; the liaison changes it at the first sign-in to LIAISON_PASSWORD. */
const GIVEN_PASSWORD = 'Given-by-Admin-77';
const LIAISON_PASSWORD = 'Li-Lianluo-2026';

for (const engine of ENGINES) {
  describe(`sign-in over HTTP, its data on ${engine.name}`, async () => {
    const tmp = tempDir();
    const store = new SqliteEventStore({ path: ':memory:' });
    // The key ring stays in the local SQLite file; the sign-in data is on the engine under test.
    const db = openLocalDb(`${tmp.dir}/union.local.db`);
    const ring = await KeyRing.open(new SqliteSqlDb(db));
    const issuer = new SessionIssuer(await ring.current('sessions'), 480);
    // The court's key is trusted too (as the hub would), so a court admin gets as far as the agency check.
    const courtKey = await (await KeyRing.open(SqliteSqlDb.open(':memory:'))).current('sessions');
    const own = localSessionKeys('union', ring.all('sessions'));
    const published = publishedSessionKeys([publishedKeyOf('court', courtKey)]);
    const { logger, lines } = memoryLogger('union');
    let server: Running;
    let scratch: ScratchDb;
    /** A second replica of the service on the same sign-in data (another connection or pool), on its own port. */
    let replica: Running;
    const signer = createSigner(await ring.current('events'));
    /** The store as the session router sees it; `storeDown` makes its appends fail. */
    let storeDown = false;
    const routerStore: EventStore = {
      engine: 'sqlite',
      append: (stream, events, options) => (storeDown ? Promise.reject(new Error('store unreachable')) : store.append(stream, events, options)),
      readStream: (stream, options) => store.readStream(stream, options),
      readAll: (options) => store.readAll(options),
      subscribeToAll: (options) => store.subscribeToAll(options),
      subscribeToStream: (stream, options) => store.subscribeToStream(stream, options),
      verifyStream: (stream) => store.verifyStream(stream),
      headPosition: () => store.headPosition(),
      close: () => store.close(),
    };

    async function agencyEvents(): Promise<RecordedEvent[]> {
      const events: RecordedEvent[] = [];
      for await (const event of store.readStream(agencyStream('union'))) events.push(event);
      return events;
    }

    /** The agency's sign-in over HTTP, its data on `sql`: what each replica of the service runs. */
    async function serviceOn(sql: SqlDb): Promise<Running> {
      const users = await UserStore.open(sql);
      const serviceAccounts = await ServiceAccountStore.open(sql);
      const revocations = await RevocationList.open(sql);
      const guard = await LoginGuard.open(sql);
      const sessions = await SessionRegistry.open(sql, 30);
      const verifier = new SessionVerifier({ keys: (kid) => own(kid) ?? published(kid), revocations, activity: sessions });
      const auth = authenticate({ sessions: verifier, serviceAccounts });
      const app = createServiceApp({
        name: 'union',
        logger,
        store,
        routes: (app) => {
          app.use(createSessionRouter({ agency: 'union', users, issuer, revocations, store: routerStore, signer, authenticate: auth, guard, sessions }));
          app.use(createAdminRouter({ agency: 'union', users, serviceAccounts, authenticate: auth, guard, sessions }));
          app.post('/api/acts', auth, requireRole('liaison'), (req, res) => {
            res.json({ actor: req.actor });
          });
        },
      });
      return listen(app);
    }

    beforeAll(async () => {
      scratch = await engine.open();
      await createFirstAdmin({ db: scratch.db, agency: 'union', username: 'admin', password: ADMIN_PASSWORD, displayName: '管理员' });
      server = await serviceOn(scratch.db);
      replica = await serviceOn(scratch.replica());
    });

    afterAll(async () => {
      await server.close();
      await replica.close();
      await store.close();
      await scratch.done();
      db.close();
      tmp.cleanup();
    });

    function call(method: string, path: string, options: { token?: string; apiKey?: string; body?: unknown; at?: Running } = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers['authorization'] = `Bearer ${options.token}`;
      if (options.apiKey) headers['authorization'] = `ApiKey ${options.apiKey}`;
      return fetch((options.at ?? server).url + path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
    }

    async function login(username: string, password: string): Promise<string> {
      const res = await call('POST', '/api/session', { body: { username, password } });
      expect(res.status).toBe(201);
      return ((await res.json()) as { token: string }).token;
    }

    const problemCore = async (res: Response) => {
      const { requestId: _r, ...rest } = (await res.json()) as Record<string, unknown>;
      return rest;
    };

    describe('sessions over HTTP', () => {
      it('logs in, and says the same thing for a wrong password and an unknown user', async () => {
        const wrong = await call('POST', '/api/session', { body: { username: 'admin', password: 'wrong-password-1' } });
        const unknown = await call('POST', '/api/session', { body: { username: 'nobody', password: 'wrong-password-1' } });
        expect(wrong.status).toBe(401);
        expect(unknown.status).toBe(401);
        expect(wrong.headers.get('www-authenticate')).toContain('Bearer');
        const a = await problemCore(wrong);
        expect(a).toMatchObject({ detail: '用户名或密码错误', detailEn: 'Wrong username or password' });
        expect(await problemCore(unknown)).toEqual(a);

        const res = await call('POST', '/api/session', { body: { username: 'ADMIN', password: ADMIN_PASSWORD } });
        expect(res.status).toBe(201);
        const body = (await res.json()) as { token: string; expiresAt: string; user: Record<string, unknown> };
        expect(body.user).toMatchObject({ username: 'admin', agency: 'union', roles: ['admin'], displayName: '管理员' });
        expect(body.user).not.toHaveProperty('passwordHash');
        const me = await call('GET', '/api/session', { token: body.token });
        expect(await me.json()).toMatchObject({ actor: { agency: 'union', roles: ['admin'], name: '管理员', kind: 'user' } });
      });

      it('answers a missing or malformed login with 400/401, never 500', async () => {
        expect((await call('POST', '/api/session', { body: { username: 'admin' } })).status).toBe(400);
        expect((await call('GET', '/api/session')).status).toBe(401);
        expect((await fetch(`${server.url}/api/session`, { headers: { authorization: 'Basic abc' } })).status).toBe(401);
      });

      it('revokes the session on logout', async () => {
        const token = await login('admin', ADMIN_PASSWORD);
        expect((await call('DELETE', '/api/session', { token })).status).toBe(204);
        const after = await call('GET', '/api/session', { token });
        expect(after.status).toBe(401);
        expect(await after.json()).toMatchObject({ type: 'urn:hub:problem:session-revoked' });
      });

      it("records the logout on the store: SessionRevoked in the agency's own stream, signed, naming no one", async () => {
        const token = await login('admin', ADMIN_PASSWORD);
        const { jti, exp } = decodeJwt(token);
        const before = Date.now();
        expect((await call('DELETE', '/api/session', { token })).status).toBe(204);
        const recorded = (await agencyEvents()).filter((e) => e.type === 'SessionRevoked' && (e.data as { sessionId?: string }).sessionId === jti);
        expect(recorded).toHaveLength(1);
        const event = recorded[0]!;
        expect(event.data).toEqual({ sessionId: jti, expiresAt: new Date(exp! * 1000).toISOString(), revokedAt: expect.any(String) });
        expect(Date.parse((event.data as { revokedAt: string }).revokedAt)).toBeGreaterThanOrEqual(before - 1000);
        expect(event.metadata).toMatchObject({ agency: 'union', schemaVersion: 1 });
        expect(event.metadata).not.toHaveProperty('actor');
        expect(event.metadata).not.toHaveProperty('userName');
        expect(JSON.stringify({ data: event.data, metadata: event.metadata })).not.toMatch(/admin|管理员/);
        expect(revokedSessionOf(event)).toEqual({ agency: 'union', sessionId: jti, expiresAt: new Date(exp! * 1000) });
        const report = await verifyStreamSignatures(store, agencyStream('union'), [publishedKeyOf('union', await ring.current('events'))]);
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
      });

      it('still logs out when the store cannot take the SessionRevoked, and says so in the log', async () => {
        const token = await login('admin', ADMIN_PASSWORD);
        const { jti } = decodeJwt(token);
        const count = (await agencyEvents()).length;
        storeDown = true;
        try {
          expect((await call('DELETE', '/api/session', { token })).status).toBe(204);
        } finally {
          storeDown = false;
        }
        const after = await call('GET', '/api/session', { token });
        expect(after.status).toBe(401);
        expect(await after.json()).toMatchObject({ type: 'urn:hub:problem:session-revoked' });
        expect(await agencyEvents()).toHaveLength(count);
        expect(lines.some((l) => l['level'] === 40 && l['sessionId'] === jti && String(l['msg']).includes('SessionRevoked could not be recorded'))).toBe(true);
      });

      it('says the session expired for an expired token', async () => {
        const past = new SessionIssuer(await ring.current('sessions'), 60, () => new Date(Date.now() - 2 * 3600_000));
        const res = await call('GET', '/api/session', { token: (await past.issue({ id: 'u', agency: 'union', roles: ['liaison'], displayName: 'x' })).token });
        expect(res.status).toBe(401);
        expect(await res.json()).toMatchObject({ type: 'urn:hub:problem:session-expired', detail: '会话已过期，请重新登录' });
      });
    });

    describe('admin endpoints and roles', () => {
      it('lets the agency admin create users, who act by their roles', async () => {
        const admin = await login('admin', ADMIN_PASSWORD);
        const created = await call('POST', '/api/admin/users', {
          token: admin,
          body: { username: 'liaison.li', displayName: '李联络', password: GIVEN_PASSWORD, roles: ['liaison'] },
        });
        expect(created.status).toBe(201);
        const dup = await call('POST', '/api/admin/users', {
          token: admin,
          body: { username: 'liaison.li', displayName: 'x', password: LIAISON_PASSWORD, roles: ['liaison'] },
        });
        expect(dup.status).toBe(409);
        expect(await dup.json()).toMatchObject({ ruleId: 'username_taken' });
        const short = await call('POST', '/api/admin/users', {
          token: admin,
          body: { username: 'shorty', displayName: 'x', password: 'short', roles: ['auditor'] },
        });
        expect(short.status).toBe(400);
        expect(await short.json()).toMatchObject({ errors: [{ path: 'password' }] });

        const list = (await (await call('GET', '/api/admin/users', { token: admin })).json()) as { users: { username: string }[] };
        expect(list.users.map((u) => u.username)).toEqual(['admin', 'liaison.li']);

        // Created by an admin: no session before the liaison chooses a password of their own.
        const first = await call('POST', '/api/session', { body: { username: 'liaison.li', password: GIVEN_PASSWORD } });
        expect(first.status).toBe(403);
        expect(await first.json()).toMatchObject({ type: 'urn:hub:problem:password-change-required' });
        const changed = await call('POST', '/api/session/password', {
          body: { username: 'liaison.li', password: GIVEN_PASSWORD, newPassword: LIAISON_PASSWORD },
        });
        expect(changed.status).toBe(201);
        const liaison = await login('liaison.li', LIAISON_PASSWORD);
        const acted = await call('POST', '/api/acts', { token: liaison, body: {} });
        expect(acted.status).toBe(200);
        expect((await call('POST', '/api/acts', { token: admin, body: {} })).status).toBe(403);
        expect((await call('GET', '/api/admin/users', { token: liaison })).status).toBe(403);
      });

      it("refuses another agency's admin", async () => {
        const courtAdmin = await new SessionIssuer(courtKey, 60).issue({ id: 'c1', agency: 'court', roles: ['admin'], displayName: '法院管理员' });
        const res = await call('GET', '/api/admin/users', { token: courtAdmin.token });
        expect(res.status).toBe(403);
      });

      it('creates a service account whose API key is shown once and acts by its roles', async () => {
        const admin = await login('admin', ADMIN_PASSWORD);
        const res = await call('POST', '/api/admin/service-accounts', { token: admin, body: { name: '12351 热线平台', roles: ['liaison'] } });
        expect(res.status).toBe(201);
        const { account, apiKey } = (await res.json()) as { account: { id: string; keyHints: string[] }; apiKey: string };
        expect(apiKey).toMatch(/^hub_union_[0-9a-f]{64}$/);
        expect(account.keyHints).toEqual([apiKey.slice(0, 'hub_union_'.length + 6)]);
        const listed = JSON.stringify(await (await call('GET', '/api/admin/service-accounts', { token: admin })).json());
        expect(listed).not.toContain(apiKey);

        const acted = await call('POST', '/api/acts', { apiKey, body: {} });
        expect(await acted.json()).toMatchObject({
          actor: { agency: 'union', userId: account.id, kind: 'service', roles: ['liaison'], name: '12351 热线平台' },
        });
        // One hex digit changed (to another digit: a key ending in 0 stays wrong when the last is flipped to 1).
        const wrongKey = `${apiKey.slice(0, -1)}${apiKey.endsWith('0') ? '1' : '0'}`;
        expect((await call('POST', '/api/acts', { apiKey: wrongKey, body: {} })).status).toBe(401);
        expect((await call('DELETE', '/api/session', { apiKey })).status).toBe(401);
        const admins = await call('POST', '/api/admin/service-accounts', { token: admin, body: { name: 'robot admin', roles: ['admin'] } });
        expect(admins.status).toBe(400);
      });

      it('given a service account, when an admin issues it another key, then both keys act and the new one is shown once; a missing account gets 404, a liaison 403', async () => {
        const admin = await login('admin', ADMIN_PASSWORD);
        const created = (await (
          await call('POST', '/api/admin/service-accounts', { token: admin, body: { name: '12351 热线平台（轮换）', roles: ['liaison'] } })
        ).json()) as { account: { id: string }; apiKey: string };
        const rolled = await call('POST', `/api/admin/service-accounts/${created.account.id}/keys`, { token: admin });
        expect(rolled.status).toBe(201);
        const { account, apiKey } = (await rolled.json()) as { account: { id: string; keyHints: string[] }; apiKey: string };
        expect(apiKey).not.toBe(created.apiKey);
        expect(account.keyHints).toHaveLength(2);
        for (const key of [created.apiKey, apiKey]) expect((await call('POST', '/api/acts', { apiKey: key, body: {} })).status).toBe(200);
        expect(JSON.stringify(await (await call('GET', '/api/admin/service-accounts', { token: admin })).json())).not.toContain(apiKey);
        expect((await call('POST', '/api/admin/service-accounts/no-such-account/keys', { token: admin })).status).toBe(404);
        const liaison = await login('liaison.li', LIAISON_PASSWORD);
        expect((await call('POST', `/api/admin/service-accounts/${created.account.id}/keys`, { token: liaison })).status).toBe(403);
      });

      it('writes who acted into the access log', async () => {
        const liaison = await login('liaison.li', LIAISON_PASSWORD);
        await call('POST', '/api/acts', { token: liaison, body: {} });
        await eventually(() =>
          lines.some((l) => l['path'] === '/api/acts' && l['status'] === 200 && l['agency'] === 'union' && typeof l['userId'] === 'string'),
        );
        expect(JSON.stringify(lines)).not.toContain(LIAISON_PASSWORD);
      });
    });

    // Issue 17: replicas of the service over one database answer as one service.
    describe('two replicas on the same data', () => {
      it('given a session issued at one replica, when it is signed out at the other, then it ends at both', async () => {
        const token = await login('admin', ADMIN_PASSWORD);
        const { jti } = decodeJwt(token);
        expect(await (await call('GET', '/api/session', { token, at: replica })).json()).toMatchObject({ actor: { agency: 'union', sessionId: jti } });
        const listed = (await (await call('GET', '/api/sessions', { token, at: replica })).json()) as { sessions: { sessionId: string; current: boolean }[] };
        expect(listed.sessions).toContainEqual(expect.objectContaining({ sessionId: jti, current: true }));

        expect((await call('DELETE', '/api/session', { token, at: replica })).status).toBe(204);
        for (const at of [server, replica]) {
          const after = await call('GET', '/api/session', { token, at });
          expect(after.status).toBe(401);
          expect(await after.json()).toMatchObject({ type: 'urn:hub:problem:session-revoked' });
        }
      });

      it('given an API key issued at one replica, it acts at the other', async () => {
        const admin = await login('admin', ADMIN_PASSWORD);
        const created = await call('POST', '/api/admin/service-accounts', { token: admin, body: { name: '12351 热线平台（副本）', roles: ['liaison'] } });
        const { account, apiKey } = (await created.json()) as { account: { id: string }; apiKey: string };
        expect(await (await call('POST', '/api/acts', { apiKey, body: {}, at: replica })).json()).toMatchObject({
          actor: { userId: account.id, kind: 'service' },
        });
      });

      it('given a name locked by failures at one replica, then the other refuses it too, and an unlock at the other frees it at the first', async () => {
        const admin = await login('admin', ADMIN_PASSWORD);
        const created = await call('POST', '/api/admin/users', {
          token: admin,
          at: replica,
          body: { username: 'zhou', displayName: '周', password: GIVEN_PASSWORD, roles: ['auditor'] },
        });
        expect(created.status).toBe(201);
        const { id } = (await created.json()) as { id: string };
        for (let i = 0; i < 5; i++) {
          expect((await call('POST', '/api/session', { body: { username: 'zhou', password: 'Wrong-Password-9' } })).status).toBe(401);
        }
        const refused = await call('POST', '/api/session', { at: replica, body: { username: 'zhou', password: GIVEN_PASSWORD } });
        expect(refused.status).toBe(423);
        const unlocked = await call('POST', `/api/admin/users/${id}/unlock`, { token: admin, at: replica });
        expect(await unlocked.json()).toMatchObject({ wasLocked: true });
        // Past the lock: the right password, given by the admin, asks for a new one.
        const next = await call('POST', '/api/session', { body: { username: 'zhou', password: GIVEN_PASSWORD } });
        expect(next.status).toBe(403);
        expect(await next.json()).toMatchObject({ type: 'urn:hub:problem:password-change-required' });
      });
    });
  });
}
