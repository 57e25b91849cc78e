import { randomBytes } from 'node:crypto';
import { generate } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_CODE_COUNT, SecondFactors } from '../src/index.js';
import { ENGINES, type ScratchDb } from './engines.js';

const user = { id: 'user-1', agency: 'union', username: 'shen' };

for (const engine of ENGINES) {
  describe(`SecondFactors on ${engine.name}`, () => {
    const opened: ScratchDb[] = [];
    afterEach(async () => {
      for (const scratch of opened.splice(0)) await scratch.done();
    });

    /** Second factors on a fresh database, with a clock the spec moves; `replica()` opens the same data again. */
    async function factorsOf() {
      const scratch = await engine.open();
      opened.push(scratch);
      let t = Date.parse('2026-03-02T01:00:00Z');
      const clock = () => new Date(t);
      const kek = randomBytes(32);
      const factors = await SecondFactors.open(scratch.db, kek, undefined, clock);
      return {
        factors,
        db: scratch.db,
        code: (secret: string) => generate({ secret, epoch: Math.floor(t / 1000) }),
        advance: (ms: number) => (t += ms),
        replica: () => SecondFactors.open(scratch.replica(), kek, undefined, clock),
      };
    }

    it('given a pending secret, when a right code confirms it, then it is active with 10 recovery codes; the secret is stored sealed', async () => {
      const { factors, db, code } = await factorsOf();
      const { secret } = await factors.begin(user);
      expect(await factors.isEnrolled(user.id)).toBe(false);
      expect(await factors.confirm(user.id, '000000')).toBeNull();
      const codes = await factors.confirm(user.id, await code(secret));
      expect(codes).toHaveLength(RECOVERY_CODE_COUNT);
      expect(await factors.isEnrolled(user.id)).toBe(true);
      expect(await factors.status(user.id)).toMatchObject({ enrolled: true, enrolledAt: '2026-03-02T01:00:00.000Z', recoveryCodesLeft: 10 });
      const row = await db.get<{ secret: Buffer; pending: Buffer | null }>('SELECT secret, pending FROM second_factors WHERE user_id = ?', [user.id]);
      expect(row?.pending).toBeNull();
      expect(Buffer.from(row!.secret).toString('latin1')).not.toContain(secret);
    });

    it('given an enrolled user, a code works once and an older one never; a recovery code works once', async () => {
      const { factors, code, advance } = await factorsOf();
      const { secret } = await factors.begin(user);
      const codes = (await factors.confirm(user.id, await code(secret)))!;
      // The confirming code is spent.
      expect(await factors.verifyCode(user.id, await code(secret))).toBe(false);
      advance(30_000);
      const next = await code(secret);
      expect(await factors.verifyCode(user.id, next)).toBe(true);
      expect(await factors.verifyCode(user.id, next)).toBe(false);
      expect(await factors.useRecoveryCode(user.id, codes[0]!.toUpperCase().replaceAll('-', ' '))).toBe(true);
      expect(await factors.useRecoveryCode(user.id, codes[0]!)).toBe(false);
      expect(await factors.useRecoveryCode(user.id, 'abcd-efgh-jkmn')).toBe(false);
      expect((await factors.status(user.id)).recoveryCodesLeft).toBe(9);
    });

    it('given one code sent to two replicas at once, only one sign-in takes it', async () => {
      const { factors, code, advance, replica } = await factorsOf();
      const { secret } = await factors.begin(user);
      await factors.confirm(user.id, await code(secret));
      advance(30_000);
      const other = await replica();
      const same = await code(secret);
      // SQLite is one process's file: there the two are requests of one replica.
      const answers = await Promise.all([factors.verifyCode(user.id, same), (engine.concurrentReplicas ? other : factors).verifyCode(user.id, same)]);
      expect(answers.filter(Boolean)).toHaveLength(1);
      // What one replica did, the other sees.
      expect(await other.isEnrolled(user.id)).toBe(true);
      expect(await other.verifyCode(user.id, same)).toBe(false);
    });

    it('given an admin reset, the secret and the recovery codes go; a second reset finds nothing', async () => {
      const { factors, code } = await factorsOf();
      const { secret } = await factors.begin(user);
      const codes = (await factors.confirm(user.id, await code(secret)))!;
      expect(await factors.reset(user.id)).toBe(true);
      expect(await factors.status(user.id)).toEqual({ enrolled: false, enrolledAt: null, recoveryCodesLeft: 0 });
      expect(await factors.useRecoveryCode(user.id, codes[1]!)).toBe(false);
      expect(await factors.reset(user.id)).toBe(false);
    });
  });
}
