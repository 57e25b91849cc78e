import { agencyIdSchema, meetingDecisionLabels, type AgencyId, type Label } from '@hub/contracts';
import { statementsPer, type ReadModelDb } from '@hub/projections';

import type { DecisionKind, MeetingAttendees, MeetingDetail, MeetingRecord, MeetingStatus, MeetingSummary } from './wire.js';

export * from './wire.js';

export const meetingStatusLabels: { readonly [S in MeetingStatus]: Label } = {
  scheduled: { zh: '已安排', en: 'Scheduled' },
  held: { zh: '已召开', en: 'Held' },
};

interface MeetingRow {
  meeting_id: string;
  host_agency: string | null;
  title: string | null;
  scheduled_for: string | null;
  agenda: string | null;
  case_ids: string;
  status: MeetingStatus;
  held_at: string | null;
  attendees: string | null;
  cases_reviewed: string | null;
  minutes: string | null;
  record: string | null;
}

interface SummaryRow extends MeetingRow {
  decision_count: number;
  applied_count: number;
}

interface DecisionRow {
  case_id: string;
  item_id: string;
  decision: DecisionKind;
  new_deadline: string | null;
  note: string;
  applied_at: string | null;
}

export interface MeetingFilter {
  status?: MeetingStatus | undefined;
  /** Inclusive bounds on the scheduled time, epoch milliseconds. */
  fromMs?: number | undefined;
  toMs?: number | undefined;
  limit: number;
}

// A meeting recorded as held without a plan has no scheduled time; its held time stands in.
const WHEN = 'coalesce(m.scheduled_ms, m.held_ms)';

const statements = statementsPer((db: ReadModelDb) => ({
  list: db.prepare<{ status: string | null; from: number | null; to: number | null; limit: number }, SummaryRow>(`
    SELECT m.*,
      (SELECT count(*) FROM meeting_decisions d WHERE d.meeting_id = m.meeting_id) AS decision_count,
      (SELECT count(*) FROM meeting_decisions d JOIN applied_decisions a
         ON a.meeting_id = d.meeting_id AND a.item_id = d.item_id AND a.case_id = d.case_id
       WHERE d.meeting_id = m.meeting_id) AS applied_count
    FROM meetings m
    WHERE (@status IS NULL OR m.status = @status)
      AND (@from IS NULL OR ${WHEN} >= @from)
      AND (@to IS NULL OR ${WHEN} <= @to)
    ORDER BY ${WHEN} DESC, m.meeting_id
    LIMIT @limit`),
  one: db.prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE meeting_id = ?'),
  decisions: db.prepare<[string], DecisionRow>(`
    SELECT d.case_id, d.item_id, d.decision, d.new_deadline, d.note, a.applied_at
    FROM meeting_decisions d LEFT JOIN applied_decisions a
      ON a.meeting_id = d.meeting_id AND a.item_id = d.item_id AND a.case_id = d.case_id
    WHERE d.meeting_id = ? ORDER BY d.seq`),
}));

const agencyOrNull = (value: string | null): AgencyId | null => {
  const parsed = agencyIdSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

const list = (json: string | null): string[] => (json === null ? [] : (JSON.parse(json) as string[]));

function common(row: MeetingRow) {
  return {
    meetingId: row.meeting_id,
    hostAgency: agencyOrNull(row.host_agency),
    title: row.title,
    scheduledFor: row.scheduled_for,
    status: row.status,
    statusLabel: meetingStatusLabels[row.status],
    heldAt: row.held_at,
  };
}

/** Meetings newest first (by scheduled time), filtered by status and a scheduled-time window. */
export function listMeetings(db: ReadModelDb, filter: MeetingFilter): MeetingSummary[] {
  const rows = statements(db).list.all({
    status: filter.status ?? null,
    from: filter.fromMs ?? null,
    to: filter.toMs ?? null,
    limit: filter.limit,
  });
  return rows.map((row) => ({
    ...common(row),
    caseCount: list(row.case_ids).length,
    decisionCount: row.decision_count,
    appliedCount: row.applied_count,
  }));
}

/** The minutes' own fields as the hold recorded them; a meeting not held, or held before version 2, has none. */
function recordOf(json: string | null): MeetingRecord {
  const none: MeetingRecord = { location: null, chair: null, recorder: null, resolutions: [] };
  return json === null ? none : { ...none, ...(JSON.parse(json) as Partial<MeetingRecord>) };
}

export function meetingDetail(db: ReadModelDb, meetingId: string): MeetingDetail | undefined {
  const s = statements(db);
  const row = s.one.get(meetingId);
  if (!row) return undefined;
  return {
    ...common(row),
    agenda: row.agenda,
    caseIds: list(row.case_ids),
    attendees: row.attendees === null ? null : (JSON.parse(row.attendees) as MeetingAttendees),
    casesReviewed: list(row.cases_reviewed),
    minutes: row.minutes,
    ...recordOf(row.record),
    decisions: s.decisions.all(meetingId).map((d) => ({
      caseId: d.case_id,
      itemId: d.item_id,
      decision: d.decision,
      label: meetingDecisionLabels[d.decision],
      newDeadline: d.new_deadline,
      note: d.note,
      applied: d.applied_at !== null,
      appliedAt: d.applied_at,
    })),
  };
}
