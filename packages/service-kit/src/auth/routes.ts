import type { EventStore } from '@hub/event-store';
import { type Request, Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { NotFound, Unauthorized } from '../errors.js';
import type { AgencyId, Role } from '../request-context.js';
import type { ServiceAccountStore } from './api-keys.js';
import { requireAgency, requireRole } from './middleware.js';
import { MAX_PASSWORD_LENGTH } from './password.js';
import type { Signer } from '../signing.js';
import { displayNameSchema, roleSchema, usernameSchema } from './schema.js';
import type { LoginGuard } from './login-guard.js';
import type { SessionRegistry } from './session-registry.js';
import type { RevocationList, SessionIssuer } from './sessions.js';
import { accountRoutes, checkSecondFactor, endSession, passwordChecked, requireCurrentPassword, secondFactorFields, startSession } from './sign-in.js';
import type { SecondFactors } from './second-factor.js';
import type { UserStore } from './users.js';
import type { SecurityLog } from '../security-log/log.js';

export const LoginRequest = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    ...secondFactorFields,
  })
  .meta({ id: 'LoginRequest' });

export const UserView = z
  .object({
    id: z.string(),
    agency: z.string(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    createdAt: z.string().optional(),
    disabled: z.boolean().optional(),
  })
  .meta({ id: 'User' });

export const LoginResponse = z
  .object({
    token: z.string(),
    expiresAt: z.string(),
    user: UserView,
    recoveryCodesLeft: z.number().optional().describe('after signing in with a recovery code: how many are left'),
  })
  .meta({ id: 'Session' });

export const CreateUserRequest = z
  .object({
    username: usernameSchema,
    displayName: displayNameSchema,
    password: z.string().max(MAX_PASSWORD_LENGTH),
    roles: z.array(roleSchema).min(1),
  })
  .meta({ id: 'CreateUserRequest' });

export const CreateServiceAccountRequest = z
  .object({
    name: displayNameSchema,
    roles: z.array(roleSchema).min(1),
  })
  .meta({ id: 'CreateServiceAccountRequest' });

export const ResetPasswordRequest = z.object({ password: z.string().max(MAX_PASSWORD_LENGTH) }).meta({ id: 'ResetPasswordRequest' });

export const ChangeRolesRequest = z
  .object({ roles: z.array(roleSchema).min(1).max(4) })
  .strict()
  .meta({ id: 'ChangeRolesRequest' });

export interface SessionRouterOptions {
  agency: AgencyId;
  users: UserStore;
  issuer: SessionIssuer;
  revocations: RevocationList;
  /** The shared store: a logout is also recorded there (`SessionRevoked`), so the hub refuses the session too. */
  store: EventStore;
  /** Signs that append, like every other append of this service (its `events` key). */
  signer: Signer;
  /** `authenticate(...)` as configured for this service. */
  authenticate: RequestHandler;
  /** The time a logout is recorded at (`revokedAt`). Default: the system clock. */
  clock?: () => Date;
  /** Counts failed sign-ins: locks a name, refuses an address (423/429 with Retry-After). */
  guard: LoginGuard;
  /** The sessions on the server side: idle time, the list of one's sessions. */
  sessions: SessionRegistry;
  /** PASSWORD_MAX_AGE_DAYS: a password older than this must be changed at sign-in; 0 or absent: no maximum. */
  passwordMaxAgeDays?: number;
  /** Where sign-ins, failed sign-ins and logouts are recorded (docs/security-log.md). */
  securityLog?: SecurityLog;
  /** The second factor (TOTP_REQUIRED_ROLES): absent, nobody is asked for one. */
  secondFactor?: { factors: SecondFactors; requiredRoles: readonly Role[] };
}

/** POST /api/session (log in), GET /api/session (who am I), DELETE /api/session (log out). */
export function createSessionRouter(options: SessionRouterOptions): Router {
  const router = Router();
  router.post('/api/session', async (req, res) => {
    const body = LoginRequest.parse(req.body);
    const { user, attempt } = await passwordChecked(options, req, body.username, body.password);
    try {
      // A password to change comes first: the change is made with the second factor (POST /api/session/password).
      await requireCurrentPassword(options, user, (options.clock ?? (() => new Date()))());
    } catch (error) {
      await options.guard.release(attempt);
      throw error;
    }
    const secondFactor = await checkSecondFactor(options, req, user, attempt, body);
    await options.guard.succeeded(attempt);
    res.status(201).json(await startSession(options, req, user, secondFactor));
  });
  router.get('/api/session', options.authenticate, (req, res) => {
    res.json({ actor: req.actor });
  });
  router.delete('/api/session', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    if (actor.kind !== 'user' || !actor.sessionId || !actor.sessionExpiresAt) {
      throw new Unauthorized('API 密钥没有会话可退出', 'An API key has no session to log out of', 'not-a-session');
    }
    await options.securityLog?.recordFor(req, { kind: 'sign_out', subject: `user-${actor.userId}`, detail: { sessionId: actor.sessionId } });
    await endSession(options, { sessionId: actor.sessionId, expiresAt: actor.sessionExpiresAt }, req.log);
    res.status(204).end();
  });
  router.use(accountRoutes(options));
  return router;
}

export interface AdminRouterOptions {
  agency: AgencyId;
  users: UserStore;
  serviceAccounts: ServiceAccountStore;
  authenticate: RequestHandler;
  guard: LoginGuard;
  sessions: SessionRegistry;
  clock?: () => Date;
  /** Where user, role and API-key changes are recorded (docs/security-log.md). */
  securityLog?: SecurityLog;
  /** An admin resets a person's second factor (a lost phone): they enrol again at the next sign-in. */
  secondFactors?: SecondFactors;
}

/** The agency's own admins manage its people and machine clients; nobody else, not even the hub. */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const { agency } = options;
  const router = Router();
  const guard = [options.authenticate, requireAgency(agency), requireRole('admin')];
  router.post('/api/admin/users', ...guard, async (req, res) => {
    const body = CreateUserRequest.parse(req.body);
    // The admin chose the password: the person chooses their own at the first sign-in.
    const user = await options.users.create({ agency, ...body, mustChangePassword: true });
    req.log?.info({ userId: req.actor!.userId, created: user.id }, 'user created');
    await options.securityLog?.recordFor(req, { kind: 'user_created', subject: `user-${user.id}`, detail: { username: user.username, roles: user.roles } });
    res.status(201).json(user);
  });
  const ownUser = async (userId: string) => {
    const user = await options.users.get(userId);
    if (!user || user.agency !== agency) throw new NotFound('没有这个用户', `No user ${userId}`);
    return user;
  };
  router.post('/api/admin/users/:userId/unlock', ...guard, async (req, res) => {
    const user = await ownUser(String(req.params['userId']));
    const wasLocked = await options.guard.unlock(agency, user.username);
    req.log?.info({ userId: req.actor!.userId, unlocked: user.id, wasLocked }, 'sign-in unlocked');
    if (wasLocked) await options.securityLog?.accountUnlocked(agency, { id: user.id, username: user.username }, { by: 'admin' }, req);
    res.json({ user, wasLocked });
  });
  // A new password chosen by the admin: the person's sessions end, the lock goes, and they change it at the next sign-in.
  router.post('/api/admin/users/:userId/password', ...guard, async (req, res) => {
    const body = ResetPasswordRequest.parse(req.body);
    const found = await ownUser(String(req.params['userId']));
    const user = await options.users.setPassword(found.id, body.password, { mustChange: true, now: (options.clock ?? (() => new Date()))() });
    const ended = (await options.sessions.endAllOf(user.id)).length;
    await options.guard.unlock(agency, user.username);
    req.log?.info({ userId: req.actor!.userId, reset: user.id, sessionsEnded: ended }, 'password reset by an admin');
    await options.securityLog?.recordFor(req, { kind: 'password_reset', subject: `user-${user.id}`, detail: { sessionsEnded: ended } });
    res.json({ user, sessionsEnded: ended });
  });
  // A lost phone: the secret and the recovery codes go, the person's sessions end, and they enrol again at the next sign-in.
  router.post('/api/admin/users/:userId/second-factor/reset', ...guard, async (req, res) => {
    const user = await ownUser(String(req.params['userId']));
    const factors = options.secondFactors;
    if (!factors) throw new NotFound('本服务未启用动态口令', 'This service has no second factor');
    const wasEnrolled = await factors.reset(user.id);
    const ended = (await options.sessions.endAllOf(user.id)).length;
    req.log?.info({ userId: req.actor!.userId, reset: user.id, wasEnrolled, sessionsEnded: ended }, 'second factor reset by an admin');
    await options.securityLog?.recordFor(req, {
      kind: 'second_factor_reset',
      subject: `user-${user.id}`,
      detail: { username: user.username, wasEnrolled, sessionsEnded: ended },
    });
    res.json({ user, wasEnrolled, sessionsEnded: ended });
  });
  // Roles ride in the session token, so a change of roles, like disabling, ends the person's sessions: the next sign-in carries the new ones.
  const changeUser = async (req: Request, change: { roles?: readonly Role[]; disabled?: boolean }) => {
    const found = await ownUser(String(req.params['userId']));
    const { before, after } = await options.users.change(found.id, { ...change, now: (options.clock ?? (() => new Date()))() });
    const sessionsEnded = (await options.sessions.endAllOf(after.id)).length;
    return { before, after, sessionsEnded };
  };
  router.put('/api/admin/users/:userId/roles', ...guard, async (req, res) => {
    const body = ChangeRolesRequest.parse(req.body);
    const { before, after, sessionsEnded } = await changeUser(req, { roles: body.roles });
    req.log?.info({ userId: req.actor!.userId, changed: after.id, roles: after.roles, sessionsEnded }, 'roles changed');
    await options.securityLog?.recordFor(req, {
      kind: 'role_changed',
      subject: `user-${after.id}`,
      detail: { username: after.username, from: before.roles, to: after.roles, sessionsEnded },
    });
    res.json({ user: after, sessionsEnded });
  });
  for (const [action, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    router.post(`/api/admin/users/:userId/${action}`, ...guard, async (req, res) => {
      const { after, sessionsEnded } = await changeUser(req, { disabled });
      req.log?.info({ userId: req.actor!.userId, changed: after.id, disabled, sessionsEnded }, disabled ? 'user disabled' : 'user enabled');
      await options.securityLog?.recordFor(req, {
        kind: 'user_changed',
        subject: `user-${after.id}`,
        detail: { username: after.username, disabled, sessionsEnded },
      });
      res.json({ user: after, sessionsEnded });
    });
  }
  router.get('/api/admin/users', ...guard, async (_req, res) => {
    const users = await options.users.list(agency);
    const factors = options.secondFactors;
    res.json({ users: factors ? await Promise.all(users.map(async (u) => ({ ...u, secondFactor: await factors.isEnrolled(u.id) }))) : users });
  });
  router.post('/api/admin/service-accounts', ...guard, async (req, res) => {
    const body = CreateServiceAccountRequest.parse(req.body);
    const { account, apiKey } = await options.serviceAccounts.create({ agency, ...body });
    req.log?.info({ userId: req.actor!.userId, created: account.id }, 'service account created');
    await options.securityLog?.recordFor(req, { kind: 'service_account_created', subject: `service-account-${account.id}`, detail: { roles: account.roles } });
    res.status(201).json({ account, apiKey });
  });
  router.get('/api/admin/service-accounts', ...guard, async (_req, res) => {
    res.json({ serviceAccounts: await options.serviceAccounts.list(agency) });
  });
  // A new key beside the live ones (rolled over without downtime: the client switches, then the old key is retired); shown once.
  router.post('/api/admin/service-accounts/:accountId/keys', ...guard, async (req, res) => {
    const accountId = String(req.params['accountId']);
    const account = await options.serviceAccounts.get(accountId);
    if (!account || account.agency !== agency || account.disabled) throw new NotFound('没有这个服务账号', `No service account ${accountId}`);
    const apiKey = await options.serviceAccounts.issueKey(account.id);
    req.log?.info({ userId: req.actor!.userId, account: account.id }, 'service account key issued');
    await options.securityLog?.recordFor(req, { kind: 'api_key_issued', subject: `service-account-${account.id}` });
    res.status(201).json({ account: (await options.serviceAccounts.get(account.id))!, apiKey });
  });
  return router;
}
