import type { z } from 'zod';
import type { AgencyId } from '../agencies.js';
import * as arbitration from './arbitration.js';
import * as opening from './case.js';
import * as closure from './closure.js';
import type { EventDefinition, EventOf } from './define.js';
import * as documents from './documents.js';
import * as handlers from './handlers.js';
import * as identity from './identity.js';
import * as leads from './leads.js';
import * as mediation from './mediation.js';
import * as meetings from './meetings.js';
import * as numbers from './numbers.js';
import * as rectification from './rectification.js';
import * as reviews from './reviews.js';
import * as supervision from './supervision.js';
import * as litigation from './litigation.js';
import * as warnings from './warnings.js';

/** Events of a case stream, in the order of the chain. */
export const caseEventDefinitions = [
  opening.caseOpened,
  leads.leadTransferred,
  leads.leadAccepted,
  leads.leadDeclined,
  leads.leadFeedbackGiven,
  reviews.jointReviewHeld,
  mediation.negotiationHeld,
  mediation.mediationStarted,
  mediation.mediationDelegated,
  mediation.mediationAgreementSigned,
  mediation.mediationAgreementFulfilled,
  mediation.mediationFailed,
  arbitration.arbitrationApplied,
  arbitration.arbitrationAccepted,
  arbitration.arbitrationDeclined,
  arbitration.arbitrationExtended,
  arbitration.arbitrationMediationDocumentIssued,
  arbitration.arbitrationAwardIssued,
  litigation.litigationFiled,
  litigation.judgmentIssued,
  litigation.enforcementApplied,
  litigation.enforcementCompleted,
  litigation.legalAidAssigned,
  litigation.prosecutionSupported,
  supervision.supervisionLetterIssued,
  supervision.supervisionLetterReplied,
  supervision.employerCreditListed,
  rectification.rectificationOrdered,
  rectification.rectificationItemReported,
  rectification.followUpDone,
  rectification.rectificationItemDecided,
  closure.workerFeedbackGiven,
  closure.caseClosed,
  closure.caseReopened,
  identity.workerDataErased,
  documents.documentAttached,
  numbers.caseNumberAssigned,
  handlers.handlerAssigned,
] as const;

/** Joint-meeting streams. */
export const meetingEventDefinitions = [meetings.jointMeetingScheduled, meetings.jointMeetingHeld] as const;
/** Employer-warning streams. */
export const warningEventDefinitions = [warnings.employerWarningRaised, warnings.employerWarningResolved] as const;
/** Number registers (`register-<issuer>-<kind>-<year>`): 案号 and 文号 in order. */
export const registerEventDefinitions = [numbers.numberIssued] as const;
/** The agency streams (`agency-<id>`): published keys and signed-out sessions. */
export const identityEventDefinitions = [identity.agencyKeyPublished, identity.sessionRevoked] as const;

export const allEventDefinitions = [
  ...caseEventDefinitions,
  ...meetingEventDefinitions,
  ...warningEventDefinitions,
  ...identityEventDefinitions,
  ...registerEventDefinitions,
] as const;

export type CaseEvent = EventOf<(typeof caseEventDefinitions)[number]>;
export type MeetingEvent = EventOf<(typeof meetingEventDefinitions)[number]>;
export type WarningEvent = EventOf<(typeof warningEventDefinitions)[number]>;
export type IdentityEvent = EventOf<(typeof identityEventDefinitions)[number]>;
/** Every event the hub writes, on any stream. */
export type HubEvent = EventOf<(typeof allEventDefinitions)[number]>;

export type EventType = HubEvent['type'];
export type CaseEventType = CaseEvent['type'];
export type EventDataOf<T extends EventType> = Extract<HubEvent, { type: T }>['data'];

type CatalogOf<D extends readonly EventDefinition[]> = { readonly [E in D[number] as E['type']]: E };

function catalogOf<const D extends readonly EventDefinition[]>(definitions: D): CatalogOf<D> {
  return Object.fromEntries(definitions.map((d) => [d.type, d])) as CatalogOf<D>;
}

/** Every event definition keyed by type. */
export const eventCatalog = catalogOf(allEventDefinitions);

export const eventTypes: readonly EventType[] = allEventDefinitions.map((d) => d.type);
export const caseEventTypes: readonly CaseEventType[] = caseEventDefinitions.map((d) => d.type);

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

export function isCaseEventType(type: string): type is CaseEventType {
  return (caseEventTypes as readonly string[]).includes(type);
}

export function eventDefinition(type: EventType): EventDefinition<EventType, z.ZodType> {
  return eventCatalog[type] as EventDefinition<EventType, z.ZodType>;
}

/**
 * Rule 1: may `agency` record this event? Checks the catalog's `recordedBy` and, where who may
 * record depends on the data (the kind of a letter, the named sender), the definition's own test.
 */
export function mayRecord<T extends EventType>(agency: AgencyId, type: T, data: EventDataOf<T>): boolean {
  const definition = eventDefinition(type);
  if (!definition.recordedBy.includes(agency)) return false;
  return definition.mayRecord ? definition.mayRecord(agency, data) : true;
}

/** Validates event data against the current schema of its type; throws a ZodError when it does not fit. */
export function parseEventData<T extends EventType>(type: T, data: unknown): EventDataOf<T> {
  return eventDefinition(type).data.parse(data) as EventDataOf<T>;
}
