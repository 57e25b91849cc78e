import { afterEach, describe, expect, it } from 'vitest';
import { LoginGuard, openLocalDb, TryLater, type LocalDb } from '../src/index.js';
import { tempDir } from './helpers.js';

const MINUTE = 60_000;
const opened: { db: LocalDb; cleanup: () => void }[] = [];
afterEach(() => {
  for (const { db, cleanup } of opened.splice(0)) {
    db.close();
    cleanup();
  }
});

/** A guard on a real SQLite file, with a clock the spec moves. */
function guardOf(settings: ConstructorParameters<typeof LoginGuard>[1] = {}) {
  const tmp = tempDir();
  const db = openLocalDb(`${tmp.dir}/union.local.db`);
  opened.push({ db, cleanup: tmp.cleanup });
  let t = Date.parse('2026-03-02T01:00:00Z');
  const guard = new LoginGuard(db, settings, () => new Date(t));
  return { guard, db, advance: (ms: number) => (t += ms) };
}

const refusal = (f: () => unknown): TryLater | null => {
  try {
    f();
    return null;
  } catch (error) {
    if (error instanceof TryLater) return error;
    throw error;
  }
};

describe('LoginGuard', () => {
  it('given failures from ever new addresses, when there are more than it may count, then it keeps at most that many', () => {
    const { guard } = guardOf({ maxAddresses: 100, addressMaxFailures: 3 });
    for (let i = 0; i < 1_000; i++) guard.begin('union', `name${i}`, `198.51.${Math.floor(i / 250)}.${i % 250}`);
    expect(guard.addressCount()).toBe(100);
  });

  it('given an address at its limit, when its window runs out, then it is counted afresh; a right password gives the attempt back', () => {
    const { guard, advance } = guardOf({ addressMaxFailures: 2, addressWindowMinutes: 15, maxFailures: 100 });
    const right = guard.begin('union', 'a', '203.0.113.9');
    guard.succeeded(right);
    guard.begin('union', 'b', '203.0.113.9');
    guard.begin('union', 'c', '203.0.113.9');
    const refused = refusal(() => guard.begin('union', 'd', '203.0.113.9'));
    expect(refused).toMatchObject({ status: 429, slug: 'login-rate-limited', retryAfterSeconds: 15 * 60 });
    advance(15 * MINUTE);
    expect(refusal(() => guard.begin('union', 'd', '203.0.113.9'))).toBeNull();
  });

  it('given a lock that ran out, when the name fails again, then the count starts afresh; names not failed for a lock’s length are forgotten', () => {
    const { guard, db, advance } = guardOf({ maxFailures: 3, lockMinutes: 30 });
    for (let i = 0; i < 3; i++) guard.begin('union', 'Wang ', `10.0.0.${i}`);
    expect(refusal(() => guard.begin('union', 'wang', '10.0.1.1'))).toMatchObject({ status: 423, retryAfterSeconds: 30 * 60 });
    advance(30 * MINUTE);
    guard.begin('union', 'wang', '10.0.2.1');
    guard.begin('union', 'wang', '10.0.2.2');
    expect(guard.lockedUntil('union', 'wang')).toBeNull();
    guard.begin('union', 'wang', '10.0.2.3');
    expect(guard.lockedUntil('union', 'wang')).not.toBeNull();

    guard.begin('union', 'passer-by', '10.0.3.1');
    advance(61 * MINUTE);
    guard.begin('union', 'someone-else', '10.0.3.2');
    const names = db.prepare('SELECT username FROM login_failures ORDER BY username').pluck().all();
    expect(names).toEqual(['someone-else']);
  });

  it('given a lock in one agency, when the same name signs in at another on the same file, then it is not locked there', () => {
    const { guard } = guardOf({ maxFailures: 1 });
    guard.begin('union', 'li', '10.0.0.1');
    expect(refusal(() => guard.begin('union', 'li', '10.0.0.2'))?.status).toBe(423);
    expect(refusal(() => guard.begin('court', 'li', '10.0.0.3'))).toBeNull();
  });
});
