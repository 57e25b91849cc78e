import { positionTextSchema } from '@hub/contracts';
import { NotFound } from '@hub/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import { viewerOf } from './viewer.js';
import { entryOf, mayOpenCase, rowsOfSubjectAfter, TIMELINE } from '../read-models/timeline/index.js';

const params = z.object({ caseId: z.uuid() });
const query = z.object({
  /** Exclusive: the last position the client has. */
  after: positionTextSchema.optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});

export const timelineRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/cases/:caseId/timeline', ctx.authenticate, async (req, res) => {
      const { caseId } = params.parse(req.params);
      const q = query.parse(req.query);
      const upToDate = await ctx.fresh([TIMELINE]);
      const db = ctx.projections.readModel(TIMELINE).db;
      const viewer = viewerOf(req);
      // One answer for "no such case" and "not yours": which cases exist is itself not for everyone.
      if (!mayOpenCase(db, viewer, caseId)) {
        throw new NotFound('没有找到该案件，或本机构未参与该案件', 'No such case, or your agency takes no part in it');
      }
      const rows = rowsOfSubjectAfter(db, caseId, q.after === undefined ? -1n : BigInt(q.after), q.limit);
      res.json({ caseId, upToDate, events: rows.map(entryOf), more: rows.length === q.limit });
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/cases/:caseId/timeline',
      tags: ['timeline'],
      security: ['session'],
      summary: "A case's timeline: every event in order, with actor and labels, personal data masked",
      params,
      query,
      responses: { '200': { description: 'the events after `after`, at most `limit`' }, '404': { description: 'no such case, or not yours' } },
    },
  ],
};
