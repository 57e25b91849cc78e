import {
  agencyIdSchema,
  eventDefinition,
  isEventType,
  LATE_RECORDING_MS,
  machineActorOf,
  occurredAtOf,
  recordingDelayMs,
  type AgencyId,
  type Label,
} from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';
import { addressedTo, maySee, type Viewer } from '../../access.js';
import type { SubjectKind } from '../../streams.js';
import type { FeedScope, TimelineEntry } from './wire.js';

export type * from './wire.js';

/** One row of the timeline table as stored. Positions and revisions are read as bigint. */
export interface TimelineRow {
  position: bigint;
  stream: string;
  kind: SubjectKind;
  subject_id: string;
  revision: bigint;
  event_id: string;
  type: string;
  recorded_at: string;
  agency: string | null;
  user_id: string | null;
  user_name: string | null;
  data: string;
  visible_to: string;
  addressed_to: string;
  hash: string;
  prev_hash: string | null;
  occurred_at: string;
  delay_ms: bigint | number;
  via: string | null;
}

/** An event's business-time and machine columns, from its metadata (the projection's and the audit's one reading). */
export function actColumns(metadata: { readonly [key: string]: unknown }): Pick<TimelineRow, 'occurred_at' | 'delay_ms' | 'via'> {
  return { occurred_at: occurredAtOf(metadata), delay_ms: recordingDelayMs(metadata), via: machineActorOf(metadata) ? 'api_key' : null };
}

const UNKNOWN_LABEL = (type: string): Label => ({ zh: type, en: type });

export function labelOf(type: string): Label {
  return isEventType(type) ? eventDefinition(type).label : UNKNOWN_LABEL(type);
}

export function entryOf(row: TimelineRow): TimelineEntry {
  const agency = agencyIdSchema.safeParse(row.agency);
  return {
    position: row.position.toString(),
    stream: row.stream,
    kind: row.kind,
    subjectId: row.subject_id,
    revision: row.revision.toString(),
    id: row.event_id,
    type: row.type,
    label: labelOf(row.type),
    recordedAt: row.recorded_at,
    occurredAt: row.occurred_at,
    recordedLate: Number(row.delay_ms) > LATE_RECORDING_MS,
    via: row.via === 'api_key' ? 'api_key' : null,
    agency: agency.success ? agency.data : null,
    user: { id: row.user_id, name: row.user_name },
    data: JSON.parse(row.data) as unknown,
    hash: row.hash,
    prevHash: row.prev_hash,
  };
}

const statements = statementsPer((db: ReadModelDb) => ({
  after: db.prepare<[bigint, number], TimelineRow>('SELECT * FROM timeline WHERE position > ? ORDER BY position LIMIT ?').safeIntegers(true),
  subjectAfter: db
    .prepare<[string, bigint, number], TimelineRow>('SELECT * FROM timeline WHERE subject_id = ? AND position > ? ORDER BY position LIMIT ?')
    .safeIntegers(true),
  last: db.prepare<[], bigint | null>('SELECT max(position) FROM timeline').pluck().safeIntegers(true),
  caseAgencies: db.prepare<[string], string>('SELECT agency FROM case_agencies WHERE case_id = ?').pluck(),
  subjectKind: db.prepare<[string], string>('SELECT kind FROM timeline WHERE subject_id = ? LIMIT 1').pluck(),
}));

/** Raw rows after `position` in store order, for the live feed, which filters per client. */
export function rowsAfter(db: ReadModelDb, position: bigint, limit: number): TimelineRow[] {
  return statements(db).after.all(position, limit) as TimelineRow[];
}

export function rowsOfSubjectAfter(db: ReadModelDb, subjectId: string, position: bigint, limit: number): TimelineRow[] {
  return statements(db).subjectAfter.all(subjectId, position, limit) as TimelineRow[];
}

/** The newest position in the timeline, or -1 when it is empty. */
export function lastTimelinePosition(db: ReadModelDb): bigint {
  return (statements(db).last.get() as bigint | null) ?? -1n;
}

/** The agencies taking part in a case now. */
export function caseAgencies(db: ReadModelDb, caseId: string): AgencyId[] {
  return statements(db)
    .caseAgencies.all(caseId)
    .filter((a): a is AgencyId => agencyIdSchema.safeParse(a).success);
}

export function subjectKind(db: ReadModelDb, subjectId: string): SubjectKind | undefined {
  return statements(db).subjectKind.get(subjectId) as SubjectKind | undefined;
}

/**
 * May the viewer open this case's timeline as a whole? Only a case the timeline holds; then
 * auditors always, others when their agency takes part in the case now (they see its whole
 * history, as the services show it). One answer for "no such case" and "not yours".
 */
export function mayOpenCase(db: ReadModelDb, viewer: Viewer, caseId: string): boolean {
  if (subjectKind(db, caseId) !== 'case') return false;
  return viewer.roles.includes('auditor') || caseAgencies(db, caseId).includes(viewer.agency);
}

/**
 * Whether a row belongs in a feed. A case feed is opened only after `mayOpenCase`, and then
 * shows the case's whole history; the inbox and everything-feeds use each row's own audience.
 */
export function inFeed(row: TimelineRow, viewer: Viewer, scope: FeedScope): boolean {
  switch (scope.kind) {
    case 'case':
      return row.kind === 'case' && row.subject_id === scope.caseId;
    case 'inbox':
      return addressedTo(viewer, row.addressed_to) && maySee(viewer, row.visible_to);
    case 'all':
      return maySee(viewer, row.visible_to);
  }
}
