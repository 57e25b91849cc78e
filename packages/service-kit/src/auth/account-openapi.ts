import { z } from 'zod';
import type { RouteDescription } from '../openapi.js';
import { ChangeRolesRequest, CreateServiceAccountRequest, CreateUserRequest, LoginRequest, LoginResponse, UserView } from './routes.js';
import { roleSchema } from './schema.js';
import { ChangePasswordRequest, ConfirmEnrolmentRequest, EnrolmentRequest } from './sign-in.js';

const ActiveSessionView = z
  .object({
    sessionId: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string().describe('updated at most once a minute'),
    expiresAt: z.string(),
    userAgent: z.string().nullable(),
    address: z.string().nullable(),
    current: z.boolean().describe('the session this request came with'),
  })
  .meta({ id: 'ActiveSession' });

const refusals = {
  401: { description: 'Wrong username or password (the same for an unknown user)' },
  423: { description: 'The name is locked after too many failed sign-ins (Retry-After)' },
  429: { description: 'Too many failed sign-ins from this address (Retry-After)' },
};

/** Sign-in failures, password changes and one's sessions (issue 15). */
export const ACCOUNT_ROUTES: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/session/password',
    summary: 'Change one’s password and sign in (修改密码): the forced change at the first sign-in, or of an expired password',
    tags: ['session'],
    request: ChangePasswordRequest,
    responses: { 201: { description: 'A session token' }, 400: { description: 'The new password breaks the policy' }, ...refusals },
  },
  {
    method: 'post',
    path: '/api/session/second-factor/enrolment',
    summary: 'Start setting up the second factor (绑定动态口令): a new TOTP secret, its otpauth URI and QR code, shown this once',
    tags: ['session'],
    request: EnrolmentRequest,
    responses: {
      201: {
        description: 'The secret (base32), the otpauth URI and the QR code (SVG)',
        schema: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }),
      },
      403: { description: 'password-change-required or password-expired: change it first' },
      409: { description: 'A second factor is set up already (an admin resets it)' },
      ...refusals,
    },
  },
  {
    method: 'post',
    path: '/api/session/second-factor',
    summary: 'Confirm the second factor with a code from the app, and sign in: the 10 recovery codes, shown this once',
    tags: ['session'],
    request: ConfirmEnrolmentRequest,
    responses: {
      201: { description: 'A session token and the recovery codes', schema: LoginResponse.extend({ recoveryCodes: z.array(z.string()) }) },
      401: { description: 'Wrong password, or second-factor-failed (counted toward the lock)' },
      409: { description: 'A second factor is set up already' },
      423: refusals[423],
      429: refusals[429],
    },
  },
  {
    method: 'post',
    path: '/api/admin/users/:userId/second-factor/reset',
    summary: 'Reset a user’s second factor (重置动态口令, a lost phone): their sessions end, and they set it up again at the next sign-in',
    tags: ['admin'],
    security: ['session'],
    responses: { 200: { description: 'The user, whether they had one, and how many sessions ended' }, 404: { description: 'No such user of this agency' } },
  },
  {
    method: 'get',
    path: '/api/sessions',
    summary: 'My active sessions (我的登录会话)',
    tags: ['session'],
    security: ['session'],
    responses: { 200: { description: 'Active sessions, newest first', schema: z.object({ sessions: z.array(ActiveSessionView) }) } },
  },
  {
    method: 'delete',
    path: '/api/sessions/:sessionId',
    summary: 'End one of my sessions (结束会话)',
    tags: ['session'],
    security: ['session'],
    responses: { 204: { description: 'Ended here, and recorded for the hub' }, 404: { description: 'No such session of yours' } },
  },
  {
    method: 'post',
    path: '/api/admin/users/:userId/unlock',
    summary: 'Unlock a user’s sign-in after too many failures (解锁)',
    tags: ['admin'],
    security: ['session'],
    responses: { 200: { description: 'The user, and whether it was locked' }, 404: { description: 'No such user of this agency' } },
  },
  {
    method: 'post',
    path: '/api/admin/users/:userId/password',
    summary: 'Reset a user’s password (重置密码): their sessions end, and they change it at the next sign-in',
    tags: ['admin'],
    security: ['session'],
    request: z.object({ password: z.string() }),
    responses: {
      200: { description: 'The user' },
      400: { description: 'The password breaks the policy' },
      404: { description: 'No such user of this agency' },
    },
  },
  {
    method: 'put',
    path: '/api/admin/users/:userId/roles',
    summary: 'Change a user’s roles (变更角色): their sessions end, the next sign-in carries the new roles',
    tags: ['admin'],
    security: ['session'],
    request: ChangeRolesRequest,
    responses: {
      200: { description: 'The user, and how many sessions ended' },
      404: { description: 'No such user of this agency' },
      409: { description: 'last_admin: the agency would be left without an enabled admin' },
    },
  },
  ...(['disable', 'enable'] as const).map(
    (action): RouteDescription => ({
      method: 'post',
      path: `/api/admin/users/:userId/${action}`,
      summary: action === 'disable' ? 'Disable a user (停用): they cannot sign in, and their sessions end' : 'Enable a disabled user again (启用)',
      tags: ['admin'],
      security: ['session'],
      responses: {
        200: { description: 'The user, and how many sessions ended' },
        404: { description: 'No such user of this agency' },
        ...(action === 'disable' ? { 409: { description: 'last_admin: the agency would be left without an enabled admin' } } : {}),
      },
    }),
  ),
];

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
    responses: {
      201: { description: 'A session token', schema: LoginResponse },
      401: {
        description:
          'Wrong username or password (the same for an unknown user); second-factor-required: send it again with `code` or `recoveryCode`; second-factor-failed: a wrong or used code (counted toward the lock)',
      },
      403: {
        description:
          'password-change-required or password-expired: POST /api/session/password first; second-factor-enrolment-required: POST /api/session/second-factor/enrolment first',
      },
      423: { description: 'Locked after too many failed sign-ins (Retry-After)' },
      429: { description: 'Too many failed sign-ins from this address (Retry-After)' },
    },
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
  ...ACCOUNT_ROUTES,
];
