import { addCalendarDays, endOfShanghaiDay, shanghaiDate, startOfShanghaiDay } from '@hub/case-domain';
import { agencyIdSchema, calendarDateSchema } from '@hub/contracts';
import { BadRequest, NotFound } from '@hub/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import { seesEverything } from '../access.js';
import type { HubContext, HubRoutes } from '../context.js';
import {
  countByStatus,
  countMet,
  countOpenByStatus,
  deadlineSortKeys,
  openDeadlinePage,
  DEADLINES,
  mayViewCaseDeadlines,
  metDeadlines,
  openDeadlines,
  type DeadlineEntry,
  type DeadlineList,
  type DeadlineScope,
} from '../read-models/deadlines/index.js';
import { CASES, caseNumbersOf } from '../read-models/cases/index.js';
import { sortDirections } from '../read-models/lists.js';
import { viewerOf } from './viewer.js';

const deadlineKinds = [
  'worker_feedback',
  'lead_feedback',
  'letter_reply',
  'arbitration_acceptance',
  'arbitration_conclusion',
  'rectification_item',
  'agreement_fulfilment',
] as const satisfies readonly DeadlineEntry['kind'][];

/** Strict: a parameter the route does not know is refused (400), not silently ignored. */
const query = z.strictObject({
  /** Deadlines this agency answers for or watches. Default for everyone but auditors: their own agency, unless `caseId` is given. */
  agency: agencyIdSchema.optional(),
  caseId: z.uuid().optional(),
  status: z.enum(['overdue', 'due_today', 'due_soon', 'pending', 'met']).optional(),
  /** Who must act: a hub agency, or `party` for an outside party (an employer, a worker). */
  responsible: z.union([agencyIdSchema, z.literal('party')]).optional(),
  kind: z.enum(deadlineKinds).optional(),
  /** Due between these Shanghai calendar dates, both inclusive. */
  dueFrom: calendarDateSchema.optional(),
  dueTo: calendarDateSchema.optional(),
  /** The open deadlines' order (without caseId): due date (default, which is overdue first), kind (in the order a case meets them) or who acts. */
  sort: z.enum(deadlineSortKeys).default('dueAt'),
  dir: z.enum(sortDirections).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const deadlinesRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/deadlines', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
      if (q.dueFrom !== undefined && q.dueTo !== undefined && q.dueFrom > q.dueTo) {
        throw new BadRequest('开始日期不能晚于结束日期', 'dueFrom must not be after dueTo', [{ path: 'dueFrom', message: 'after dueTo' }]);
      }
      const upToDate = await ctx.fresh([DEADLINES]);
      const db = ctx.projections.readModel(DEADLINES).db;
      const viewer = viewerOf(req);
      const auditor = seesEverything(viewer);
      // The same answer for a case that does not exist and one the agency takes no part in.
      if (q.caseId !== undefined && !mayViewCaseDeadlines(db, viewer, q.caseId)) {
        throw new NotFound('没有找到该案件，或本机构未参与该案件', 'No such case, or your agency takes no part in it');
      }
      const scope: DeadlineScope = {
        agency: q.agency ?? (auditor || q.caseId !== undefined ? undefined : viewer.agency),
        caseId: q.caseId,
        visibleTo: auditor ? undefined : viewer.agency,
        responsible: q.responsible,
        kind: q.kind,
        // Dates are Shanghai days (rule 9): from the first instant of one to the last of the other.
        dueFrom: q.dueFrom === undefined ? undefined : startOfShanghaiDay(q.dueFrom).toISOString(),
        dueTo: q.dueTo === undefined ? undefined : endOfShanghaiDay(q.dueTo).toISOString(),
      };
      // Status depends on the hub's clock at the time of asking, so it is computed here, never stored.
      const now = ctx.clock();
      if (q.status !== 'met' && q.caseId === undefined) {
        // An agency's open deadlines (the inbox): counted, filtered, sorted and paged in SQL, however many there are.
        const today = shanghaiDate(now);
        const bounds = { endOfToday: endOfShanghaiDay(today), endOfSoon: endOfShanghaiDay(addCalendarDays(today, ctx.policy.dueSoonDays)) };
        // The counts per status ignore `status`, so the console can say how many each status holds.
        const open = countOpenByStatus(db, scope, now, bounds);
        const counts = { ...open, met: countMet(db, scope) };
        const page = openDeadlinePage(db, scope, { limit: q.limit, offset: q.offset }, now, ctx.policy.dueSoonDays, {
          sort: { by: q.sort, dir: q.dir },
          status: q.status === undefined ? undefined : { status: q.status, now, ...bounds },
        });
        const numbers = caseNumbersOf(
          ctx.projections.readModel(CASES).db,
          page.map((d) => d.caseId),
        );
        const deadlines = page.map((d) => ({ ...d, caseNumber: numbers.get(d.caseId) ?? null }));
        const total = q.status === undefined ? open.overdue + open.due_today + open.due_soon + open.pending : open[q.status];
        res.json({ upToDate, asOf: now.toISOString(), counts, total, deadlines } satisfies DeadlineList);
        return;
      }
      const open = openDeadlines(db, scope, now, ctx.policy.dueSoonDays);
      const counts = countByStatus(open, countMet(db, scope));
      let total: number;
      let page: DeadlineEntry[];
      if (q.status === 'met') {
        total = counts.met;
        page = metDeadlines(db, scope, { limit: q.limit, offset: q.offset }, now);
      } else {
        // A case's own list shows what was met too; elsewhere only what is still owed.
        const list =
          q.status !== undefined
            ? open.filter((d) => d.status === q.status)
            : q.caseId !== undefined
              ? [...open, ...metDeadlines(db, scope, undefined, now)]
              : open;
        total = list.length;
        page = list.slice(q.offset, q.offset + q.limit);
      }
      // People read a deadline's case by its 案号: the case directory's, as of now.
      const numbers = caseNumbersOf(
        ctx.projections.readModel(CASES).db,
        page.map((d) => d.caseId),
      );
      const deadlines = page.map((d) => ({ ...d, caseNumber: numbers.get(d.caseId) ?? null }));
      res.json({ upToDate, asOf: now.toISOString(), counts, total, deadlines } satisfies DeadlineList);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/deadlines',
      tags: ['deadlines'],
      security: ['session'],
      summary: 'Deadlines across cases (rules 6 and 8): open ones overdue first, with counts per status as of now',
      description:
        'Without caseId, a non-auditor sees the deadlines its agency answers for or watches; with caseId, every deadline of that case, met ones last. Only cases the agency takes part in, unless an auditor asks. Each deadline names its case by caseNumber (案号, from the case directory; null before numbering). ' +
        'Filters: status, responsible (an agency, or party for an outside party), kind, dueFrom/dueTo (Shanghai dates, inclusive). Without caseId, the open deadlines sort by dueAt (default; overdue first), kind or responsible, dir asc (default) or desc; the counts per status ignore status. An unknown parameter is refused.',
      query,
      responses: {
        '200': { description: 'counts per status, the total matching and one page of deadlines' },
        '400': { description: 'a parameter unknown or out of range, or dueFrom after dueTo' },
        '404': { description: 'caseId: no such case, or not yours' },
      },
    },
  ],
};
