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
  recordedAt: string;
  agency: AgencyId | null;
  user: { id: string | null; name: string | null };
  /** The event's data, personal fields masked. */
  data: unknown;
  hash: string;
  prevHash: string | null;
}

/** Which events a live subscription follows. */
export type FeedScope = { kind: 'case'; caseId: string } | { kind: 'inbox' } | { kind: 'all' };
