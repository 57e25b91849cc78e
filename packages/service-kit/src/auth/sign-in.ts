import type { Request } from 'express';
import { Router } from 'express';
import { z } from 'zod';
import { HttpError, NotFound, PasswordChangeRequired, Unauthorized } from '../errors.js';
import type { Logger } from '../logger.js';
import type { SessionAnswer, User } from '../wire.js';
import { MAX_PASSWORD_LENGTH } from './password-policy.js';
import { recordSessionRevoked } from './revocation-events.js';
import type { LoginGuard } from './login-guard.js';
import type { SessionRouterOptions } from './routes.js';

export const ChangePasswordRequest = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    newPassword: z.string().max(MAX_PASSWORD_LENGTH),
  })
  .meta({ id: 'ChangePasswordRequest' });

const WRONG_LOGIN = () => new Unauthorized('用户名或密码错误', 'Wrong username or password', 'login-failed');

/** The source address of a request: the client's, when the service trusts the proxy in front of it (TRUST_PROXY). */
export const sourceAddress = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

/**
 * The user when the username and password are right. Counted by the login guard first (423 when
 * the name is locked, 429 when the address failed too often), one answer for an unknown user and
 * a wrong password.
 */
export async function checkCredentials(options: SessionRouterOptions, req: Request, username: string, password: string): Promise<User> {
  let attempt: ReturnType<LoginGuard['begin']>;
  try {
    attempt = options.guard.begin(options.agency, username, sourceAddress(req));
  } catch (error) {
    // Refused before the password was looked at: the security log says why (never the password).
    const reason =
      error instanceof HttpError && error.slug === 'login-locked'
        ? 'locked'
        : error instanceof HttpError && error.slug === 'login-rate-limited'
          ? 'rate_limited'
          : null;
    if (reason) options.securityLog?.signInFailed(req, options.agency, username, reason);
    throw error;
  }
  const user = await options.users.authenticate(options.agency, username, password);
  if (!user) {
    req.log?.info({ agency: options.agency }, 'sign-in failed');
    options.securityLog?.signInFailed(req, options.agency, username);
    if (attempt.lockedUntil) {
      options.securityLog?.accountLocked(
        options.agency,
        { id: null, username: attempt.username },
        { failures: attempt.failures, until: attempt.lockedUntil.toISOString() },
        req,
      );
    }
    throw WRONG_LOGIN();
  }
  options.guard.succeeded(attempt);
  return user;
}

/** Refuses a session while the user must first choose a new password (POST /api/session/password). */
export function requireCurrentPassword(options: SessionRouterOptions, user: User, now: Date): void {
  const due = options.users.passwordDue(user.id, options.passwordMaxAgeDays ?? 0, now);
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
export async function startSession(options: SessionRouterOptions, req: Request, user: User): Promise<SessionAnswer> {
  const session = await options.issuer.issue(user);
  const userAgent = req.get('user-agent');
  options.sessions.start(
    { jti: session.jti, agency: user.agency, userId: user.id, expiresAt: session.expiresAt },
    { ...(userAgent ? { userAgent } : {}), address: sourceAddress(req) },
  );
  options.securityLog?.signedIn(req, user);
  req.log?.info({ userId: user.id, agency: user.agency }, 'logged in');
  return { token: session.token, expiresAt: session.expiresAt.toISOString(), user };
}

/**
 * Ends a session here at once, then records `SessionRevoked` on the store so the hub refuses it
 * too. When the store cannot take it now, the session is still ended here, and the sweeper
 * (`announceEndedSessions`) tells the store later.
 */
export async function endSession(options: SessionRouterOptions, session: { sessionId: string; expiresAt: Date }, log?: Logger): Promise<void> {
  options.revocations.revoke(session.sessionId, session.expiresAt);
  options.sessions.end(session.sessionId);
  try {
    await recordSessionRevoked(options.store, options.agency, options.signer, session, (options.clock ?? (() => new Date()))());
    options.sessions.announced(session.sessionId);
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
  for (const session of options.sessions.announceable()) {
    try {
      await recordSessionRevoked(options.store, options.agency, options.signer, session, (options.clock ?? (() => new Date()))());
      options.sessions.announced(session.sessionId);
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
    const user = await checkCredentials(options, req, body.username, body.password);
    const changed = await options.users.setPassword(user.id, body.newPassword, { mustChange: false, now: now() });
    req.log?.info({ userId: user.id }, 'password changed');
    res.status(201).json(await startSession(options, req, changed));
  });
  router.get('/api/sessions', options.authenticate, (req, res) => {
    const actor = req.actor!;
    if (actor.kind !== 'user') throw new Unauthorized('API 密钥没有会话', 'An API key has no sessions', 'not-a-session');
    res.json({ sessions: options.sessions.listOf(actor.userId).map((s) => ({ ...s, current: s.sessionId === actor.sessionId })) });
  });
  router.delete('/api/sessions/:sessionId', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    const session = options.sessions.get(String(req.params['sessionId']));
    // Another person's session is answered as one that does not exist.
    if (actor.kind !== 'user' || !session || session.userId !== actor.userId || session.ended) throw new NotFound('没有这个会话', 'No such session of yours');
    await endSession(options, session, req.log);
    req.log?.info({ userId: actor.userId, sessionId: session.sessionId }, 'session ended from the list');
    res.status(204).end();
  });
  return router;
}
