import { addCalendarDays, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay, type DeadlinePolicy } from '@hub/case-domain';
import { agencyIdSchema, calendarDateSchema, type AgencyId } from '@hub/contracts';
import { BadRequest } from '@hub/service-kit';
import type { EventStore } from '@hub/event-store';
import type { ProjectionRunner } from '@hub/projections';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { CASE_DEADLINES, caseSummary, deadlinesFor } from './read-models/case-deadlines/index.js';
import { casesHandledBy } from './read-models/case-deadlines/handlers.js';
import { CASE_PARTICIPANTS, casesOf } from './read-models/case-participants/index.js';
import { LEAD_INBOX, leadDeadlineStates, leadSortKeys, leadStatusFilters, receivedLeads, sentLeads } from './read-models/lead-inbox/index.js';
import type { InboxAnswer } from './wire.js';

/**
 * GET /api/inbox's parameters: how the leads sent to the agency are filtered, sorted and paged
 * (issue 14.4). Strict: a parameter the route does not know is refused (400), not ignored.
 */
const inboxParts = ['leads', 'leadsSent', 'deadlines', 'cases', 'mine'] as const;

export const inboxQuery = z.strictObject({
  /** open: to accept, or accepted with feedback owed; pending: to accept; feedback_owed; closed: declined or answered. */
  leadStatus: z.enum(leadStatusFilters).optional(),
  /** Where the feedback deadline stands now, for leads still owing feedback. */
  leadDeadline: z.enum(leadDeadlineStates).optional(),
  /** The agency that sent the lead. */
  sender: agencyIdSchema.optional(),
  /** Transferred between these Shanghai calendar dates, both inclusive. */
  transferredFrom: calendarDateSchema.optional(),
  transferredTo: calendarDateSchema.optional(),
  /** Default feedbackDueAt; status: waiting to be accepted first, then by feedback due date. */
  leadSort: z.enum(leadSortKeys).default('feedbackDueAt'),
  leadDir: z.enum(['asc', 'desc']).default('asc'),
  /** A page of the leads (absent: all of them); `leadsTotal` says how many match. */
  leadLimit: z.coerce.number().int().min(1).max(500).optional(),
  leadOffset: z.coerce.number().int().min(0).default(0),
  /**
   * Only these parts of the answer, comma-separated (`leads,mine`: what the console's inbox shows);
   * the others come as empty lists. Absent: every part. The agency's whole board (`deadlines`,
   * `cases`, `leadsSent`) is megabytes on a year's store.
   */
  parts: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.enum(inboxParts)).min(1).max(inboxParts.length))
    .optional(),
});

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
    const q = inboxQuery.parse(req.query);
    if (q.transferredFrom !== undefined && q.transferredTo !== undefined && q.transferredFrom > q.transferredTo) {
      throw new BadRequest('开始日期不能晚于结束日期', 'transferredFrom must not be after transferredTo', [
        { path: 'transferredFrom', message: 'after transferredTo' },
      ]);
    }
    const upToDate = await caughtUp(options.store, projections, options.freshnessTimeoutMs);
    const now = options.clock();
    const due = options.policy.dueSoonDays;
    const board = projections.readModel(CASE_DEADLINES).db;
    const leadDb = projections.readModel(LEAD_INBOX).db;
    const today = shanghaiDate(now);
    const received = receivedLeads(leadDb, agency, now, due, {
      status: q.leadStatus,
      deadline:
        q.leadDeadline === undefined
          ? undefined
          : { state: q.leadDeadline, now, endOfToday: endOfShanghaiDay(today), endOfSoon: endOfShanghaiDay(addCalendarDays(today, due)) },
      sender: q.sender,
      // Dates are Shanghai days (rule 9): from the first instant of one to the last of the other.
      transferredFrom: q.transferredFrom === undefined ? undefined : startOfShanghaiDay(q.transferredFrom).toISOString(),
      transferredTo: q.transferredTo === undefined ? undefined : endOfShanghaiDay(q.transferredTo).toISOString(),
      sort: { by: q.leadSort, dir: q.leadDir },
      page: q.leadLimit === undefined ? undefined : { limit: q.leadLimit, offset: q.leadOffset },
    });
    const wanted = (part: (typeof inboxParts)[number]) => q.parts === undefined || q.parts.includes(part);
    const needBoard = wanted('deadlines') || wanted('cases') || wanted('mine');
    const deadlines = needBoard ? deadlinesFor(board, agency, now, due) : [];
    const cases = needBoard ? casesOf(projections.readModel(CASE_PARTICIPANTS).db, agency).map((c) => ({ ...c, ...caseSummary(board, c.caseId) })) : [];
    // 我的案件, 我的期限 (承办人, issue 13.5): what the signed-in person handles, first in the console.
    const handled = wanted('mine') ? casesHandledBy(board, agency, req.actor!.userId) : new Set<string>();
    res.json({
      agency,
      asOf: now.toISOString(),
      upToDate,
      leads: wanted('leads') ? received.leads : [],
      leadsTotal: received.total,
      leadsSent: wanted('leadsSent') ? sentLeads(leadDb, agency, now, due) : [],
      deadlines: wanted('deadlines') ? deadlines : [],
      cases: wanted('cases') ? cases : [],
      mine: { cases: cases.filter((c) => handled.has(c.caseId)), deadlines: deadlines.filter((d) => handled.has(d.caseId)) },
    } satisfies InboxAnswer);
  });
  return router;
}
