import { endOfShanghaiDay, startOfShanghaiDay } from '@hub/case-domain';
import { agencyIdSchema, calendarDateSchema, categories, channels } from '@hub/contracts';
import { BadRequest } from '@hub/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import {
  RECTIFICATIONS,
  rectificationList,
  rectificationPhases,
  rectificationSortKeys,
  rectificationStatuses,
  seesAllRectifications,
  type RectificationAnswer,
} from '../read-models/rectifications/index.js';
import { deadlineStates, sortDirections } from '../read-models/lists.js';
import { deadlineClock } from './lists.js';
import { viewerOf } from './viewer.js';

/** Query strings carry text: `z.coerce.boolean` would read "false" as true. */
const flag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const query = z.object({
  /** A USCC (exact) or part of an employer's name. */
  employer: z.string().trim().min(1).max(200).optional(),
  /** Items this agency must rectify or ordered. */
  agency: agencyIdSchema.optional(),
  caseId: z.uuid().optional(),
  status: z.enum(rectificationStatuses).optional(),
  overdueOnly: flag.optional(),
  /** open: still worked on; finished: verified or closed by a meeting. */
  phase: z.enum(rectificationPhases).optional(),
  /** Where the deadline of an item still owed stands now; none: the item owes no work now. */
  deadline: z.enum(deadlineStates).optional(),
  /** A 行政区划代码 or a prefix of one (the case's region). */
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  /** The case's channel, one of its categories, and part of one of its 承办人's names. */
  channel: channels.schema.optional(),
  category: categories.schema.optional(),
  handler: z.string().trim().min(1).max(200).optional(),
  /** Shanghai calendar dates, both inclusive: when the item was ordered. */
  orderedFrom: calendarDateSchema.optional(),
  orderedTo: calendarDateSchema.optional(),
  /** A column to sort by, and which way (default asc); without it, overdue first, then by deadline. */
  sort: z.enum(rectificationSortKeys).optional(),
  dir: z.enum(sortDirections).default('asc'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const rectificationsRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/rectifications', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
      if (q.orderedFrom !== undefined && q.orderedTo !== undefined && q.orderedFrom > q.orderedTo) {
        throw new BadRequest('开始日期不能晚于结束日期', 'orderedFrom must not be after orderedTo', [{ path: 'orderedFrom', message: 'after orderedTo' }]);
      }
      const upToDate = await ctx.fresh([RECTIFICATIONS]);
      const db = ctx.projections.readModel(RECTIFICATIONS).db;
      const viewer = viewerOf(req);
      const now = ctx.clock();
      const list = rectificationList(
        db,
        {
          employer: q.employer,
          agency: q.agency,
          caseId: q.caseId,
          status: q.status,
          overdueOnly: q.overdueOnly,
          phase: q.phase,
          deadline: q.deadline === undefined ? undefined : { state: q.deadline, clock: deadlineClock(ctx) },
          region: q.region,
          channel: q.channel,
          category: q.category,
          handler: q.handler,
          orderedFrom: q.orderedFrom === undefined ? undefined : startOfShanghaiDay(q.orderedFrom),
          orderedTo: q.orderedTo === undefined ? undefined : endOfShanghaiDay(q.orderedTo),
          visibleTo: seesAllRectifications(viewer) ? undefined : viewer.agency,
        },
        { limit: q.limit, offset: q.offset },
        now,
        ctx.policy.dueSoonDays,
        q.sort === undefined ? undefined : { by: q.sort, dir: q.dir },
      );
      res.json({ upToDate, asOf: now.toISOString(), ...list } satisfies RectificationAnswer);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/rectifications',
      tags: ['rectifications'],
      security: ['session'],
      summary: "Rectification items across cases (the joint meeting's list): overdue first, then by deadline",
      description:
        'Joint-meeting secretaries and auditors see every item; others the items of cases their agency takes part in. Totals per status and the number overdue ignore the status, phase, deadline and overdueOnly filters.',
      query,
      responses: { '200': { description: 'one page of items, the total matching, totals per status and the number overdue' } },
    },
  ],
};
