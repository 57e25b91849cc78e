import { TryLater } from '../errors.js';
import type { AgencyId } from '../request-context.js';
import type { SqlDb } from '../sql/index.js';
import { AUTH_MIGRATIONS } from './schema.js';

export interface LoginGuardSettings {
  /** Consecutive failures of one username that lock it (LOGIN_MAX_FAILURES, default 5). */
  maxFailures: number;
  /** How long a lock lasts (LOGIN_LOCK_MINUTES, default 30). */
  lockMinutes: number;
  /** Failures from one source address within the window that refuse it (LOGIN_IP_MAX_FAILURES, default 20). */
  addressMaxFailures: number;
  /** The window (LOGIN_IP_WINDOW_MINUTES, default 15). */
  addressWindowMinutes: number;
  /** Addresses counted at once; the oldest count is dropped past it, so no client grows memory without bound. */
  maxAddresses?: number;
}

export const DEFAULT_LOGIN_GUARD: LoginGuardSettings = { maxFailures: 5, lockMinutes: 30, addressMaxFailures: 20, addressWindowMinutes: 15 };
const DEFAULT_MAX_ADDRESSES = 10_000;

/** One sign-in under way: counted as a failure before the password is checked, given back when it was right. */
export interface LoginAttempt {
  agency: AgencyId;
  username: string;
  address: string;
  /** Failures of the name counting this one; when it fails, the name is locked until `lockedUntil`. */
  failures: number;
  lockedUntil: Date | null;
}

interface FailureRow {
  failures: number;
  locked_until: number | null;
}

const minutesWord = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

/**
 * Counts failed sign-ins (等保 2.0 level 3: 登录失败处理). Per username, in the agency's local
 * database: the attempt is counted before the password is checked, in one write transaction
 * holding the name's lock, so 50 wrong passwords sent at once (to one replica or to several
 * sharing the database) cannot race past the limit, and a locked name costs no hashing. Locks are
 * read from the database at every attempt: one replica's lock holds at all, and so does an
 * admin's unlock. A username that does not exist is counted and locked the same way: the
 * answers never tell whether an account exists.
 *
 * Per source address, a counting window in memory, per process: with several replicas behind
 * one gateway, an address may fail up to the limit at each replica before it is refused. That
 * limit is a brake on one noisy client; the per-name lock above is what stops guessing.
 */
export class LoginGuard {
  private readonly addresses = new Map<string, { start: number; failures: number }>();
  private readonly settings: Required<LoginGuardSettings>;

  private constructor(
    private readonly db: SqlDb,
    settings: Partial<LoginGuardSettings>,
    private readonly clock: () => Date,
  ) {
    this.settings = { maxAddresses: DEFAULT_MAX_ADDRESSES, ...DEFAULT_LOGIN_GUARD, ...settings };
  }

  static async open(db: SqlDb, settings: Partial<LoginGuardSettings> = {}, clock: () => Date = () => new Date()): Promise<LoginGuard> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new LoginGuard(db, settings, clock);
  }

  /** Refuses (423 or 429, with Retry-After) or counts the attempt; call `succeeded` when the password was right. */
  async begin(agency: AgencyId, rawUsername: string, address: string): Promise<LoginAttempt> {
    const username = rawUsername.trim().toLowerCase();
    const now = this.clock().getTime();
    this.countAddress(address, now);
    let counted: { failures: number; lockedUntil: number | null };
    try {
      counted = await this.countUsername(agency, username, now);
    } catch (error) {
      this.giveBack(address);
      throw error;
    }
    return { agency, username, address, failures: counted.failures, lockedUntil: counted.lockedUntil === null ? null : new Date(counted.lockedUntil) };
  }

  /** The password was right: the failures of the name end, and the attempt is not held against the address. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.db.run('DELETE FROM login_failures WHERE agency = ? AND username = ?', [attempt.agency, attempt.username]);
    this.giveBack(attempt.address);
  }

  /**
   * The password was right but the sign-in did not finish (a second factor or a new password is
   * asked for next): this attempt is not held against the name or the address, and the failures
   * before it (wrong codes among them) stay counted.
   */
  async release(attempt: LoginAttempt): Promise<void> {
    await this.db.run(
      `UPDATE login_failures SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END,
         locked_until = CASE WHEN failures - 1 < ? THEN NULL ELSE locked_until END
       WHERE agency = ? AND username = ?`,
      [this.settings.maxFailures, attempt.agency, attempt.username],
    );
    this.giveBack(attempt.address);
  }

  /** Ends a lock and the failures behind it (an admin's unlock); true when the name was locked. */
  async unlock(agency: AgencyId, username: string): Promise<boolean> {
    const now = this.clock().getTime();
    const removed = await this.db.all<{ locked_until: number | null }>('DELETE FROM login_failures WHERE agency = ? AND username = ? RETURNING locked_until', [
      agency,
      username.trim().toLowerCase(),
    ]);
    return removed.some((r) => r.locked_until !== null && r.locked_until > now);
  }

  /** When the lock of the name ends, or null when it is not locked. */
  async lockedUntil(agency: AgencyId, username: string): Promise<Date | null> {
    const row = await this.db.get<{ locked_until: number | null }>('SELECT locked_until FROM login_failures WHERE agency = ? AND username = ?', [
      agency,
      username.trim().toLowerCase(),
    ]);
    return row?.locked_until && row.locked_until > this.clock().getTime() ? new Date(row.locked_until) : null;
  }

  private async countUsername(agency: AgencyId, username: string, now: number): Promise<{ failures: number; lockedUntil: number | null }> {
    const { maxFailures, lockMinutes } = this.settings;
    const lockMs = lockMinutes * 60_000;
    // Names not failed for a lock's length are forgotten: unknown names do not pile up. Outside the
    // name's transaction, so attempts on different names do not wait on each other's purge.
    await this.db.run('DELETE FROM login_failures WHERE last_at < ? AND coalesce(locked_until, 0) < ?', [now - lockMs, now]);
    return this.db.transaction(async (tx) => {
      // The name's count is read and written by one attempt at a time, across replicas.
      await tx.lock(`login:${agency}:${username}`);
      const row = await tx.get<FailureRow>('SELECT failures, locked_until FROM login_failures WHERE agency = ? AND username = ?', [agency, username]);
      if (row?.locked_until && row.locked_until > now) {
        const seconds = Math.ceil((row.locked_until - now) / 1000);
        throw new TryLater(
          423,
          'login-locked',
          `登录失败次数太多，这个账号已暂时锁定，请 ${minutesWord(seconds)} 分钟后再试，或请本机构管理员解锁`,
          `Too many failed sign-ins: this account is locked for now; try again in ${minutesWord(seconds)} minutes or ask your agency's admin to unlock it`,
          seconds,
        );
      }
      // A lock that ran out starts the count afresh.
      const failures = (row && !row.locked_until ? row.failures : 0) + 1;
      const lockedUntil = failures >= maxFailures ? now + lockMs : null;
      await tx.run(
        `INSERT INTO login_failures (agency, username, failures, locked_until, last_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (agency, username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_at = excluded.last_at`,
        [agency, username, failures, lockedUntil, now],
      );
      return { failures, lockedUntil };
    });
  }

  private countAddress(address: string, now: number): void {
    const { addressMaxFailures, addressWindowMinutes, maxAddresses } = this.settings;
    const windowMs = addressWindowMinutes * 60_000;
    let entry = this.addresses.get(address);
    if (entry && now - entry.start >= windowMs) {
      this.addresses.delete(address);
      entry = undefined;
    }
    if (!entry) {
      if (this.addresses.size >= maxAddresses) this.makeRoom(now, windowMs);
      entry = { start: now, failures: 0 };
      this.addresses.set(address, entry);
    }
    if (entry.failures >= addressMaxFailures) {
      const seconds = Math.ceil((entry.start + windowMs - now) / 1000);
      throw new TryLater(
        429,
        'login-rate-limited',
        `从这个网络地址登录失败的次数太多，请 ${minutesWord(seconds)} 分钟后再试`,
        `Too many failed sign-ins from this address; try again in ${minutesWord(seconds)} minutes`,
        seconds,
      );
    }
    entry.failures++;
  }

  private giveBack(address: string): void {
    const entry = this.addresses.get(address);
    if (entry && entry.failures > 0) entry.failures--;
  }

  /** Drops the windows that ran out; if that is not enough, the oldest (a Map keeps insertion order). */
  private makeRoom(now: number, windowMs: number): void {
    for (const [address, entry] of this.addresses) if (now - entry.start >= windowMs) this.addresses.delete(address);
    while (this.addresses.size >= this.settings.maxAddresses) {
      const oldest = this.addresses.keys().next();
      if (oldest.done) break;
      this.addresses.delete(oldest.value);
    }
  }

  /** How many addresses are counted now (for tests and metrics). */
  addressCount(): number {
    return this.addresses.size;
  }
}
