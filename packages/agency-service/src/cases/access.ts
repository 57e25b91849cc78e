import { mayActWithoutPart } from '@hub/case-domain';
import { uuidSchema, type AgencyId, type CommandDefinition, type CommandName } from '@hub/contracts';
import { Forbidden, NotFound, type Actor } from '@hub/service-kit';
import type { Request } from 'express';

export const noSuchCase = (caseId: string) => new NotFound('没有这个案件，或本机构未参与该案件', `No case ${caseId}, or your agency takes no part in it`);

/** A case id in a URL that is not a uuid names no case: 404, as for any other unknown case. */
export function caseIdParam(req: Request): string {
  const caseId = String(req.params['caseId']);
  if (!uuidSchema.safeParse(caseId).success) throw noSuchCase(caseId);
  return caseId;
}

/** Auditors and secretaries read every case; liaisons and admins the cases their agency takes part in. */
export function mayRead(actor: Actor, participants: ReadonlySet<string>): boolean {
  if (actor.roles.includes('auditor') || actor.roles.includes('secretary')) return true;
  return participants.has(actor.agency);
}

/**
 * Acting on a case makes an agency take part in it (and so able to read it): only the acts by
 * which a case comes before a new agency may be done by one that takes no part yet, and a
 * meeting's decision by the agency that hosted (and recorded) the meeting which took it.
 */
export function requireMayAct(
  actor: Actor,
  caseId: string,
  definition: CommandDefinition<CommandName>,
  participants: ReadonlySet<AgencyId>,
  hostedTheMeeting: boolean,
): void {
  if (participants.has(actor.agency) || mayActWithoutPart(definition, hostedTheMeeting)) return;
  // Whoever may not read the case learns nothing of it, not even that it exists.
  if (!mayRead(actor, participants)) throw noSuchCase(caseId);
  throw new Forbidden(
    `本机构未参与此案件，不能${definition.label.zh}`,
    `Your agency takes no part in this case and cannot ${definition.label.en.toLowerCase()}`,
  );
}
