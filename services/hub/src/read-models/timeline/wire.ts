/**
 * What the hub answers about timelines, as plain types: the timeline routes, the live feed and
 * the web console all read them from here.
 */
import type { AgencyId, Label } from '@hub/contracts';
import type { SubjectKind } from '../../streams.js';

/** An event as the hub's API and live feed show it. Positions and revisions are decimal strings. */
export interface TimelineEntry {
  position: string;
  stream: string;
  kind: SubjectKind;
  /** The case, meeting or warning the event belongs to. */
  subjectId: string;
  revision: string;
  id: string;
  type: string;
  label: Label;
  /** When the store recorded the event. */
  recordedAt: string;
  /** When the act happened (business time); recordedAt for events written before it existed. */
  occurredAt: string;
  /** Recorded more than an hour after it happened (补录): the console marks it, showing both times. */
  recordedLate: boolean;
  /** `api_key`: a machine client (a service account such as the 12351 platform) recorded it; null: a person. */
  via: 'api_key' | null;
  agency: AgencyId | null;
  user: { id: string | null; name: string | null };
  /** The event's data, personal fields masked. */
  data: unknown;
  hash: string;
  prevHash: string | null;
}

/** An act recorded more than an hour after it happened (补录), with the delay in ms: GET /api/audit/late-acts lists them, longest first. */
export interface LateAct extends TimelineEntry {
  delayMs: number;
  /** The case's 案号 (GET /api/audit/late-acts fills it in from the case directory): null before numbering or for a meeting's act. */
  caseNumber?: string | null;
}

/** GET /api/audit/late-acts. */
export interface LateActsAnswer {
  events: LateAct[];
  /** More rows matched than `limit`. */
  more: boolean;
}

/** Which events a live subscription follows. */
export type FeedScope = { kind: 'case'; caseId: string } | { kind: 'inbox' } | { kind: 'all' };
