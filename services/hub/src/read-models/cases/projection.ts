import { caseDeadlines, type OpenedCase } from '@hub/case-domain';
import { caseEventTypes } from '@hub/contracts';
import { defineProjection, statementsPer, type ReadModelDb } from '@hub/projections';
import { CASE_AGENCIES_SCHEMA, caseFold, foldedCaseEvent, type CaseFolded } from './fold.js';
import type { ChainStage } from './wire.js';

export const CASES = 'cases';

/** 商→调→裁→(诉)→执, in the order a case moves along the chain. */
export const chainStages = ['negotiation', 'mediation', 'arbitration', 'litigation', 'enforcement'] as const satisfies readonly ChainStage[];
export type { ChainStage };

export const SUMMARY_CHARS = 200;

const statements = statementsPer((db: ReadModelDb) => ({
  upsert: db.prepare(`
    INSERT INTO cases (case_id, opened_at, opened_by, channel, category, categories, summary, employers, region, worker_count,
                       amount_claimed_fen, claimed_items, amount_recovered_fen, recovered_items, status, stage, supervision, open_leads, open_items,
                       last_activity_at, case_number, handlers, next_due_at)
    VALUES (@caseId, @at, @openedBy, @channel, @category, @categories, @summary, @employers, @region, @workerCount,
            @amountClaimedFen, @claimedItems, @amountRecoveredFen, @recoveredItems, @status, @stage, @supervision, @openLeads, @openItems,
            @at, @caseNumber, @handlers, @nextDueAt)
    ON CONFLICT (case_id) DO UPDATE SET case_number = excluded.case_number, handlers = excluded.handlers, next_due_at = excluded.next_due_at,
      amount_recovered_fen = excluded.amount_recovered_fen, recovered_items = excluded.recovered_items, status = excluded.status, stage = excluded.stage,
      supervision = excluded.supervision, open_leads = excluded.open_leads, open_items = excluded.open_items,
      last_activity_at = excluded.last_activity_at`),
  addEmployer: db.prepare('INSERT INTO case_employers (case_id, name, uscc) VALUES (?, ?, ?)'),
}));

const any = <T>(map: Readonly<Record<string, T>>, test: (value: T) => boolean = () => true): boolean => Object.values(map).some(test);

/**
 * The furthest stage the case has reached: the chain only moves forward, and a mediation the
 * arbitration commission delegates (裁调对接) happens inside arbitration, not before it. A joint
 * review's `routeTo` says where the case should go, not where it is, so it does not count.
 */
export function stageOf(c: OpenedCase): ChainStage | null {
  if (any(c.enforcements)) return 'enforcement';
  if (any(c.litigations)) return 'litigation';
  if (any(c.arbitrations)) return 'arbitration';
  if (any(c.mediations)) return 'mediation';
  if (any(c.negotiations)) return 'negotiation';
  return null;
}

/**
 * 督 under way: an open case with a supervision letter awaiting its reply, a rectification item
 * not yet verified or closed, a lead the procuratorate holds without feedback, or a prosecution
 * it supports that has no judgment yet.
 */
export function supervisionUnderWay(c: OpenedCase): boolean {
  if (c.status !== 'open') return false;
  return (
    any(c.letters, (l) => !l.replied) ||
    any(c.items, (i) => i.status !== 'verified' && i.status !== 'closed') ||
    any(c.leads, (l) => l.to === 'procuratorate' && l.status !== 'declined' && !l.feedbackGiven) ||
    (c.supportIds.length > 0 && !any(c.litigations, (l) => l.status === 'judged'))
  );
}

/** The earliest deadline of the case not yet met (rule 6: missed ones stay until met), as UTC ISO text; null when none is owed. */
export function nextDueOf(c: OpenedCase): string | null {
  let next: string | null = null;
  for (const d of caseDeadlines(c)) {
    if (d.met) continue;
    const due = new Date(d.dueAt).toISOString();
    if (next === null || due < next) next = due;
  }
  return next;
}

/** Rule 7's two counts: leads not yet answered, items neither verified nor closed by a meeting. */
export const openLeadsOf = (c: OpenedCase): number => Object.values(c.leads).filter((l) => l.status !== 'declined' && !l.feedbackGiven).length;
export const openItemsOf = (c: OpenedCase): number => Object.values(c.items).filter((i) => i.status !== 'verified' && i.status !== 'closed').length;

/**
 * The case directory, for search: what the case is about (from CaseOpened), where it stands on
 * the chain, who takes part, how much was recovered at the last closing (kept after a
 * reopening, for the record), and when it last moved.
 */
export const casesProjection = defineProjection({
  name: CASES,
  // 2: the case's state comes from the shared case fold; no case_states copy. 3: the 案号 (case_number).
  // 4: every category, money itemized by kind, employers without a USCC (issue 13.6); each agency's 承办人 by name (handlers, 13.5).
  // 5: the earliest open deadline (next_due_at) and indexes for the list's filters and sorts (issue 14.4).
  version: 5,
  eventTypes: caseEventTypes,
  fold: caseFold,
  init(db) {
    db.exec(`${CASE_AGENCIES_SCHEMA}
      CREATE TABLE IF NOT EXISTS cases (
        case_id              TEXT PRIMARY KEY,
        opened_at            TEXT NOT NULL,
        opened_by            TEXT NOT NULL,
        channel              TEXT NOT NULL,
        category             TEXT NOT NULL,
        categories           TEXT NOT NULL,
        summary              TEXT NOT NULL,
        employers            TEXT NOT NULL,
        region               TEXT NOT NULL,
        worker_count         INTEGER NOT NULL,
        amount_claimed_fen   INTEGER NOT NULL,
        claimed_items        TEXT NOT NULL,
        amount_recovered_fen INTEGER,
        recovered_items      TEXT,
        status               TEXT NOT NULL,
        stage                TEXT,
        supervision          INTEGER NOT NULL,
        open_leads           INTEGER NOT NULL,
        open_items           INTEGER NOT NULL,
        last_activity_at     TEXT NOT NULL,
        case_number          TEXT,
        handlers             TEXT NOT NULL DEFAULT '{}',
        next_due_at          TEXT
      );
      CREATE INDEX IF NOT EXISTS cases_by_number ON cases (case_number);
      CREATE INDEX IF NOT EXISTS cases_by_activity ON cases (last_activity_at DESC, case_id);
      CREATE INDEX IF NOT EXISTS cases_by_region ON cases (region);
      CREATE INDEX IF NOT EXISTS cases_by_opened ON cases (opened_at);
      CREATE INDEX IF NOT EXISTS cases_by_status ON cases (status, last_activity_at DESC);
      CREATE INDEX IF NOT EXISTS cases_by_stage ON cases (stage);
      CREATE INDEX IF NOT EXISTS cases_by_channel ON cases (channel);
      CREATE INDEX IF NOT EXISTS cases_by_next_due ON cases (next_due_at);
      CREATE TABLE IF NOT EXISTS case_employers (case_id TEXT NOT NULL, name TEXT NOT NULL, uscc TEXT);
      CREATE INDEX IF NOT EXISTS case_employers_by_uscc ON case_employers (uscc);
      CREATE INDEX IF NOT EXISTS case_employers_by_case ON case_employers (case_id);`);
  },
  apply(db, recorded, caseFolded: CaseFolded | undefined) {
    const folded = foldedCaseEvent(db, recorded, caseFolded);
    if (!folded) return;
    const { state: c, at } = folded;
    const s = statements(db);
    const opening = folded.event.type === 'CaseOpened' && folded.changed;
    s.upsert.run({
      caseId: c.caseId,
      at,
      openedBy: c.openedBy,
      channel: c.channel,
      category: c.category,
      categories: JSON.stringify(c.categories),
      // The state keeps no summary: only CaseOpened inserts the row, later events leave the column be.
      // Cut by code points, not UTF-16 units, so a character is never split.
      summary: folded.event.type === 'CaseOpened' ? Array.from(folded.event.data.summary).slice(0, SUMMARY_CHARS).join('') : '',
      employers: JSON.stringify(c.employers.map((e) => ({ name: e.name, uscc: e.uscc }))),
      region: c.region,
      workerCount: c.workerCount,
      amountClaimedFen: c.amountClaimedFen,
      claimedItems: JSON.stringify(c.claimedItems),
      amountRecoveredFen: c.closure?.amountRecoveredFen ?? null,
      recoveredItems: c.closure ? JSON.stringify(c.closure.recoveredItems) : null,
      status: c.status,
      stage: stageOf(c),
      supervision: supervisionUnderWay(c) ? 1 : 0,
      openLeads: openLeadsOf(c),
      openItems: openItemsOf(c),
      caseNumber: c.caseNumber ?? null,
      // Names people read; the user ids stay in the events.
      handlers: JSON.stringify(Object.fromEntries(Object.entries(c.handlers).map(([agency, h]) => [agency, h.displayName]))),
      nextDueAt: nextDueOf(c),
    });
    if (opening) for (const e of c.employers) s.addEmployer.run(c.caseId, e.name, e.uscc ?? null);
  },
});
