import { afterEach, describe, expect, it } from 'vitest';
import { BadRequest, Conflict, ServiceAccountStore, SessionRegistry, UserStore, type SqlDb } from '../src/index.js';
import { ENGINES, type ScratchDb } from './engines.js';

/** Fast hashing: these specs are about what is stored, not about scrypt's cost. */
const FAST_SCRYPT = { ln: 10, r: 8, p: 1 };
const PASSWORD = 'Correct-Horse-2026';
const MINUTE = 60_000;

/** The agency's users, service accounts and sessions as stored, on each engine. */
for (const engine of ENGINES) {
  describe(`account stores on ${engine.name}`, () => {
    const opened: ScratchDb[] = [];
    afterEach(async () => {
      for (const scratch of opened.splice(0)) await scratch.done();
    });
    async function scratchDb(): Promise<ScratchDb> {
      const scratch = await engine.open();
      opened.push(scratch);
      return scratch;
    }
    /** Two transactions that may overlap: another replica on PostgreSQL, the same database on SQLite (one process's file). */
    const racer = (scratch: ScratchDb): SqlDb => (engine.concurrentReplicas ? scratch.replica() : scratch.db);

    describe('UserStore', () => {
      it('creates users with unique names per agency, finds them, and checks passwords', async () => {
        const { db } = await scratchDb();
        const users = await UserStore.open(db, FAST_SCRYPT);
        const li = await users.create({ agency: 'union', username: ' Li.Wei ', displayName: '李伟', password: PASSWORD, roles: ['liaison', 'liaison'] });
        expect(li).toMatchObject({ agency: 'union', username: 'li.wei', displayName: '李伟', roles: ['liaison'], disabled: false, mustChangePassword: false });
        await expect(users.create({ agency: 'union', username: 'li.wei', password: PASSWORD, roles: ['auditor'] })).rejects.toMatchObject({
          ruleId: 'username_taken',
        });
        await expect(users.create({ agency: 'court', username: 'li.wei', password: PASSWORD, roles: ['auditor'] })).resolves.toMatchObject({ agency: 'court' });
        expect(await users.get(li.id)).toEqual(li);
        expect(await users.byUsername('union', 'LI.WEI')).toEqual(li);
        expect((await users.list('union')).map((u) => u.username)).toEqual(['li.wei']);
        expect(await users.authenticate('union', 'li.wei', PASSWORD)).toEqual(li);
        expect(await users.authenticate('union', 'li.wei', 'Wrong-Horse-2026')).toBeNull();
        expect(await users.authenticate('union', 'nobody', PASSWORD)).toBeNull();
        expect(await users.hasAdmin('union')).toBe(false);
      });

      it('asks for a new password after an admin set one or when it is too old; the new one must differ', async () => {
        const { db } = await scratchDb();
        let now = new Date('2026-01-01T00:00:00Z');
        const users = await UserStore.open(db, FAST_SCRYPT, () => now);
        const zhou = await users.create({ agency: 'union', username: 'zhou', password: PASSWORD, roles: ['auditor'], mustChangePassword: true });
        expect(zhou.mustChangePassword).toBe(true);
        expect(await users.passwordDue(zhou.id, 0, now)).toBe('change-required');
        await expect(users.setPassword(zhou.id, PASSWORD, { mustChange: false, now })).rejects.toBeInstanceOf(BadRequest);
        expect(await users.setPassword(zhou.id, 'Battery-Staple-2026', { mustChange: false, now })).toMatchObject({ mustChangePassword: false });
        expect(await users.passwordDue(zhou.id, 90, now)).toBeNull();
        now = new Date(now.getTime() + 91 * 24 * 60 * MINUTE);
        expect(await users.passwordDue(zhou.id, 90, now)).toBe('expired');
        expect(await users.authenticate('union', 'zhou', 'Battery-Staple-2026')).not.toBeNull();
      });

      it('keeps an enabled admin: the last one cannot be disabled or lose the role, not even by two replicas each disabling one of two', async () => {
        const scratch = await scratchDb();
        const users = await UserStore.open(scratch.db, FAST_SCRYPT);
        const a = await users.create({ agency: 'union', username: 'boss', password: PASSWORD, roles: ['admin'] });
        const now = new Date();
        await expect(users.change(a.id, { disabled: true, now })).rejects.toMatchObject({ ruleId: 'last_admin' });
        await expect(users.change(a.id, { roles: ['liaison'], now })).rejects.toBeInstanceOf(Conflict);
        await expect(users.change(a.id, { roles: [], now })).rejects.toBeInstanceOf(BadRequest);
        const b = await users.create({ agency: 'union', username: 'deputy', password: PASSWORD, roles: ['admin', 'auditor'] });

        const other = await UserStore.open(racer(scratch), FAST_SCRYPT);
        const results = await Promise.allSettled([users.change(a.id, { disabled: true, now }), other.change(b.id, { disabled: true, now })]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { ruleId: 'last_admin' } });
        expect(await users.hasAdmin('union')).toBe(true);

        const disabled = (await users.list('union')).find((u) => u.disabled)!;
        const { before, after } = await users.change(disabled.id, { disabled: false, now });
        expect([before.disabled, after.disabled]).toEqual([true, false]);
        expect(await users.authenticate('union', disabled.username, PASSWORD)).not.toBeNull();
      });
    });

    describe('ServiceAccountStore', () => {
      it('creates an account with a key shown once, lists the keys’ hints in the order issued, and revokes them', async () => {
        const scratch = await scratchDb();
        const accounts = await ServiceAccountStore.open(scratch.db);
        const { account, apiKey } = await accounts.create({ agency: 'union', name: '12351 热线平台', roles: ['liaison'] });
        await expect(accounts.create({ agency: 'union', name: '12351 热线平台', roles: ['liaison'] })).rejects.toMatchObject({
          ruleId: 'service_account_exists',
        });
        await expect(accounts.create({ agency: 'union', name: 'robot', roles: ['admin'] })).rejects.toBeInstanceOf(BadRequest);
        const second = await accounts.issueKey(account.id);
        const third = await accounts.issueKey(account.id);
        const hint = (key: string) => key.slice(0, 'hub_union_'.length + 6);
        expect((await accounts.get(account.id))?.keyHints).toEqual([hint(apiKey), hint(second), hint(third)]);
        expect(await accounts.list('union')).toEqual([await accounts.get(account.id)]);

        // A key issued at one replica acts at the other; a revocation at the other holds at the first.
        const replica = await ServiceAccountStore.open(scratch.replica());
        expect(await replica.authenticate(second)).toMatchObject({ agency: 'union', userId: account.id, kind: 'service', roles: ['liaison'] });
        expect(await replica.revokeKeys(account.id)).toBe(3);
        for (const key of [apiKey, second, third]) expect(await accounts.authenticate(key)).toBeNull();
        expect((await accounts.get(account.id))?.keyHints).toEqual([]);
      });
    });

    describe('SessionRegistry', () => {
      it('lists a person’s live sessions newest first, ends them, and tells which ended sessions the store has not heard of', async () => {
        const scratch = await scratchDb();
        let t = Date.parse('2026-03-02T08:00:00Z');
        const clock = () => new Date(t);
        const sessions = await SessionRegistry.open(scratch.db, 30, clock);
        const expiresAt = new Date(t + 8 * 60 * MINUTE);
        for (const jti of ['s1', 's2', 's3'])
          await sessions.start({ jti, agency: 'union', userId: 'u1', expiresAt }, { userAgent: 'Firefox', address: '10.0.0.1' });
        await sessions.start({ jti: 'other', agency: 'union', userId: 'u2', expiresAt });
        // Started in the same millisecond: newest (last registered) first.
        expect((await sessions.listOf('u1')).map((s) => s.sessionId)).toEqual(['s3', 's2', 's1']);
        expect((await sessions.listOf('u1'))[0]).toMatchObject({ userAgent: 'Firefox', address: '10.0.0.1', expiresAt: expiresAt.toISOString() });

        // Another replica sees the sessions, ends one; the first sees it ended.
        const replica = await SessionRegistry.open(scratch.replica(), 30, clock);
        expect(await replica.get('s2')).toEqual({ sessionId: 's2', userId: 'u1', expiresAt, ended: false });
        await replica.end('s2');
        const token = (jti: string) => ({ jti, agency: 'union' as const, userId: 'u1', issuedAt: new Date(t), expiresAt });
        expect(await sessions.use(token('s2'))).toBe('ended');
        expect(await sessions.use(token('s1'))).toBe('live');
        expect(await sessions.announceable()).toEqual([{ sessionId: 's2', expiresAt }]);
        await sessions.announced('s2');
        expect(await replica.announceable()).toEqual([]);

        // Used at one replica, alive at the other; left alone past the idle time, idle at both.
        t += 20 * MINUTE;
        expect(await sessions.use(token('s1'))).toBe('live');
        expect(await sessions.use({ ...token('other'), userId: 'u2' })).toBe('live');
        t += 20 * MINUTE;
        expect(await replica.use(token('s1'))).toBe('live');
        expect(await replica.use(token('s3'))).toBe('idle');
        expect(await sessions.use(token('s3'))).toBe('ended');
        expect((await sessions.announceable()).map((s) => s.sessionId)).toEqual(['s3']);

        // A token from before sessions were registered is registered at its first use.
        expect(await sessions.use(token('older'))).toBe('live');
        expect((await sessions.endAllOf('u1')).map((s) => s.sessionId).sort()).toEqual(['older', 's1']);
        expect(await sessions.listOf('u1')).toEqual([]);
        expect((await sessions.listOf('u2')).map((s) => s.sessionId)).toEqual(['other']);
      });
    });
  });
}
