import { z } from 'zod';
import type { RouteDescription } from '../openapi.js';
import { ChangePasswordRequest } from './sign-in.js';

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

/** Sign-in failures, password changes and one's sessions (issue 15), for a service's OpenAPI document. */
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
];
