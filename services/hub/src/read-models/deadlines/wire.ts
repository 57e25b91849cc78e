/**
 * What the hub answers about deadlines (GET /api/deadlines), as plain types: the hub's query and
 * route and the web console all read them from here.
 */
import type { DeadlineKind, DeadlineStatus } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';

/** A deadline as the hub's API shows it. */
export interface DeadlineEntry {
  caseId: string;
  /** The case's 案号 from the hub's case directory (GET /api/deadlines fills it in); null before numbering. */
  caseNumber?: string | null;
  kind: DeadlineKind;
  /** The case, lead, letter, arbitration, item or mediation it belongs to. */
  ref: string;
  /** The hub agency that must act; null when an outside party must (then `party` names it). */
  responsibleAgency: AgencyId | null;
  party: string | null;
  /** Agencies waiting on the answer: a lead's sender, a letter's issuer, a list's orderer. */
  watching: AgencyId[];
  dueAt: string;
  met: boolean;
  metAt: string | null;
  /** Met, but after it was due. */
  late: boolean;
  /** As of the query's clock, Shanghai days; null once met. */
  status: DeadlineStatus | null;
}

export type DeadlineCounts = Record<DeadlineStatus | 'met', number>;

/** GET /api/deadlines: counts per status as of `asOf`, the total matching and one page of deadlines. */
export interface DeadlineList {
  upToDate: boolean;
  asOf: string;
  counts: DeadlineCounts;
  total: number;
  deadlines: DeadlineEntry[];
}

/** The columns GET /api/deadlines sorts an agency's open deadlines by (issue 14.4). */
export const deadlineSortKeys = ['dueAt', 'kind', 'responsible'] as const;
export type DeadlineSortKey = (typeof deadlineSortKeys)[number];
