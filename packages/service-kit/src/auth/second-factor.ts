import { randomBytes } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { ConfigError } from '../config.js';
import { INTL_SUITE, type CryptoSuite } from '../crypto-suite.js';
import { openSecret, sealSecret } from '../key-encryption.js';
import { ROLES, type Role } from '../request-context.js';
import type { SqlDb, SqlQueries } from '../sql/index.js';
import { AUTH_MIGRATIONS } from './schema.js';

/**
 * The second factor (issue 15.3, 等保 2.0 level 3: 双因素身份鉴别): TOTP codes (RFC 6238, otplib:
 * SHA-1, 6 digits, 30 s, as every authenticator app reads them) and one-time recovery codes.
 *
 * The secret is stored sealed under the key-encryption key (like the key ring's private keys), bound
 * to the user's id; it is shown once, at enrolment, as an otpauth URI, its QR code and the text.
 * It becomes active only when the person confirms a code made from it. The time step of the last
 * code accepted is kept, so a code cannot be used twice (nor an older one). Recovery codes are 10
 * random codes shown once, stored as hashes (they are random, so a plain hash under the suite's
 * hash is enough), each good once.
 */

/** TOTP_REQUIRED_ROLES: the roles that must sign in with a second factor. */
export const TOTP_VARIABLE = 'TOTP_REQUIRED_ROLES';
export const DEFAULT_TOTP_ROLES: readonly Role[] = ['admin', 'auditor'];

/** `admin,auditor` (default), `all`, or `none` (allowed, with a warning at start: level 3 wants a second factor for admins). */
export function totpRequiredRoles(env: Readonly<Record<string, string | undefined>>): readonly Role[] {
  const raw = env[TOTP_VARIABLE]?.trim().toLowerCase();
  if (!raw) return DEFAULT_TOTP_ROLES;
  if (raw === 'all') return [...ROLES];
  if (raw === 'none') return [];
  const names = raw
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = names.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length > 0 || names.length === 0) {
    throw new ConfigError([`${TOTP_VARIABLE} must be all, none or a comma-separated list of roles (${ROLES.join(', ')}); got ${JSON.stringify(raw)}`]);
  }
  return [...new Set(names)] as Role[];
}

export const RECOVERY_CODE_COUNT = 10;
/** A code's step is 30 s; one step either side is accepted for clocks a little apart. */
const TOLERANCE_SECONDS = 30;
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export interface Enrolment {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  /** otpauth://totp/… */
  uri: string;
  /** The URI as a QR code: an SVG document. */
  qrSvg: string;
}

export interface SecondFactorStatus {
  enrolled: boolean;
  enrolledAt: string | null;
  recoveryCodesLeft: number;
}

interface FactorRow {
  user_id: string;
  secret: Buffer | null;
  pending: Buffer | null;
  enrolled_at: string | null;
  last_step: number;
}

/** Recovery codes as people read them: `abcd-efgh-jkmn`; spaces, dashes and case do not matter when typed. */
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  let code = '';
  for (let i = 0; i < 12; i++) code += RECOVERY_ALPHABET[bytes[i]! % RECOVERY_ALPHABET.length];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

const normalizeRecovery = (code: string) => code.toLowerCase().replace(/[\s-]/g, '');

export class SecondFactors {
  private constructor(
    private readonly db: SqlDb,
    private readonly kek: Buffer,
    private readonly suite: CryptoSuite,
    private readonly clock: () => Date,
    /** The name an authenticator app shows beside the account. */
    private readonly issuer: string,
  ) {}

  static async open(
    db: SqlDb,
    kek: Buffer,
    suite: CryptoSuite = INTL_SUITE,
    clock: () => Date = () => new Date(),
    issuer = '劳动维权协同平台',
  ): Promise<SecondFactors> {
    await db.migrate('auth', AUTH_MIGRATIONS);
    return new SecondFactors(db, kek, suite, clock, issuer);
  }

  private row(userId: string, tx: SqlQueries = this.db): Promise<FactorRow | undefined> {
    return tx.get<FactorRow>('SELECT * FROM second_factors WHERE user_id = ?', [userId]);
  }

  private open(userId: string, sealed: Buffer): string {
    return openSecret(this.kek, sealed, `totp:${userId}`).toString('utf8');
  }

  async isEnrolled(userId: string, tx: SqlQueries = this.db): Promise<boolean> {
    return (await this.row(userId, tx))?.secret != null;
  }

  async status(userId: string): Promise<SecondFactorStatus> {
    const row = await this.row(userId);
    const left = (await this.db.get<{ n: number }>('SELECT count(*) AS n FROM recovery_codes WHERE user_id = ? AND used_at IS NULL', [userId]))!;
    return { enrolled: row?.secret != null, enrolledAt: row?.enrolled_at ?? null, recoveryCodesLeft: row?.secret != null ? left.n : 0 };
  }

  /** A new secret awaiting confirmation (a second call replaces the first): shown once, in this answer. */
  async begin(user: { id: string; agency: string; username: string }): Promise<Enrolment> {
    const secret = generateSecret();
    const sealed = sealSecret(this.kek, Buffer.from(secret, 'utf8'), `totp:${user.id}`, this.suite);
    await this.db.run(
      `INSERT INTO second_factors (user_id, pending, last_step) VALUES (?, ?, -1)
        ON CONFLICT (user_id) DO UPDATE SET pending = excluded.pending`,
      [user.id, sealed],
    );
    const uri = generateURI({ issuer: this.issuer, label: `${user.agency}:${user.username}`, secret });
    const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return { secret, uri, qrSvg };
  }

  /** The step a code made from `secret` matches now (one step either side), after `afterStep`; null when none. */
  private async stepOf(secret: string, code: string, afterStep: number): Promise<number | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(this.clock().getTime() / 1000),
      epochTolerance: TOLERANCE_SECONDS,
      ...(afterStep >= 0 ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  /**
   * Activates the pending secret when the code was made from it: 10 new recovery codes (shown
   * once; any old ones go). Null when the code is wrong or there is nothing pending.
   */
  async confirm(userId: string, code: string): Promise<string[] | null> {
    const row = await this.row(userId);
    if (!row?.pending) return null;
    const pending = row.pending;
    const step = await this.stepOf(this.open(userId, pending), code.trim(), -1);
    if (step === null) return null;
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    const now = this.clock().toISOString();
    await this.db.transaction(async (tx) => {
      await tx.run('UPDATE second_factors SET secret = pending, pending = NULL, enrolled_at = ?, last_step = ? WHERE user_id = ? AND pending = ?', [
        now,
        step,
        userId,
        pending,
      ]);
      await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
      for (const c of codes)
        await tx.run('INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES (?, ?, ?)', [userId, this.hashRecovery(userId, c), now]);
    });
    return codes;
  }

  /** True when the code is right and newer than the last one used (which it then becomes). */
  async verifyCode(userId: string, code: string): Promise<boolean> {
    const row = await this.row(userId);
    if (!row?.secret) return false;
    const step = await this.stepOf(this.open(userId, row.secret), code.trim(), row.last_step);
    if (step === null) return false;
    // Two sign-ins with the same code at once (at one replica or two): only one moves the step.
    const moved = await this.db.run('UPDATE second_factors SET last_step = ? WHERE user_id = ? AND last_step < ?', [step, userId, step]);
    return moved === 1;
  }

  /** True when the recovery code is one of the user's, not used before (it is used now). */
  async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    if (!(await this.isEnrolled(userId))) return false;
    const normalized = normalizeRecovery(code);
    if (normalized.length !== 12) return false;
    const used = await this.db.run('UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL', [
      this.clock().toISOString(),
      userId,
      this.hashRecovery(userId, normalized),
    ]);
    return used === 1;
  }

  /** An admin's reset: the secret and the recovery codes go; the person enrols again at the next sign-in. True when there was one. */
  async reset(userId: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const had = await this.isEnrolled(userId, tx);
      await tx.run('DELETE FROM second_factors WHERE user_id = ?', [userId]);
      await tx.run('DELETE FROM recovery_codes WHERE user_id = ?', [userId]);
      return had;
    });
  }

  private hashRecovery(userId: string, code: string): string {
    return this.suite.hash(`recovery:${userId}:${normalizeRecovery(code)}`);
  }
}
