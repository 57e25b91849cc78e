import { addCalendarDays, endOfShanghaiDay, shanghaiDate } from '@hub/case-domain';
import { agencyIdSchema } from '@hub/contracts';
import { NotFound } from '@hub/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import { seesEverything } from '../access.js';
import type { HubContext, HubRoutes } from '../context.js';
import {
  countByStatus,
  countMet,
  countOpenByStatus,
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
import { viewerOf } from './viewer.js';

const query = z.object({
  /** Deadlines this agency answers for or watches. Default for everyone but auditors: their own agency, unless `caseId` is given. */
  agency: agencyIdSchema.optional(),
  caseId: z.uuid().optional(),
  status: z.enum(['overdue', 'due_today', 'due_soon', 'pending', 'met']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const deadlinesRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/deadlines', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
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
      };
      // Status depends on the hub's clock at the time of asking, so it is computed here, never stored.
      const now = ctx.clock();
      if (q.status === undefined && q.caseId === undefined) {
        // An agency's open deadlines (the inbox): counted and paged in SQL, however many there are.
        const today = shanghaiDate(now);
        const open = countOpenByStatus(db, scope, now, {
          endOfToday: endOfShanghaiDay(today),
          endOfSoon: endOfShanghaiDay(addCalendarDays(today, ctx.policy.dueSoonDays)),
        });
        const counts = { ...open, met: countMet(db, scope) };
        const page = openDeadlinePage(db, scope, { limit: q.limit, offset: q.offset }, now, ctx.policy.dueSoonDays);
        const numbers = caseNumbersOf(
          ctx.projections.readModel(CASES).db,
          page.map((d) => d.caseId),
        );
        const deadlines = page.map((d) => ({ ...d, caseNumber: numbers.get(d.caseId) ?? null }));
        const total = open.overdue + open.due_today + open.due_soon + open.pending;
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
        'Without caseId, a non-auditor sees the deadlines its agency answers for or watches; with caseId, every deadline of that case, met ones last. Only cases the agency takes part in, unless an auditor asks. Each deadline names its case by caseNumber (案号, from the case directory; null before numbering).',
      query,
      responses: {
        '200': { description: 'counts per status, the total matching and one page of deadlines' },
        '404': { description: 'caseId: no such case, or not yours' },
      },
    },
  ],
};
