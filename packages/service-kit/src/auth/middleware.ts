import type { RequestHandler } from 'express';
import { Forbidden, Unauthorized } from '../errors.js';
import type { AgencyId, Role } from '../request-context.js';
import type { ServiceAccountStore } from './api-keys.js';
import type { SessionVerifier } from './sessions.js';

export interface AuthenticateOptions {
  sessions: SessionVerifier;
  /** Absent on services that accept no machine clients (and on the hub). */
  serviceAccounts?: Pick<ServiceAccountStore, 'authenticate'>;
}

/**
 * Sets `req.actor` from `Authorization: Bearer <session token>` or `Authorization: ApiKey <key>`;
 * answers 401 otherwise. Every route behind it has an actor.
 */
export function authenticate(options: AuthenticateOptions): RequestHandler {
  return async (req, _res, next) => {
    const header = req.get('authorization') ?? '';
    const space = header.indexOf(' ');
    const scheme = space > 0 ? header.slice(0, space).toLowerCase() : '';
    const credential = space > 0 ? header.slice(space + 1).trim() : '';
    if (scheme === 'bearer' && credential) {
      req.actor = await options.sessions.verify(credential);
    } else if (scheme === 'apikey' && credential && options.serviceAccounts) {
      const actor = await options.serviceAccounts.authenticate(credential);
      if (!actor) throw new Unauthorized('API 密钥无效或已停用', 'The API key is not valid or was revoked', 'api-key-invalid');
      req.actor = actor;
    } else {
      throw new Unauthorized();
    }
    next();
  };
}

/** Lets the request through when the actor holds at least one of the roles. */
export function requireRole(...roles: Role[]): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    if (!actor) throw new Unauthorized();
    if (!actor.roles.some((r) => roles.includes(r))) {
      throw new Forbidden(`此操作需要以下角色之一：${roles.join('、')}`, `This needs one of the roles: ${roles.join(', ')}`);
    }
    next();
  };
}

/** Lets the request through when the actor belongs to one of the agencies (an agency acts only for itself). */
export function requireAgency(...agencies: AgencyId[]): RequestHandler {
  return (req, _res, next) => {
    const actor = req.actor;
    if (!actor) throw new Unauthorized();
    if (!agencies.includes(actor.agency)) throw new Forbidden('只有本机构人员可以执行此操作', 'Only members of this agency may do this');
    next();
  };
}
