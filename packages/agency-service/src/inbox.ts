import type { DeadlinePolicy } from '@hub/case-domain';
import type { AgencyId } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import type { ProjectionRunner } from '@hub/projections';
import { Router, type RequestHandler } from 'express';
import { CASE_DEADLINES, caseSummary, deadlinesFor } from './read-models/case-deadlines/index.js';
import { casesHandledBy } from './read-models/case-deadlines/handlers.js';
import { CASE_PARTICIPANTS, casesOf } from './read-models/case-participants/index.js';
import { LEAD_INBOX, leadsFor } from './read-models/lead-inbox/index.js';
import type { InboxAnswer } from './wire.js';

export interface InboxOptions {
  agency: AgencyId;
  store: EventStore;
  projections: ProjectionRunner;
  clock: () => Date;
  policy: DeadlinePolicy;
  authenticate: RequestHandler;
  /** How long the inbox waits for its read models to reach the store's head. */
  freshnessTimeoutMs?: number;
}

/**
 * GET /api/inbox, from this service's own read models only. Read-your-writes is handled here
 * rather than in every command: the inbox waits (briefly) until its projections have seen the
 * store's head as it was when the request came, which also covers other agencies' acts. If they
 * do not get there in time the inbox still answers, saying `upToDate: false`.
 */
/**
 * Waits (at most `timeoutMs`, default 2 s) until the projections have seen the store's head as it
 * is now; false when they did not get there in time (the answer then says `upToDate: false`).
 */
export async function caughtUp(store: EventStore, projections: ProjectionRunner, timeoutMs = 2000): Promise<boolean> {
  const head = await store.headPosition();
  if (head === null) return true;
  try {
    await projections.waitForPosition(head, timeoutMs);
    return true;
  } catch {
    return false;
  }
}

export function inboxRoutes(options: InboxOptions): Router {
  const { agency, projections } = options;
  const router = Router();
  router.get('/api/inbox', options.authenticate, async (req, res) => {
    const upToDate = await caughtUp(options.store, projections, options.freshnessTimeoutMs);
    const now = options.clock();
    const due = options.policy.dueSoonDays;
    const board = projections.readModel(CASE_DEADLINES).db;
    const leads = leadsFor(projections.readModel(LEAD_INBOX).db, agency, now, due);
    const deadlines = deadlinesFor(board, agency, now, due);
    const cases = casesOf(projections.readModel(CASE_PARTICIPANTS).db, agency).map((c) => ({ ...c, ...caseSummary(board, c.caseId) }));
    // 我的案件, 我的期限 (承办人, issue 13.5): what the signed-in person handles, first in the console.
    const handled = casesHandledBy(board, agency, req.actor!.userId);
    res.json({
      agency,
      asOf: now.toISOString(),
      upToDate,
      leads: leads.received,
      leadsSent: leads.sent,
      deadlines,
      cases,
      mine: { cases: cases.filter((c) => handled.has(c.caseId)), deadlines: deadlines.filter((d) => handled.has(d.caseId)) },
    } satisfies InboxAnswer);
  });
  return router;
}
