import type { EngineMigrations, SqlDb } from './sql-db.js';

/**
 * The leases' table: one row per lease name. `held_until` is epoch ms, the first instant the
 * lease is free again.
 */
export const LEASE_MIGRATIONS: EngineMigrations = {
  sqlite: [`CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, held_until INTEGER NOT NULL)`],
  postgres: [`CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, held_until BIGINT NOT NULL)`],
};

/**
 * Takes the lease when it is free (no row yet, or expired) or already ours (then extends it), in
 * one statement. On PostgreSQL a concurrent try on the same row waits for the first one's lock
 * and then evaluates the WHERE against the row as that one left it, so two replicas racing for an
 * expired lease cannot both win; on SQLite the statement runs under the database's write lock.
 * No row comes back when someone else holds it.
 */
const TAKE = `INSERT INTO leases (name, holder, held_until) VALUES (?, ?, ?)
  ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, held_until = excluded.held_until
  WHERE leases.held_until <= ? OR leases.holder = excluded.holder
  RETURNING holder`;

export interface LeaseState {
  holder: string;
  /** Epoch ms: the first instant the lease is free again. */
  heldUntil: number;
}

/**
 * A named lease in the agency database, so that work meant to run once per interval across the
 * replicas of a service (the witness) runs once: every replica calls `tryTake` on its own timer,
 * and only the holder does the work. The holder renews by taking again before the lease runs
 * out; when it dies, the lease expires and the next replica to try takes it over.
 *
 * Times come from each caller's clock (`now`), so replicas' clocks must agree to well within the
 * lease's length: use a ttl of at least a few intervals of the work and many seconds. A lease
 * only says who should do the work now: a holder stalled past its ttl (a long pause) may still
 * finish a run while the next holder starts one, so work that must never overlap still takes its
 * own transaction lock.
 */
export class Lease {
  private constructor(
    private readonly db: SqlDb,
    readonly name: string,
  ) {}

  /** The lease `name` in `db`, creating the leases' table when missing. */
  static async open(db: SqlDb, name: string): Promise<Lease> {
    if (!name) throw new Error('a lease needs a name');
    await db.migrate('leases', LEASE_MIGRATIONS);
    return new Lease(db, name);
  }

  /**
   * True when `holder` holds the lease until `now + ttlMs`: it was free or expired and `holder`
   * took it, or `holder` already held it and extended it. False when another holder's lease has
   * not run out at `now`.
   */
  async tryTake(holder: string, ttlMs: number, now: number): Promise<boolean> {
    if (!holder) throw new Error('a lease holder needs a name');
    if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) throw new Error(`a lease's ttl must be a positive whole number of ms, not ${ttlMs}`);
    const row = await this.db.get<{ holder: string }>(TAKE, [this.name, holder, now + ttlMs, now]);
    return row?.holder === holder;
  }

  /** Gives the lease up (a replica shutting down), so another takes it at its next try; false when `holder` did not hold it. */
  async release(holder: string): Promise<boolean> {
    return (await this.db.run('DELETE FROM leases WHERE name = ? AND holder = ?', [this.name, holder])) === 1;
  }

  /** Who holds it at `now`, or null when it is free. */
  async current(now: number): Promise<LeaseState | null> {
    const row = await this.db.get<{ holder: string; held_until: number }>('SELECT holder, held_until FROM leases WHERE name = ?', [this.name]);
    if (!row || Number(row.held_until) <= now) return null;
    return { holder: row.holder, heldUntil: Number(row.held_until) };
  }
}
