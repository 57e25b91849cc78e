import { z } from 'zod';
import { yuanToFen } from '../values/fen.js';
import { itemsFromAmount, kindImpliedBy } from '../money.js';
import { arbitrationAwardIssuedV1Data } from './arbitration.js';
import { caseOpenedV1Data, caseOpenedV2Data } from './case.js';
import { caseClosedV1Data } from './closure.js';
import { judgmentIssuedV1Data } from './litigation.js';
import { jointMeetingHeldV1Data } from './meetings.js';
import { mediationAgreementSignedV1Data } from './mediation.js';
import { supervisionLetterIssuedV1Data } from './supervision.js';
import { eventCatalog, eventDefinition, isEventType, type EventDataOf, type EventType, type HubEvent } from './catalog.js';

/** Turns data of version n into data of version n + 1. */
export type Upcaster = (data: unknown) => unknown;

/** Upcasters by type, keyed by the version they read. A new schema version adds one entry here. */
export const upcasters: { readonly [T in EventType]?: { readonly [fromVersion: number]: Upcaster } } = {
  CaseOpened: {
    1: (data) => {
      const { amountClaimedYuan, ...rest } = caseOpenedV1Data.parse(data);
      return { ...rest, amountClaimedFen: yuanToFen(amountClaimedYuan) };
    },
    // Version 3 (issue 13.6): the single category becomes a list of one, the single amount one
    // item of the kind that category implies (wage arrears → wages …; otherwise 'other').
    2: (data) => {
      const v2 = caseOpenedV2Data.parse(data);
      return { ...v2, categories: [v2.category], claimedItems: itemsFromAmount(v2.amountClaimedFen, kindImpliedBy(v2.category)) };
    },
  },
  // Version 2 of these four itemizes the amount; a version 1 amount becomes one item of kind
  // 'other' (an event alone does not say which kind its money was), none when it is zero.
  MediationAgreementSigned: {
    1: (data) => {
      const v1 = mediationAgreementSignedV1Data.parse(data);
      return { ...v1, agreedItems: itemsFromAmount(v1.amountAgreedFen) };
    },
  },
  ArbitrationAwardIssued: {
    1: (data) => {
      const v1 = arbitrationAwardIssuedV1Data.parse(data);
      return { ...v1, awardedItems: itemsFromAmount(v1.amountAwardedFen) };
    },
  },
  JudgmentIssued: {
    1: (data) => {
      const v1 = judgmentIssuedV1Data.parse(data);
      return { ...v1, awardedItems: itemsFromAmount(v1.amountAwardedFen) };
    },
  },
  CaseClosed: {
    1: (data) => {
      const v1 = caseClosedV1Data.parse(data);
      return { ...v1, recoveredItems: itemsFromAmount(v1.amountRecoveredFen) };
    },
  },
  // Version 2 adds the optional PDF document; a version 1 letter reads as one without it.
  SupervisionLetterIssued: {
    1: (data) => supervisionLetterIssuedV1Data.parse(data),
  },
  // Version 2 adds the minutes' own fields (会议地点, 主持人, 记录人, 出席人员, 议定事项, issue 14.5),
  // all optional: a version 1 meeting reads as one that did not record them.
  JointMeetingHeld: {
    1: (data) => jointMeetingHeldV1Data.parse(data),
  },
};

export class UpcastError extends Error {
  override readonly name = 'UpcastError';
}

export function latestVersion(type: EventType): number {
  return eventDefinition(type).version;
}

/**
 * Brings data written at `version` up to the current version step by step, then validates it
 * against the current schema. A version newer than this code knows is refused, not guessed at.
 */
export function upcast<T extends EventType>(type: T, version: number, data: unknown): EventDataOf<T> {
  const latest = latestVersion(type);
  if (!Number.isInteger(version) || version < 1) throw new UpcastError(`${type}: invalid schema version ${version}`);
  if (version > latest) throw new UpcastError(`${type}: schema version ${version} is newer than this code knows (${latest})`);
  let current = data;
  for (let v = version; v < latest; v++) {
    const step = upcasters[type]?.[v];
    if (!step) throw new UpcastError(`${type}: no upcaster from version ${v} to ${v + 1}`);
    current = step(current);
  }
  return eventDefinition(type).data.parse(current) as EventDataOf<T>;
}

/** The metadata key that says which schema version an event's data was written at. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

const storedVersionSchema = z.int().min(1).optional();

/**
 * Reads a stored event (type, data, metadata) as the current version of its catalog event.
 * Events written before versions travelled in metadata count as version 1.
 */
export function readCatalogEvent(stored: { type: string; data: unknown; metadata?: { readonly [key: string]: unknown } | undefined }): HubEvent {
  if (!isEventType(stored.type)) throw new UpcastError(`unknown event type: ${stored.type}`);
  const version = storedVersionSchema.parse(stored.metadata?.[SCHEMA_VERSION_KEY]) ?? 1;
  return { type: stored.type, data: upcast(stored.type, version, stored.data) } as HubEvent;
}

/** The current version of every event type, for writers to put in metadata. */
export const currentVersions: { readonly [T in EventType]: number } = Object.fromEntries(Object.values(eventCatalog).map((d) => [d.type, d.version])) as {
  readonly [T in EventType]: number;
};
