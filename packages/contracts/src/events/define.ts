import type { z } from 'zod';
import { agencyIds, type AgencyId } from '../agencies.js';
import type { Label } from '../values/common.js';

export interface EventDefinition<T extends string = string, S extends z.ZodType = z.ZodType> {
  readonly type: T;
  /** The current schema version; older versions reach it through upcasters. */
  readonly version: number;
  readonly data: S;
  readonly label: Label;
  /** Rule 1: the agencies that may ever record this event. */
  readonly recordedBy: readonly AgencyId[];
  /** Narrows `recordedBy` when who may record depends on the data (the kind of letter, the named sender). */
  mayRecord?(agency: AgencyId, data: z.output<S>): boolean;
}

export function defineEvent<const T extends string, S extends z.ZodType>(definition: EventDefinition<T, S>): EventDefinition<T, S> {
  return definition;
}

/** `{ type, data }` for each definition of a union of definitions. */
export type EventOf<D> = D extends EventDefinition<infer T, infer S> ? { type: T; data: z.output<S> } : never;

export const ALL_AGENCIES: readonly AgencyId[] = agencyIds;
