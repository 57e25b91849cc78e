import { randomUUID } from 'node:crypto';
import { agencyIds, roles, type AgencyId, type Role } from '@hub/contracts';
import type { RequestHandler } from 'express';
import type { Logger } from './logger.js';

export type { AgencyId, Role };
export const AGENCIES: readonly AgencyId[] = agencyIds;

export const ROLES: readonly Role[] = roles;

/** Who is acting: a person with a session, or a machine client with an API key. */
export interface Actor {
  agency: AgencyId;
  /** The user's id, or the service account's id. */
  userId: string;
  roles: readonly Role[];
  /** Display name, for the audit trail. */
  name: string;
  kind: 'user' | 'service';
  /** The session's `jti` (sessions only): what logout revokes. */
  sessionId?: string;
  sessionExpiresAt?: Date;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Set by the request-id middleware on every request. */
      requestId?: string;
      /** A child logger that carries the request id. */
      log?: Logger;
      /** Set by `authenticate`. */
      actor?: Actor;
    }
  }
}

const ACCEPTABLE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Keeps a caller's X-Request-Id when it looks sane (so ids follow a call across systems), else mints one. */
export function requestId(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const given = req.get('x-request-id');
    const id = given !== undefined && ACCEPTABLE_ID.test(given) ? given : randomUUID();
    req.requestId = id;
    req.log = logger.child({ requestId: id });
    res.setHeader('X-Request-Id', id);
    next();
  };
}

/** The route pattern that served the request, for metrics labels; never the raw URL (unbounded cardinality). */
export function routeLabel(req: Parameters<RequestHandler>[0]): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (!route || typeof route.path !== 'string') return 'unmatched';
  return `${req.baseUrl}${route.path}` || '/';
}

/**
 * One line per request when the response is done: method, path (no query string: it may carry
 * personal data), status, duration, and who acted. Never a body.
 */
export function accessLog(onDone?: (req: Parameters<RequestHandler>[0], status: number, seconds: number) => void): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      onDone?.(req, res.statusCode, seconds);
      const actor = req.actor;
      req.log?.info(
        {
          method: req.method,
          path: req.originalUrl.split('?')[0],
          status: res.statusCode,
          ms: Math.round(seconds * 1e4) / 10,
          ...(actor ? { userId: actor.userId, agency: actor.agency } : {}),
        },
        'request',
      );
    });
    next();
  };
}
