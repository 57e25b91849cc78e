import type { EventStore } from '@hub/event-store';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { NotFound, Unauthorized } from '../errors.js';
import type { RouteDescription } from '../openapi.js';
import type { AgencyId } from '../request-context.js';
import type { ServiceAccountStore } from './api-keys.js';
import { requireAgency, requireRole } from './middleware.js';
import { MAX_PASSWORD_LENGTH } from './password.js';
import type { Signer } from '../signing.js';
import { recordSessionRevoked } from './revocation-events.js';
import { displayNameSchema, roleSchema, usernameSchema } from './schema.js';
import type { RevocationList, SessionIssuer } from './sessions.js';
import type { UserStore } from './users.js';
import type { SecurityLog } from '../security-log/log.js';
import type { SessionAnswer } from '../wire.js';

export const LoginRequest = z
  .object({
    username: z.string().min(1).max(64),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  })
  .meta({ id: 'LoginRequest' });

const UserView = z
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

export const LoginResponse = z.object({ token: z.string(), expiresAt: z.string(), user: UserView }).meta({ id: 'Session' });

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

const WRONG_LOGIN = () => new Unauthorized('用户名或密码错误', 'Wrong username or password', 'login-failed');

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
  /** Where sign-ins, failed sign-ins and logouts are recorded (docs/security-log.md). */
  securityLog?: SecurityLog;
}

/** POST /api/session (log in), GET /api/session (who am I), DELETE /api/session (log out). */
export function createSessionRouter(options: SessionRouterOptions): Router {
  const router = Router();
  router.post('/api/session', async (req, res) => {
    const { username, password } = LoginRequest.parse(req.body);
    const user = await options.users.authenticate(options.agency, username, password);
    // One answer for an unknown user and a wrong password: the response must not reveal who has an account.
    if (!user) {
      options.securityLog?.signInFailed(req, options.agency, username);
      throw WRONG_LOGIN();
    }
    const session = await options.issuer.issue(user);
    options.securityLog?.signedIn(req, user);
    req.log?.info({ userId: user.id, agency: user.agency }, 'logged in');
    res.status(201).json({ token: session.token, expiresAt: session.expiresAt.toISOString(), user } satisfies SessionAnswer);
  });
  router.get('/api/session', options.authenticate, (req, res) => {
    res.json({ actor: req.actor });
  });
  router.delete('/api/session', options.authenticate, async (req, res) => {
    const actor = req.actor!;
    if (actor.kind !== 'user' || !actor.sessionId || !actor.sessionExpiresAt) {
      throw new Unauthorized('API 密钥没有会话可退出', 'An API key has no session to log out of', 'not-a-session');
    }
    options.revocations.revoke(actor.sessionId, actor.sessionExpiresAt);
    options.securityLog?.recordFor(req, { kind: 'sign_out', subject: `user-${actor.userId}`, detail: { sessionId: actor.sessionId } });
    // The local revoke is what makes this the logout; the store carries it to the hub. If the
    // store cannot take it now, the user is still logged out here: say so in the log (the hub
    // then accepts the session until it expires) rather than fail a logout that happened.
    const session = { sessionId: actor.sessionId, expiresAt: actor.sessionExpiresAt };
    try {
      await recordSessionRevoked(options.store, options.agency, options.signer, session, (options.clock ?? (() => new Date()))());
    } catch (error) {
      req.log?.warn(
        { err: error, sessionId: actor.sessionId },
        'logged out here, but SessionRevoked could not be recorded on the store: the hub accepts this session until it expires',
      );
    }
    res.status(204).end();
  });
  return router;
}

export interface AdminRouterOptions {
  agency: AgencyId;
  users: UserStore;
  serviceAccounts: ServiceAccountStore;
  authenticate: RequestHandler;
  /** Where user, role and API-key changes are recorded (docs/security-log.md). */
  securityLog?: SecurityLog;
}

/** The agency's own admins manage its people and machine clients; nobody else, not even the hub. */
export function createAdminRouter(options: AdminRouterOptions): Router {
  const { agency } = options;
  const router = Router();
  const guard = [options.authenticate, requireAgency(agency), requireRole('admin')];
  router.post('/api/admin/users', ...guard, async (req, res) => {
    const body = CreateUserRequest.parse(req.body);
    const user = await options.users.create({ agency, ...body });
    req.log?.info({ userId: req.actor!.userId, created: user.id }, 'user created');
    options.securityLog?.recordFor(req, { kind: 'user_created', subject: `user-${user.id}`, detail: { username: user.username, roles: user.roles } });
    res.status(201).json(user);
  });
  router.get('/api/admin/users', ...guard, (_req, res) => {
    res.json({ users: options.users.list(agency) });
  });
  router.post('/api/admin/service-accounts', ...guard, (req, res) => {
    const body = CreateServiceAccountRequest.parse(req.body);
    const { account, apiKey } = options.serviceAccounts.create({ agency, ...body });
    req.log?.info({ userId: req.actor!.userId, created: account.id }, 'service account created');
    options.securityLog?.recordFor(req, { kind: 'service_account_created', subject: `service-account-${account.id}`, detail: { roles: account.roles } });
    res.status(201).json({ account, apiKey });
  });
  router.get('/api/admin/service-accounts', ...guard, (_req, res) => {
    res.json({ serviceAccounts: options.serviceAccounts.list(agency) });
  });
  // A new key beside the live ones (rolled over without downtime: the client switches, then the old key is retired); shown once.
  router.post('/api/admin/service-accounts/:accountId/keys', ...guard, (req, res) => {
    const accountId = String(req.params['accountId']);
    const account = options.serviceAccounts.get(accountId);
    if (!account || account.agency !== agency || account.disabled) throw new NotFound('没有这个服务账号', `No service account ${accountId}`);
    const apiKey = options.serviceAccounts.issueKey(account.id);
    req.log?.info({ userId: req.actor!.userId, account: account.id }, 'service account key issued');
    options.securityLog?.recordFor(req, { kind: 'api_key_issued', subject: `service-account-${account.id}` });
    res.status(201).json({ account: options.serviceAccounts.get(account.id)!, apiKey });
  });
  return router;
}

const ServiceAccountView = z
  .object({
    id: z.string(),
    agency: z.string(),
    name: z.string(),
    roles: z.array(roleSchema),
    createdAt: z.string(),
    disabled: z.boolean(),
    keyHints: z.array(z.string()),
  })
  .meta({ id: 'ServiceAccount' });

/** For a service's OpenAPI document. */
export const AUTH_ROUTES: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/session',
    summary: 'Log in (登录)',
    tags: ['session'],
    request: LoginRequest,
    responses: { 201: { description: 'A session token', schema: LoginResponse }, 401: { description: 'Wrong username or password' } },
  },
  {
    method: 'get',
    path: '/api/session',
    summary: 'The current actor',
    tags: ['session'],
    security: ['session', 'apiKey'],
    responses: { 200: { description: 'Who is acting' } },
  },
  {
    method: 'delete',
    path: '/api/session',
    summary: 'Log out (退出)',
    tags: ['session'],
    security: ['session'],
    responses: { 204: { description: 'The session is revoked' } },
  },
  {
    method: 'post',
    path: '/api/admin/users',
    summary: 'Create a user',
    tags: ['admin'],
    security: ['session'],
    request: CreateUserRequest,
    responses: { 201: { description: 'The user', schema: UserView }, 409: { description: 'Username taken' } },
  },
  {
    method: 'get',
    path: '/api/admin/users',
    summary: "List the agency's users",
    tags: ['admin'],
    security: ['session'],
    responses: { 200: { description: 'Users', schema: z.object({ users: z.array(UserView) }) } },
  },
  {
    method: 'post',
    path: '/api/admin/service-accounts',
    summary: 'Create a service account and its API key (shown once)',
    tags: ['admin'],
    security: ['session'],
    request: CreateServiceAccountRequest,
    responses: { 201: { description: 'The account and its key', schema: z.object({ account: ServiceAccountView, apiKey: z.string() }) } },
  },
  {
    method: 'get',
    path: '/api/admin/service-accounts',
    summary: 'List service accounts',
    tags: ['admin'],
    security: ['session'],
    responses: { 200: { description: 'Service accounts', schema: z.object({ serviceAccounts: z.array(ServiceAccountView) }) } },
  },
  {
    method: 'post',
    path: '/api/admin/service-accounts/:accountId/keys',
    summary: 'Issue another API key for a service account (key rollover; the new key is shown once, the old ones stay live)',
    tags: ['admin'],
    security: ['session'],
    responses: {
      201: { description: 'The account and its new key', schema: z.object({ account: ServiceAccountView, apiKey: z.string() }) },
      404: { description: 'No such live service account of this agency' },
    },
  },
];
