import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { BadRequest, Conflict, HttpError, NotFound, PasswordChangeRequired, SecondFactorEnrolmentRequired, Unauthorized } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SessionAnswer, User } from '../wire.js';
import { checkPasswordPolicy, MAX_PASSWORD_LENGTH } from './password-policy.js';
import { recordSessionRevoked } from './revocation-events.js';
import type { LoginAttempt } from './login-guard.js';
import type { SessionRouterOptions } from './routes.js';

/** The second factor given with a password: a code from the authenticator app, or a recovery code. */
export const secondFactorFields = {
  code: z.string().max(16).optional().describe('the 6-digit code of the authenticator app, when the user has a second factor'),
  recoveryCode: z.string().max(32).optional().describe('or one of the recovery codes shown at enrolment (each works once)'),
};

export const ChangePasswordRequest = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    newPassword: z.string().max(MAX_PASSWORD_LENGTH),
    ...secondFactorFields,
  })
  .meta({ id: 'ChangePasswordRequest' });

export const EnrolmentRequest = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .meta({ id: 'SecondFactorEnrolmentRequest' });

export const ConfirmEnrolmentRequest = z
  .object({ username: z.string().min(1).max(64), password: z.string().min(1).max(MAX_PASSWORD_LENGTH), code: z.string().max(16) })
  .meta({ id: 'SecondFactorConfirmRequest' });

const WRONG_LOGIN = () => new Unauthorized('用户名或密码错误', 'Wrong username or password', 'login-failed');

/** The source address of a request: the client's, when the service trusts the proxy in front of it (TRUST_PROXY). */
export const sourceAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * The user when the username and password are right, and the attempt the login guard counted:
 * the caller ends it with `guard.succeeded` (a session is issued), `guard.release` (the password
 * was right but something is asked first) or leaves it counted (a wrong second factor). 423 when
 * the name is locked, 429 when the address failed too often; one answer for an unknown user and a
 * wrong password.
 */
export async function passwordChecked(
  options: SessionRouterOptions,
  req: Request,
  username: string,
  password: string,
): Promise<{ user: User; attempt: LoginAttempt }> {
  let attempt: LoginAttempt;
  try {
    attempt = await options.guard.begin(options.agency, username, sourceAddress(req));
  } catch (error) {
    // Refused before the password was looked at: the security log says why (never the password).
    const reason =
      error instanceof HttpError && error.slug === 'login-locked'
        ? 'locked'
        : error instanceof HttpError && error.slug === 'login-rate-limited'
          ? 'rate_limited'
          : null;
    if (reason) await options.securityLog?.signInFailed(req, options.agency, username, reason);
    throw error;
  }
  const user = await options.users.authenticate(options.agency, username, password);
  if (!user) {
    req.log?.info({ agency: options.agency }, 'sign-in failed');
    await options.securityLog?.signInFailed(req, options.agency, username);
    if (attempt.lockedUntil) {
      await options.securityLog?.accountLocked(
        options.agency,
        { id: null, username: attempt.username },
        { failures: attempt.failures, until: attempt.lockedUntil.toISOString() },
        req,
      );
    }
    throw WRONG_LOGIN();
  }
  return { user, attempt };
}

/** Runs `step` with the password right; a refusal it throws releases the attempt (nothing is held against the name). */
async function releasingOnRefusal<T>(options: SessionRouterOptions, attempt: LoginAttempt, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await options.guard.release(attempt);
    throw error;
  }
}

/** Whether the deployment requires a second factor of the user's roles (TOTP_REQUIRED_ROLES). */
export function secondFactorRequired(options: Pick<SessionRouterOptions, 'secondFactor'>, user: Pick<User, 'roles'>): boolean {
  const required = options.secondFactor?.requiredRoles ?? [];
  return user.roles.some((r) => required.includes(r));
}

const wrongSecondFactor = () =>
  new Unauthorized('动态验证码或恢复码不正确，或已经用过', 'The code or recovery code is wrong, or was used already', 'second-factor-failed');

/** A wrong code: counted like a wrong password (the attempt stays), and in the security log. Returns the refusal to throw. */
async function secondFactorFailed(
  options: SessionRouterOptions,
  req: Request,
  user: User,
  attempt: LoginAttempt,
  detail: Record<string, unknown>,
): Promise<Unauthorized> {
  req.log?.info({ userId: user.id, agency: options.agency }, 'second factor failed');
  await options.securityLog?.record({
    kind: 'second_factor_failed',
    actor: { userId: user.id, name: user.displayName, agency: user.agency },
    subject: `user-${user.id}`,
    ...sourceOf(req),
    outcome: 'failure',
    detail: { username: user.username, ...detail },
  });
  if (attempt.lockedUntil) {
    await options.securityLog?.accountLocked(
      options.agency,
      { id: user.id, username: user.username },
      { failures: attempt.failures, until: attempt.lockedUntil.toISOString() },
      req,
    );
  }
  return wrongSecondFactor();
}

/**
 * After the right password: the second factor. A user who has one gives a code or a recovery
 * code (none given: 401 `second-factor-required`, not counted); a user whose role requires one
 * and who has none must enrol first (403 `second-factor-enrolment-required`). Returns how the
 * second factor was given, or null when the user has none and needs none.
 */
export async function checkSecondFactor(
  options: SessionRouterOptions,
  req: Request,
  user: User,
  attempt: LoginAttempt,
  given: { code?: string | undefined; recoveryCode?: string | undefined },
): Promise<'totp' | 'recovery_code' | null> {
  const factors = options.secondFactor?.factors;
  if (!factors || !(await factors.isEnrolled(user.id))) {
    if (secondFactorRequired(options, user)) {
      await options.guard.release(attempt);
      throw new SecondFactorEnrolmentRequired(
        '您的角色需要动态口令（双因素认证）：请先用手机上的身份验证器应用扫码绑定',
        'Your role signs in with a second factor: set up an authenticator app first',
      );
    }
    return null;
  }
  const code = given.code?.trim();
  const recoveryCode = given.recoveryCode?.trim();
  if (!code && !recoveryCode) {
    await options.guard.release(attempt);
    throw new Unauthorized('请输入身份验证器应用上的 6 位动态验证码', 'Enter the 6-digit code of your authenticator app', 'second-factor-required');
  }
  if (recoveryCode) {
    if (!(await factors.useRecoveryCode(user.id, recoveryCode))) throw await secondFactorFailed(options, req, user, attempt, { method: 'recovery_code' });
    const left = (await factors.status(user.id)).recoveryCodesLeft;
    await options.securityLog?.record({
      kind: 'recovery_code_used',
      actor: { userId: user.id, name: user.displayName, agency: user.agency },
      subject: `user-${user.id}`,
      ...sourceOf(req),
      detail: { username: user.username, recoveryCodesLeft: left },
    });
    return 'recovery_code';
  }
  if (!(await factors.verifyCode(user.id, code!))) throw await secondFactorFailed(options, req, user, attempt, { method: 'totp' });
  return 'totp';
}

/** The request's source address and what a proxy in front of it claimed, for the security log. */
function sourceOf(req: Request): { sourceIp: string | null; forwardedFor: string | null } {
  return { sourceIp: sourceAddress(req), forwardedFor: req.get('x-forwarded-for') ?? null };
}

const alreadyEnrolled = () =>
  new Conflict(
    'second-factor-enrolled',
    '已经绑定了动态口令；要换手机，请本机构管理员重置',
    'A second factor is set up already; to change it, ask your agency’s admin to reset it',
  );

/** Refuses a session while the user must first choose a new password (POST /api/session/password). */
export async function requireCurrentPassword(options: SessionRouterOptions, user: User, now: Date): Promise<void> {
  const due = await options.users.passwordDue(user.id, options.passwordMaxAgeDays ?? 0, now);
  if (due === 'change-required') {
    throw new PasswordChangeRequired(
      'password-change-required',
      '这是管理员为您设置的密码，请先改成只有您自己知道的新密码再登录',
      'An admin set this password: choose a new one of your own before signing in',
    );
  }
  if (due === 'expired') {
    throw new PasswordChangeRequired(
      'password-expired',
      `密码已使用超过 ${options.passwordMaxAgeDays} 天，请先设置新密码再登录`,
      `The password is older than ${options.passwordMaxAgeDays} days: choose a new one before signing in`,
    );
  }
}

/** Issues a session and registers it (its idle time starts now). */
export async function startSession(
  options: SessionRouterOptions,
  req: Request,
  user: User,
  secondFactor: 'totp' | 'recovery_code' | null = null,
): Promise<SessionAnswer> {
  const session = await options.issuer.issue(user);
  const userAgent = req.get('user-agent');
  await options.sessions.start(
    { jti: session.jti, agency: user.agency, userId: user.id, expiresAt: session.expiresAt },
    { ...(userAgent ? { userAgent } : {}), address: sourceAddress(req) },
  );
  await options.securityLog?.signedIn(req, user, secondFactor ? { secondFactor } : {});
  req.log?.info({ userId: user.id, agency: user.agency }, 'logged in');
  const factors = options.secondFactor?.factors;
  const left = secondFactor === 'recovery_code' && factors ? (await factors.status(user.id)).recoveryCodesLeft : undefined;
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user, ...(left === undefined ? {} : { recoveryCodesLeft: left }) };
}

/**
 * Ends a session here at once, then records `SessionRevoked` on the store so the hub refuses it
 * too. When the store cannot take it now, the session is still ended here, and the sweeper
 * (`announceEndedSessions`) tells the store later.
 */
export async function endSession(options: SessionRouterOptions, session: { sessionId: string; expiresAt: Date }, log?: Logger): Promise<void> {
  await options.revocations.revoke(session.sessionId, session.expiresAt);
  await options.sessions.end(session.sessionId);
  try {
    await recordSessionRevoked(options.store, options.agency, options.signer, session, (options.clock ?? (() => new Date()))());
    await options.sessions.announced(session.sessionId);
  } catch (error) {
    log?.warn(
      { err: error, sessionId: session.sessionId },
      'session ended here, but SessionRevoked could not be recorded on the store yet: the sweeper retries',
    );
  }
}

/**
 * Tells the store of the sessions that ended here without it knowing: idle ones, and ends the
 * store could not take at the time. Run every minute by the service; returns how many were told.
 */
export async function announceEndedSessions(
  options: Pick<SessionRouterOptions, 'sessions' | 'store' | 'agency' | 'signer' | 'clock'>,
  log?: Logger,
): Promise<number> {
  let told = 0;
  for (const session of await options.sessions.announceable()) {
    try {
      await recordSessionRevoked(options.store, options.agency, options.signer, session, (options.clock ?? (() => new Date()))());
      await options.sessions.announced(session.sessionId);
      told++;
    } catch (error) {
      log?.warn({ err: error, sessionId: session.sessionId }, 'SessionRevoked for an ended session could not be recorded; retried at the next sweep');
      break;
    }
  }
  return told;
}

/** POST /api/session/password (change it, and sign in), GET /api/sessions (mine), DELETE /api/sessions/:sessionId. */
export function accountRoutes(options: SessionRouterOptions): Router {
  const router = Router();
  const now = () => (options.clock ?? (() => new Date()))();
  // Without a session: the forced change at the first sign-in (or of an expired password) has none yet.
  router.post('/api/session/password', async (req, res) => {
    const body = ChangePasswordRequest.parse(req.body);
    const { user, attempt } = await passwordChecked(options, req, body.username, body.password);
    // The new password is checked before a code is spent on it: a refused one is asked again with the same code.
    await releasingOnRefusal(options, attempt, () => {
      checkPasswordPolicy(body.newPassword, user.username);
      if (body.newPassword === body.password) {
        throw new BadRequest('新密码不能和原来的密码一样', 'The new password must differ from the old one', [
          { path: 'newPassword', message: 'same as the old one' },
        ]);
      }
    });
    const enrolled = (await options.secondFactor?.factors.isEnrolled(user.id)) ?? false;
    const secondFactor = enrolled ? await checkSecondFactor(options, req, user, attempt, body) : null;
    const changed = await releasingOnRefusal(options, attempt, () => options.users.setPassword(user.id, body.newPassword, { mustChange: false, now: now() }));
    req.log?.info({ userId: user.id }, 'password changed');
    // Changed; a role that needs a second factor sets it up next, signing in with the new password.
    if (!enrolled) await checkSecondFactor(options, req, changed, attempt, {});
    await options.guard.succeeded(attempt);
    res.status(201).json(await startSession(options, req, changed, secondFactor));
  });

  // Enrolment (issue 15.3): without a session, like the forced password change. The secret is shown in this answer only.
  router.post('/api/session/second-factor/enrolment', async (req, res) => {
    const body = EnrolmentRequest.parse(req.body);
    const { user, attempt } = await passwordChecked(options, req, body.username, body.password);
    const enrolment = await releasingOnRefusal(options, attempt, async () => {
      const factors = options.secondFactor?.factors;
      if (!factors) throw new NotFound('本服务未启用动态口令', 'This service has no second factor');
      await requireCurrentPassword(options, user, now());
      if (await factors.isEnrolled(user.id)) throw alreadyEnrolled();
      return factors.begin(user);
    });
    await options.guard.release(attempt);
    req.log?.info({ userId: user.id }, 'second factor enrolment started');
    res.status(201).json(enrolment);
  });
  router.post('/api/session/second-factor', async (req, res) => {
    const body = ConfirmEnrolmentRequest.parse(req.body);
    const { user, attempt } = await passwordChecked(options, req, body.username, body.password);
    const factors = await releasingOnRefusal(options, attempt, async () => {
      const factors = options.secondFactor?.factors;
      if (!factors) throw new NotFound('本服务未启用动态口令', 'This service has no second factor');
      await requireCurrentPassword(options, user, now());
      if (await factors.isEnrolled(user.id)) throw alreadyEnrolled();
      return factors;
    });
    const recoveryCodes = await factors.confirm(user.id, body.code);
    if (!recoveryCodes) throw await secondFactorFailed(options, req, user, attempt, { method: 'totp', stage: 'enrolment' });
    await options.guard.succeeded(attempt);
    await options.securityLog?.record({
      kind: 'second_factor_enrolled',
      actor: { userId: user.id, name: user.displayName, agency: user.agency },
      subject: `user-${user.id}`,
      ...sourceOf(req),
      detail: { username: user.username, method: 'totp', recoveryCodes: recoveryCodes.length },
    });
    req.log?.info({ userId: user.id }, 'second factor enrolled');
    res.status(201).json({ ...(await startSession(options, req, user, 'totp')), recoveryCodes });
  });
  router.get('/api/sessions', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    if (actor.kind !== 'user') throw new Unauthorized('API 密钥没有会话', 'An API key has no sessions', 'not-a-session');
    res.json({ sessions: (await options.sessions.listOf(actor.userId)).map((s) => ({ ...s, current: s.sessionId === actor.sessionId })) });
  });
  router.delete('/api/sessions/:sessionId', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    const session = await options.sessions.get(String(req.params['sessionId']));
    // Another person's session is answered as one that does not exist.
    if (actor.kind !== 'user' || !session || session.userId !== actor.userId || session.ended) throw new NotFound('没有这个会话', 'No such session of yours');
    await endSession(options, session, req.log);
    req.log?.info({ userId: actor.userId, sessionId: session.sessionId }, 'session ended from the list');
    res.status(204).end();
  });
  return router;
}
