import { LATE_RECORDING_MS } from '@hub/contracts';
import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import { CASES, caseNumbersOf } from '../read-models/cases/index.js';
import { lateActs, TIMELINE, type LateActsAnswer } from '../read-models/timeline/index.js';
import { viewerOf } from './viewer.js';

const query = z.object({
  minDelayMinutes: z.coerce
    .number()
    .int()
    .min(LATE_RECORDING_MS / 60_000)
    .max(60 * 24 * 3660)
    .default(LATE_RECORDING_MS / 60_000)
    .describe('only acts recorded at least this many minutes after they happened (at least 60: the 补录 mark)'),
  caseId: z.uuid().optional().describe('one case only'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** 补录 for auditors: the acts recorded more than an hour after they happened, longest delay first. */
export const lateActsRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/audit/late-acts', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
      await ctx.fresh([TIMELINE]);
      const db = ctx.projections.readModel(TIMELINE).db;
      const rows = lateActs(db, viewerOf(req), { minDelayMs: q.minDelayMinutes * 60_000, limit: q.limit + 1, ...(q.caseId ? { caseId: q.caseId } : {}) });
      const page = rows.slice(0, q.limit);
      // A list across cases names each by its 案号.
      const numbers = caseNumbersOf(
        ctx.projections.readModel(CASES).db,
        page.filter((e) => e.kind === 'case').map((e) => e.subjectId),
      );
      const events = page.map((e) => ({ ...e, caseNumber: e.kind === 'case' ? (numbers.get(e.subjectId) ?? null) : null }));
      res.json({ events, more: rows.length > q.limit } satisfies LateActsAnswer);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/audit/late-acts',
      tags: ['audit'],
      security: ['session'],
      query,
      summary: '补录行为 (Acts recorded more than an hour after they happened, longest delay first; auditors see every case, others their own)',
      responses: {
        '200': {
          description: "{events: timeline entries with occurredAt, recordedAt, delayMs and their case's caseNumber (案号; null before numbering); more}",
        },
      },
    },
  ],
};
