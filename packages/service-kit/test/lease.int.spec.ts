import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Lease, type SqlDb } from '../src/index.js';
import { ENGINES, type ScratchDb } from './engines.js';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0);
const TTL = 30_000;

/** The lease that makes the witness run once per interval across replicas, on both engines. */
for (const engine of ENGINES) {
  describe(`lease: ${engine.name}`, () => {
    let scratch: ScratchDb;
    let db: SqlDb;
    beforeAll(async () => {
      scratch = await engine.open();
      db = scratch.db;
    });
    afterAll(async () => {
      await scratch.done();
    });

    it('opening twice migrates once', async () => {
      await Lease.open(db, 'witness');
      await Lease.open(db, 'witness');
      const runs = await db.get<{ n: number }>("SELECT count(*) AS n FROM schema_migrations WHERE component = 'leases'");
      expect(runs?.n).toBe(1);
    });

    it('a free lease goes to the first holder; a second holder is refused while it runs', async () => {
      const lease = await Lease.open(db, 'two-holders');
      expect(await lease.current(T0)).toBeNull();
      expect(await lease.tryTake('replica-a', TTL, T0)).toBe(true);
      expect(await lease.tryTake('replica-b', TTL, T0 + 1)).toBe(false);
      expect(await lease.tryTake('replica-b', TTL, T0 + TTL - 1)).toBe(false);
      expect(await lease.current(T0 + 1)).toEqual({ holder: 'replica-a', heldUntil: T0 + TTL });
    });

    it('an expired lease goes to the next holder to try, and its former holder is then refused', async () => {
      const lease = await Lease.open(db, 'expiry');
      expect(await lease.tryTake('replica-a', TTL, T0)).toBe(true);
      // held_until is the first instant it is free.
      expect(await lease.current(T0 + TTL)).toBeNull();
      expect(await lease.tryTake('replica-b', TTL, T0 + TTL)).toBe(true);
      expect(await lease.tryTake('replica-a', TTL, T0 + TTL + 1)).toBe(false);
      expect(await lease.current(T0 + TTL + 1)).toEqual({ holder: 'replica-b', heldUntil: T0 + 2 * TTL });
    });

    it('the holder renews before it runs out, which keeps the others out past the first term', async () => {
      const lease = await Lease.open(db, 'renewal');
      expect(await lease.tryTake('replica-a', TTL, T0)).toBe(true);
      expect(await lease.tryTake('replica-a', TTL, T0 + TTL / 2)).toBe(true);
      expect(await lease.tryTake('replica-b', TTL, T0 + TTL + 1)).toBe(false);
      expect(await lease.current(T0 + TTL + 1)).toEqual({ holder: 'replica-a', heldUntil: T0 + TTL / 2 + TTL });
      expect(await lease.tryTake('replica-b', TTL, T0 + TTL / 2 + TTL)).toBe(true);
    });

    it('a release lets the next holder in at once; only the holder can release', async () => {
      const lease = await Lease.open(db, 'release');
      expect(await lease.tryTake('replica-a', TTL, T0)).toBe(true);
      expect(await lease.release('replica-b')).toBe(false);
      expect(await lease.tryTake('replica-b', TTL, T0 + 1)).toBe(false);
      expect(await lease.release('replica-a')).toBe(true);
      expect(await lease.tryTake('replica-b', TTL, T0 + 2)).toBe(true);
    });

    it('leases with different names are independent', async () => {
      const witness = await Lease.open(db, 'named-witness');
      const repair = await Lease.open(db, 'named-repair');
      expect(await witness.tryTake('replica-a', TTL, T0)).toBe(true);
      expect(await repair.tryTake('replica-b', TTL, T0)).toBe(true);
      expect(await witness.current(T0)).toMatchObject({ holder: 'replica-a' });
      expect(await repair.current(T0)).toMatchObject({ holder: 'replica-b' });
    });

    it('a ttl that is not a positive whole number and an empty holder are refused', async () => {
      const lease = await Lease.open(db, 'refusals');
      await expect(lease.tryTake('replica-a', 0, T0)).rejects.toThrow(/ttl/);
      await expect(lease.tryTake('replica-a', 1.5, T0)).rejects.toThrow(/ttl/);
      await expect(lease.tryTake('', TTL, T0)).rejects.toThrow(/holder/);
      await expect(Lease.open(db, '')).rejects.toThrow(/name/);
    });

    // On PostgreSQL the two databases are two pools: two replicas racing on one server.
    for (const [state, start] of [
      ['free', async (_lease: Lease) => {}],
      ['expired', async (lease: Lease) => void expect(await lease.tryTake('replica-gone', TTL, T0 - TTL)).toBe(true)],
    ] as const) {
      it(`20 concurrent tries at a ${state} lease from two replicas: exactly one wins`, async () => {
        // On SQLite (one process per file) the same handle; the race is then within one connection.
        const other = scratch.replica();
        const name = `race-${state}`;
        const leaseA = await Lease.open(db, name);
        const leaseB = await Lease.open(other, name);
        await start(leaseA);
        const holders = Array.from({ length: 20 }, (_, i) => `replica-${i % 2 === 0 ? 'a' : 'b'}-${i}`);
        const won = await Promise.all(holders.map((holder, i) => (i % 2 === 0 ? leaseA : leaseB).tryTake(holder, TTL, T0)));
        const winners = holders.filter((_, i) => won[i]);
        expect(winners).toHaveLength(1);
        expect(await leaseB.current(T0)).toEqual({ holder: winners[0], heldUntil: T0 + TTL });
      });
    }
  });
}
