import { agencyIdSchema } from '@hub/contracts';
import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import {
  RECTIFICATIONS,
  rectificationList,
  rectificationStatuses,
  seesAllRectifications,
  type RectificationAnswer,
} from '../read-models/rectifications/index.js';
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
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  offset: z.coerce.number().int().min(0).default(0),
});

export const rectificationsRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/rectifications', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
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
          visibleTo: seesAllRectifications(viewer) ? undefined : viewer.agency,
        },
        { limit: q.limit, offset: q.offset },
        now,
        ctx.policy.dueSoonDays,
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
        'Joint-meeting secretaries and auditors see every item; others the items of cases their agency takes part in. Totals per status and the number overdue ignore the status and overdueOnly filters.',
      query,
      responses: { '200': { description: 'one page of items, the total matching, totals per status and the number overdue' } },
    },
  ],
};
