import type { z } from 'zod';
import type { AgencyId, Role } from '../agencies.js';
import type { CaseEventType } from '../events/catalog.js';
import type { Label } from '../values/common.js';

export interface CommandDefinition<N extends string = string, P extends string = string, S extends z.ZodType = z.ZodType> {
  readonly name: N;
  /** Route segment: services serve `POST /api/cases/{caseId}/{path}`. */
  readonly path: P;
  /** What a client POSTs, validated strictly at the edge. */
  readonly input: S;
  readonly label: Label;
  /** Rule 1: the agencies that may issue this command at all (the decider narrows further by state). */
  readonly issuedBy: readonly AgencyId[];
  /** Roles within the agency that may issue it; enforced by the service's auth layer. */
  readonly roles: readonly Role[];
  /** The events a successful command appends. */
  readonly yields: readonly CaseEventType[];
  /**
   * True for the acts by which a case comes before an agency that has no part in it yet (an
   * arbitration application received, a suit filed, enforcement applied for, a prosecution
   * supported). Every other act on a case needs the agency to take part in it already.
   */
  readonly joinsCase?: true;
}

export function defineCommand<const N extends string, const P extends string, S extends z.ZodType>(
  definition: CommandDefinition<N, P, S>,
): CommandDefinition<N, P, S> {
  return definition;
}

/** Case work is done by liaisons; joint-meeting decisions by the meeting's secretary. */
export const LIAISON: readonly Role[] = ['liaison'];
