import { caseIdOfStream } from '@hub/case-domain';
import { readCatalogEvent, type HubEvent } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { MEETING_STREAM_PREFIX } from '../../streams.js';

export const MEETINGS = 'meetings';

/** The meeting's own events, and the case events that carry its decisions out. */
export const meetingEventTypes = ['JointMeetingScheduled', 'JointMeetingHeld', 'RectificationItemDecided'] as const;

const statements = statementsPer((db: ReadModelDb) => ({
  schedule: db.prepare(`
    INSERT INTO meetings (meeting_id, host_agency, title, scheduled_for, scheduled_ms, agenda, case_ids, status)
    VALUES (@meetingId, @hostAgency, @title, @scheduledFor, @scheduledMs, @agenda, @caseIds, 'scheduled')
    ON CONFLICT (meeting_id) DO UPDATE SET host_agency = excluded.host_agency, title = excluded.title,
      scheduled_for = excluded.scheduled_for, scheduled_ms = excluded.scheduled_ms, agenda = excluded.agenda, case_ids = excluded.case_ids`),
  hold: db.prepare(`
    INSERT INTO meetings (meeting_id, case_ids, status, held_at, held_ms, attendees, cases_reviewed, minutes, record)
    VALUES (@meetingId, '[]', 'held', @heldAt, @heldMs, @attendees, @casesReviewed, @minutes, @record)
    ON CONFLICT (meeting_id) DO UPDATE SET status = 'held', held_at = excluded.held_at, held_ms = excluded.held_ms,
      attendees = excluded.attendees, cases_reviewed = excluded.cases_reviewed, minutes = excluded.minutes, record = excluded.record`),
  clearDecisions: db.prepare('DELETE FROM meeting_decisions WHERE meeting_id = ?'),
  addDecision: db.prepare(`
    INSERT INTO meeting_decisions (meeting_id, seq, case_id, item_id, decision, new_deadline, note)
    VALUES (@meetingId, @seq, @caseId, @itemId, @decision, @newDeadline, @note)`),
  applied: db.prepare(`
    INSERT OR IGNORE INTO applied_decisions (meeting_id, item_id, case_id, decision, applied_at, position)
    VALUES (@meetingId, @itemId, @caseId, @decision, @appliedAt, @position)`),
}));

function readEvent(recorded: RecordedEvent): HubEvent | undefined {
  try {
    return readCatalogEvent(recorded);
  } catch {
    // An event this code cannot read must not stop the projection; the timeline still shows it.
    return undefined;
  }
}

/**
 * Every joint meeting: its plan, what happened when it was held, its decisions, and which
 * decisions have been carried out on their cases. Applications are kept in their own table,
 * keyed by (meeting, item, case), so they count whichever stream the store delivered first.
 */
export const meetingsProjection = defineProjection({
  name: MEETINGS,
  // 2: the minutes' own fields (record: 会议地点, 主持人, 记录人, 议定事项; attendees' persons), issue 14.5.
  version: 2,
  eventTypes: meetingEventTypes,
  init(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS meetings (
        meeting_id     TEXT PRIMARY KEY,
        host_agency    TEXT,
        title          TEXT,
        scheduled_for  TEXT,
        scheduled_ms   INTEGER,
        agenda         TEXT,
        case_ids       TEXT NOT NULL,
        status         TEXT NOT NULL,
        held_at        TEXT,
        held_ms        INTEGER,
        attendees      TEXT,
        cases_reviewed TEXT,
        minutes        TEXT,
        record         TEXT
      );
      CREATE INDEX IF NOT EXISTS meetings_by_time ON meetings (coalesce(scheduled_ms, held_ms));
      CREATE TABLE IF NOT EXISTS meeting_decisions (
        meeting_id   TEXT NOT NULL,
        seq          INTEGER NOT NULL,
        case_id      TEXT NOT NULL,
        item_id      TEXT NOT NULL,
        decision     TEXT NOT NULL,
        new_deadline TEXT,
        note         TEXT NOT NULL,
        PRIMARY KEY (meeting_id, seq)
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS applied_decisions (
        meeting_id TEXT NOT NULL,
        item_id    TEXT NOT NULL,
        case_id    TEXT NOT NULL,
        decision   TEXT NOT NULL,
        applied_at TEXT NOT NULL,
        position   INTEGER NOT NULL,
        PRIMARY KEY (meeting_id, item_id, case_id)
      ) WITHOUT ROWID;`);
  },
  apply(db, recorded) {
    const event = readEvent(recorded);
    if (!event) return;
    const s = statements(db);
    const at = recorded.metadata.recordedAt;
    switch (event.type) {
      case 'JointMeetingScheduled': {
        if (recorded.stream !== `${MEETING_STREAM_PREFIX}${event.data.meetingId}`) return;
        const d = event.data;
        s.schedule.run({
          meetingId: d.meetingId,
          hostAgency: d.hostAgency,
          title: d.title,
          scheduledFor: d.scheduledFor,
          scheduledMs: Date.parse(d.scheduledFor),
          agenda: d.agenda,
          caseIds: JSON.stringify(d.caseIds),
        });
        return;
      }
      case 'JointMeetingHeld': {
        if (recorded.stream !== `${MEETING_STREAM_PREFIX}${event.data.meetingId}`) return;
        const d = event.data;
        // The event carries no time of its own: the meeting was held when it was recorded.
        s.hold.run({
          meetingId: d.meetingId,
          heldAt: at,
          heldMs: Date.parse(at),
          attendees: JSON.stringify(d.attendees),
          casesReviewed: JSON.stringify(d.casesReviewed),
          minutes: d.minutes,
          record: JSON.stringify({ location: d.location ?? null, chair: d.chair ?? null, recorder: d.recorder ?? null, resolutions: d.resolutions ?? [] }),
        });
        s.clearDecisions.run(d.meetingId);
        d.decisions.forEach((decision, seq) => {
          s.addDecision.run({
            meetingId: d.meetingId,
            seq,
            caseId: decision.caseId,
            itemId: decision.itemId,
            decision: decision.decision,
            newDeadline: decision.decision === 'extend' ? decision.newDeadline : null,
            note: decision.note,
          });
        });
        return;
      }
      case 'RectificationItemDecided': {
        const caseId = caseIdOfStream(recorded.stream);
        if (caseId === undefined) return;
        const d = event.data;
        s.applied.run({ meetingId: d.meetingId, itemId: d.itemId, caseId, decision: d.decision, appliedAt: at, position: recorded.position });
        return;
      }
      default:
        return;
    }
  },
});
