import { afterEach, describe, expect, it } from 'vitest';
import { LoginGuard, TryLater } from '../src/index.js';
import { ENGINES, type ScratchDb } from './engines.js';

const MINUTE = 60_000;

for (const engine of ENGINES) {
  describe(`LoginGuard on ${engine.name}`, () => {
    const opened: ScratchDb[] = [];
    afterEach(async () => {
      for (const scratch of opened.splice(0)) await scratch.done();
    });

    /** A guard on a real database, with a clock the spec moves; `replica()` is a second guard on the same data. */
    async function guardOf(settings: Parameters<typeof LoginGuard.open>[1] = {}) {
      const scratch = await engine.open();
      opened.push(scratch);
      let t = Date.parse('2026-03-02T01:00:00Z');
      const clock = () => new Date(t);
      const guard = await LoginGuard.open(scratch.db, settings, clock);
      return { guard, db: scratch.db, clock, advance: (ms: number) => (t += ms), replica: () => LoginGuard.open(scratch.replica(), settings, clock) };
    }

    const refusal = async (f: () => Promise<unknown>): Promise<TryLater | null> => {
      try {
        await f();
        return null;
      } catch (error) {
        if (error instanceof TryLater) return error;
        throw error;
      }
    };

    it('given failures from ever new addresses, when there are more than it may count, then it keeps at most that many', async () => {
      const { guard } = await guardOf({ maxAddresses: 100, addressMaxFailures: 3 });
      for (let i = 0; i < 1_000; i++) await guard.begin('union', `name${i}`, `198.51.${Math.floor(i / 250)}.${i % 250}`);
      expect(guard.addressCount()).toBe(100);
    });

    it('given an address at its limit, when its window runs out, then it is counted afresh; a right password gives the attempt back', async () => {
      const { guard, advance } = await guardOf({ addressMaxFailures: 2, addressWindowMinutes: 15, maxFailures: 100 });
      const right = await guard.begin('union', 'a', '203.0.113.9');
      await guard.succeeded(right);
      await guard.begin('union', 'b', '203.0.113.9');
      await guard.begin('union', 'c', '203.0.113.9');
      const refused = await refusal(() => guard.begin('union', 'd', '203.0.113.9'));
      expect(refused).toMatchObject({ status: 429, slug: 'login-rate-limited', retryAfterSeconds: 15 * 60 });
      advance(15 * MINUTE);
      expect(await refusal(() => guard.begin('union', 'd', '203.0.113.9'))).toBeNull();
    });

    it('given a lock that ran out, when the name fails again, then the count starts afresh; names not failed for a lock’s length are forgotten', async () => {
      const { guard, db, advance } = await guardOf({ maxFailures: 3, lockMinutes: 30 });
      for (let i = 0; i < 3; i++) await guard.begin('union', 'Wang ', `10.0.0.${i}`);
      expect(await refusal(() => guard.begin('union', 'wang', '10.0.1.1'))).toMatchObject({ status: 423, retryAfterSeconds: 30 * 60 });
      advance(30 * MINUTE);
      await guard.begin('union', 'wang', '10.0.2.1');
      await guard.begin('union', 'wang', '10.0.2.2');
      expect(await guard.lockedUntil('union', 'wang')).toBeNull();
      await guard.begin('union', 'wang', '10.0.2.3');
      expect(await guard.lockedUntil('union', 'wang')).not.toBeNull();

      await guard.begin('union', 'passer-by', '10.0.3.1');
      advance(61 * MINUTE);
      await guard.begin('union', 'someone-else', '10.0.3.2');
      const names = (await db.all<{ username: string }>('SELECT username FROM login_failures ORDER BY username')).map((r) => r.username);
      expect(names).toEqual(['someone-else']);
    });

    it('given a lock in one agency, when the same name signs in at another on the same file, then it is not locked there', async () => {
      const { guard } = await guardOf({ maxFailures: 1 });
      await guard.begin('union', 'li', '10.0.0.1');
      expect((await refusal(() => guard.begin('union', 'li', '10.0.0.2')))?.status).toBe(423);
      expect(await refusal(() => guard.begin('court', 'li', '10.0.0.3'))).toBeNull();
    });

    it('given the right password after a failure, when the attempt is released, then only the failures before it stay counted', async () => {
      const { guard } = await guardOf({ maxFailures: 3 });
      await guard.begin('union', 'zhao', '10.0.0.1');
      const right = await guard.begin('union', 'zhao', '10.0.0.1');
      expect(right.failures).toBe(2);
      await guard.release(right);
      // Counted again from 1 failure: two more lock it, not one.
      expect((await guard.begin('union', 'zhao', '10.0.0.1')).lockedUntil).toBeNull();
      expect((await guard.begin('union', 'zhao', '10.0.0.1')).lockedUntil).not.toBeNull();
    });

    it('given two replicas on one database, when attempts at both race, then the name locks at the limit and the lock and an unlock hold at both', async () => {
      const settings = { maxFailures: 5, addressMaxFailures: 1000 };
      const { guard: one, db, clock, replica } = await guardOf(settings);
      // SQLite is one process's file: the race is between requests of one replica there.
      const racer = engine.concurrentReplicas ? await replica() : await LoginGuard.open(db, settings, clock);
      const attempts = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => (i % 2 ? one : racer).begin('union', 'qian', `10.0.0.${i}`)));
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(5);
      for (const a of attempts) if (a.status === 'rejected') expect(a.reason).toMatchObject({ status: 423, slug: 'login-locked' });

      const two = await replica();
      const until = await one.lockedUntil('union', 'qian');
      expect(until).not.toBeNull();
      expect(await two.lockedUntil('union', 'QIAN ')).toEqual(until);
      expect(await refusal(() => two.begin('union', 'qian', '10.0.1.1'))).toMatchObject({ status: 423 });
      expect(await two.unlock('union', 'qian')).toBe(true);
      expect(await refusal(() => one.begin('union', 'qian', '10.0.1.2'))).toBeNull();
      expect(await one.unlock('union', 'qian')).toBe(false);
    });
  });
}
