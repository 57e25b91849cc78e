/**
 * The shapes of the hub's answers that a client reads, free of the hub's server code: the web
 * console imports them as `@hub/hub-service/wire`. Types only (but the rectification status
 * list), so the browser build takes nothing from the server; each module behind it imports at
 * most the contracts, the case domain and zod, which the console bundles anyway.
 */
export type * from './read-models/timeline/wire.js';
export type { After, ClientMessage, ReadyMessage, ServerMessage, WirePosition } from './live/messages.js';
export type * from './read-models/cases/wire.js';
export { caseSortKeys } from './read-models/cases/wire.js';
export type * from './read-models/deadlines/wire.js';
export { deadlineSortKeys } from './read-models/deadlines/wire.js';
export type * from './read-models/reports/wire.js';
export * from './read-models/rectifications/wire.js';
export type * from './read-models/meetings/wire.js';
export type * from './audit/wire.js';
// The agency service's answers, passed through the hub (/agencies/<agency>/api/…): the inbox, the
// case, its commands, the joint-meeting acts and the session.
export type { InboxAnswer, InboxDeadline, LeadEntry as InboxLead, LeadSortKey, LeadStatusFilter } from '@hub/agency-service/wire';
export type { CaseView, CommandList, SecondFactorEnrolment, SessionAnswer, SessionUser, RevealedWorker, WorkerView } from '@hub/agency-service/wire';
export type { AppliedDecisions, DecisionOutcome, HeldMeeting, ScheduledMeeting } from '@hub/agency-service/wire';
export type { DocumentAttachedAnswer, DocumentList, DocumentView } from '@hub/agency-service/wire';
export type { AssignableUsers, HandlerWorkload, WorkloadAnswer } from '@hub/agency-service/wire';
export type { DeadlineState, SortDirection } from './read-models/lists.js';

/** One administrative division (GB/T 2260): a province, a prefecture-level or a county-level unit. */
export interface Division {
  code: string;
  name: string;
  children?: Division[];
}

/** GET /api/regions. */
export interface RegionsAnswer {
  source: string;
  license: string;
  divisions: Division[];
}
// The security log, at the hub and (through the gateway) at each agency (docs/security-log.md).
export type { SecurityActor, SecurityEntry, SecurityKind, SecurityOutcome } from '@hub/service-kit/wire';
export { SECURITY_KINDS, SECURITY_OUTCOMES } from '@hub/service-kit/wire';
