import { Unauthorized } from '@hub/service-kit';
import type { Request } from 'express';
import type { Viewer } from '../access.js';

/** The viewer of an authenticated request (routes sit behind ctx.authenticate). */
export function viewerOf(req: Request): Viewer {
  const actor = req.actor;
  if (!actor) throw new Unauthorized();
  return { agency: actor.agency, roles: actor.roles, userId: actor.userId };
}
