import type { OpenedCase } from '@hub/case-domain';
import { caseEventTypes, type Employer, type Party } from '@hub/contracts';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { CASE_AGENCIES_SCHEMA, caseFold, foldedCaseEvent, type CaseFolded, isoOf } from '../cases/fold.js';

export const RECTIFICATIONS = 'rectifications';

import type { RectificationStatus } from './wire.js';

export type { RectificationStatus };

const statements = statementsPer((db: ReadModelDb) => ({
  insert: db.prepare(`
    INSERT OR IGNORE INTO rect_items (item_id, case_id, rectification_id, description, ordered_by, ordered_at, party, party_agency,
                                      employers, deadline, original_deadline, status, outstanding, updated_at, region,
                                      channel, categories, handlers)
    VALUES (@itemId, @caseId, @rectificationId, @description, @orderedBy, @at, @party, @partyAgency,
            @employers, @deadline, @deadline, 'open', 1, @at, @region, @channel, @categories, @handlers)`),
  // The case's 承办人 change after its items were ordered: every item of the case follows.
  handlers: db.prepare('UPDATE rect_items SET handlers = @handlers WHERE case_id = @caseId'),
  addEmployer: db.prepare('INSERT INTO rect_item_employers (item_id, name, uscc) VALUES (?, ?, ?)'),
  reported: db.prepare(`UPDATE rect_items SET status = 'reported', last_report = @summary, last_report_at = @at, updated_at = @at WHERE item_id = @itemId`),
  followedUp: db.prepare(`
    UPDATE rect_items SET status = @status, follow_ups = json_insert(follow_ups, '$[#]', json(@entry)), updated_at = @at WHERE item_id = @itemId`),
  decided: db.prepare(`
    UPDATE rect_items SET
      status = CASE @decision WHEN 'escalate' THEN 'escalated' WHEN 'close' THEN 'closed_by_meeting' ELSE status END,
      escalated = escalated OR @decision = 'escalate',
      deadline = coalesce(@newDeadline, deadline),
      extensions = extensions + (@decision = 'extend'),
      decisions = json_insert(decisions, '$[#]', json(@entry)),
      updated_at = @at
    WHERE item_id = @itemId`),
  // Whether work is owed follows the domain's own item status, so "overdue" here means what it means in rule 7.
  sync: db.prepare('UPDATE rect_items SET outstanding = @outstanding, deadline = @deadline WHERE item_id = @itemId'),
}));

/** The case's 承办人 by name, one JSON array, for the list's filter by name. */
const handlerNames = (state: OpenedCase): string => JSON.stringify(Object.values(state.handlers).map((h) => h?.displayName ?? ''));

/** Who the item is about: the enterprise itself when it must rectify, else the case's employers. */
function subjectsOf(party: Party, state: OpenedCase): { name: string; uscc: string | null }[] {
  if (party.kind === 'enterprise') return [{ name: party.name, uscc: party.uscc ?? null }];
  return state.employers.map((e: Employer) => ({ name: e.name, uscc: e.uscc ?? null }));
}

/**
 * One row per rectification item across all cases — the list a joint meeting (联席会议)
 * reviews: who ordered it and who must act, the employers concerned, the deadline now and as
 * first set, the last report, every follow-up finding and every meeting decision, in order.
 */
export const rectificationsProjection = defineProjection({
  name: RECTIFICATIONS,
  // 2: the case's state comes from the shared case fold; no case_states copy.
  // 3: the case's region on each item, and indexes for the list's filters and sorts (issue 14.4).
  // 4: the case's channel, categories and 承办人 on each item, so the list filters by them too.
  version: 4,
  eventTypes: caseEventTypes,
  fold: caseFold,
  init(db) {
    db.exec(`${CASE_AGENCIES_SCHEMA}
      CREATE TABLE IF NOT EXISTS rect_items (
        item_id           TEXT PRIMARY KEY,
        case_id           TEXT NOT NULL,
        rectification_id  TEXT NOT NULL,
        description       TEXT NOT NULL,
        ordered_by        TEXT NOT NULL,
        ordered_at        TEXT NOT NULL,
        party             TEXT NOT NULL,
        party_agency      TEXT,
        employers         TEXT NOT NULL,
        deadline          TEXT NOT NULL,
        original_deadline TEXT NOT NULL,
        extensions        INTEGER NOT NULL DEFAULT 0,
        status            TEXT NOT NULL,
        outstanding       INTEGER NOT NULL,
        escalated         INTEGER NOT NULL DEFAULT 0,
        last_report       TEXT,
        last_report_at    TEXT,
        follow_ups        TEXT NOT NULL DEFAULT '[]',
        decisions         TEXT NOT NULL DEFAULT '[]',
        updated_at        TEXT NOT NULL,
        region            TEXT NOT NULL DEFAULT '',
        channel           TEXT NOT NULL DEFAULT '',
        categories        TEXT NOT NULL DEFAULT '[]',
        handlers          TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX IF NOT EXISTS rect_items_by_case ON rect_items (case_id);
      CREATE INDEX IF NOT EXISTS rect_items_by_deadline ON rect_items (deadline);
      CREATE INDEX IF NOT EXISTS rect_items_by_status ON rect_items (status, outstanding, deadline);
      CREATE INDEX IF NOT EXISTS rect_items_by_ordered ON rect_items (ordered_at);
      CREATE INDEX IF NOT EXISTS rect_items_by_region ON rect_items (region);
      CREATE TABLE IF NOT EXISTS rect_item_employers (item_id TEXT NOT NULL, name TEXT NOT NULL, uscc TEXT);
      CREATE INDEX IF NOT EXISTS rect_item_employers_by_uscc ON rect_item_employers (uscc);
      CREATE INDEX IF NOT EXISTS rect_item_employers_by_item ON rect_item_employers (item_id);`);
  },
  apply(db, recorded, caseFolded: CaseFolded | undefined) {
    const folded = foldedCaseEvent(db, recorded, caseFolded);
    if (!folded?.changed) return;
    const { event, state, at, caseId } = folded;
    const s = statements(db);
    const touched: string[] = [];
    switch (event.type) {
      case 'RectificationOrdered':
        for (const item of event.data.items) {
          const party = item.responsibleParty;
          const employers = subjectsOf(party, state);
          const inserted = s.insert.run({
            itemId: item.itemId,
            caseId,
            rectificationId: event.data.rectificationId,
            description: item.description,
            orderedBy: event.data.orderedBy,
            at,
            party: JSON.stringify(party),
            partyAgency: party.kind === 'agency' ? (party.agencyId ?? null) : null,
            employers: JSON.stringify(employers),
            deadline: isoOf(item.deadline),
            region: state.region,
            channel: state.channel,
            categories: JSON.stringify(state.categories),
            handlers: handlerNames(state),
          });
          if (inserted.changes === 1) for (const e of employers) s.addEmployer.run(item.itemId, e.name, e.uscc);
          touched.push(item.itemId);
        }
        break;
      case 'RectificationItemReported':
        s.reported.run({ itemId: event.data.itemId, summary: event.data.summary, at });
        touched.push(event.data.itemId);
        break;
      case 'FollowUpDone':
        for (const r of event.data.results) {
          const entry = { followUpId: event.data.followUpId, verified: r.verified, findings: r.findings, at };
          s.followedUp.run({ itemId: r.itemId, status: r.verified ? 'verified' : 'not_verified', entry: JSON.stringify(entry), at });
          touched.push(r.itemId);
        }
        break;
      case 'RectificationItemDecided': {
        const d = event.data;
        const newDeadline = d.decision === 'extend' ? isoOf(d.newDeadline) : null;
        const entry = { meetingId: d.meetingId, decision: d.decision, note: d.note, ...(newDeadline ? { newDeadline } : {}), at };
        s.decided.run({ itemId: d.itemId, decision: d.decision, newDeadline, entry: JSON.stringify(entry), at });
        touched.push(d.itemId);
        break;
      }
      case 'HandlerAssigned':
        s.handlers.run({ caseId, handlers: handlerNames(state) });
        return;
      default:
        return;
    }
    for (const itemId of touched) {
      const item = state.items[itemId];
      if (item) s.sync.run({ itemId, outstanding: item.status === 'open' ? 1 : 0, deadline: isoOf(item.deadline) });
    }
  },
});
