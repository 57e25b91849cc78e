import type { AgencyId, Role } from '@hub/contracts';

/** Who is looking: the actor of a session verified by the hub. */
export interface Viewer {
  readonly agency: AgencyId;
  readonly roles: readonly Role[];
  readonly userId: string;
}

/**
 * Who may see an event, decided once, when it is projected, from the history up to and including
 * it — so a catch-up read and a live delivery of the same event always agree. Stored as a column:
 * `*` for everyone, else the agencies between commas (`,union,procuratorate,`), which an
 * `instr(visible_to, ',union,')` test reads without parsing.
 */
export type Audience = '*' | readonly AgencyId[];

export const EVERYONE = '*';

export function audienceColumn(audience: Audience): string {
  if (audience === EVERYONE) return EVERYONE;
  return audience.length === 0 ? '' : `,${[...new Set(audience)].sort().join(',')},`;
}

export function audienceOf(column: string): Audience {
  if (column === EVERYONE) return EVERYONE;
  return column.split(',').filter(Boolean) as AgencyId[];
}

/** Auditors check every case (they see masked data only, like everyone at the hub). */
export function seesEverything(viewer: Viewer): boolean {
  return viewer.roles.includes('auditor');
}

/** The one visibility rule: everyone's events, the agency's own cases, or all of them for an auditor. */
export function maySee(viewer: Viewer, visibleTo: string): boolean {
  return visibleTo === EVERYONE || seesEverything(viewer) || visibleTo.includes(`,${viewer.agency},`);
}

/** An event is in an agency's inbox when it asks that agency to act or answers what it asked. */
export function addressedTo(viewer: Pick<Viewer, 'agency'>, addressedToColumn: string): boolean {
  return addressedToColumn.includes(`,${viewer.agency},`);
}
