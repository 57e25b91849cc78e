/**
 * The live feed's wire protocol on ws(s)://…/api/live: its path, close codes and the server's
 * problems, with the messages themselves (messages.ts). Shared by the server and LiveClient.
 */
import type { z } from 'zod';
import type { WirePosition } from './messages.js';

export * from './messages.js';

export const LIVE_PATH = '/api/live';

/** Close codes. 4xxx mirror HTTP statuses so a client can map them without a table. */
export const CloseCode = {
  /** The hub is shutting down: reconnect (elsewhere) and resume. */
  goingAway: 1001,
  /** Malformed messages again and again, or a binary frame. */
  protocol: 4400,
  /** No valid session (missing, invalid, or expired or signed out while connected). */
  unauthorized: 4401,
  /** The client read too slowly; the hub will not queue more for it. Resume from the last position. */
  tooSlow: 4008,
  /** The hub failed while handling this socket (a bug, logged): reconnect and resume. */
  internalError: 1011,
} as const;

export const wirePosition = (position: bigint): WirePosition => (position < 0n ? null : position.toString());

export interface Problem {
  status: number;
  detail: string;
  detailEn: string;
}

export const problems = {
  malformed: (why: string): Problem => ({ status: 400, detail: `消息格式不正确：${why}`, detailEn: `Malformed message: ${why}` }),
  alreadyAuthenticated: (): Problem => ({ status: 400, detail: '已经登录，无需重复认证', detailEn: 'Already authenticated' }),
  duplicateSub: (): Problem => ({ status: 409, detail: '订阅编号已在使用', detailEn: 'This subscription id is already in use' }),
  tooManySubs: (max: number): Problem => ({ status: 429, detail: `每个连接最多 ${max} 个订阅`, detailEn: `At most ${max} subscriptions per connection` }),
  // The same answer for a case that does not exist and one the viewer takes no part in.
  caseNotFound: (): Problem => ({ status: 404, detail: '案件不存在或无权查看', detailEn: 'No such case, or not yours to see' }),
  unknownSub: (): Problem => ({ status: 404, detail: '没有这个订阅', detailEn: 'No such subscription' }),
  sessionExpired: (): Problem => ({ status: 401, detail: '会话已过期，请重新登录', detailEn: 'Your session has expired; please log in again' }),
  sessionRevoked: (): Problem => ({ status: 401, detail: '会话已退出，请重新登录', detailEn: 'This session was logged out; please log in again' }),
  sessionInvalid: (): Problem => ({ status: 401, detail: '登录凭据无效，请重新登录', detailEn: 'The session token is not valid; please log in again' }),
  internal: (): Problem => ({ status: 500, detail: '服务器内部错误，请重新连接', detailEn: 'Internal error; please reconnect' }),
  authRequired: (): Problem => ({ status: 401, detail: '请先发送登录凭据', detailEn: 'Send an auth message with a session token first' }),
};

/** A zod error in one short line for the `detail` of a 400. */
export function describeIssues(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'invalid';
  const path = first.path.length > 0 ? `${first.path.join('.')}: ` : '';
  return `${path}${first.message}`.slice(0, 200);
}
