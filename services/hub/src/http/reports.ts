import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import {
  dailyWarningReport,
  dateSchema,
  monthlyReport,
  monthSchema,
  monthUpTo,
  regionPrefixSchema,
  reportMonths,
  REPORTS,
  shanghaiMonth,
  type DailyWarningReport,
  type MonthlyReport,
  type ReportAnswer,
  type ReportMonths,
} from '../read-models/reports/index.js';

const monthlyQuery = z.object({ month: monthSchema, region: regionPrefixSchema.optional() });
const dailyQuery = z.object({ date: dateSchema, region: regionPrefixSchema.optional() });

/**
 * The two reports (两报告). Every signed-in user may read them: the figures are aggregates with
 * no personal data; employers are enterprises, named as the warning lists name them.
 */
export const reportRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    const db = () => ctx.projections.readModel(REPORTS).db;
    router.get('/api/reports/months', ctx.authenticate, async (_req, res) => {
      const upToDate = await ctx.fresh([REPORTS]);
      // Only months that have come: a deadline falling due later lists its month once it arrives.
      const current = shanghaiMonth(ctx.clock().toISOString());
      res.json({ upToDate, months: reportMonths(db()).filter((m) => m <= current) } satisfies ReportMonths);
    });
    router.get('/api/reports/monthly', ctx.authenticate, async (req, res) => {
      const q = monthlyQuery.extend({ month: monthUpTo(ctx.clock()) }).parse(req.query);
      const upToDate = await ctx.fresh([REPORTS]);
      res.json({ upToDate, report: monthlyReport(db(), q.month, q.region) } satisfies ReportAnswer<MonthlyReport>);
    });
    router.get('/api/reports/daily-warnings', ctx.authenticate, async (req, res) => {
      const q = dailyQuery.parse(req.query);
      const upToDate = await ctx.fresh([REPORTS]);
      res.json({ upToDate, report: dailyWarningReport(db(), q.date, q.region) } satisfies ReportAnswer<DailyWarningReport>);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/reports/months',
      tags: ['reports'],
      security: ['session'],
      summary: 'Months (Shanghai, YYYY-MM) up to the current one that have monthly-report figures, newest first',
      responses: { '200': { description: 'the months' } },
    },
    {
      method: 'get',
      path: '/api/reports/monthly',
      tags: ['reports'],
      security: ['session'],
      summary:
        'Monthly report: cases by channel and category, closings, share settled at 商/调, mediation success (rule 5), letters, money recovered, deadlines met',
      query: monthlyQuery,
      responses: { '200': { description: 'the report, labelled zh/en' }, '400': { description: 'a bad month, a month still to come, or a bad region' } },
    },
    {
      method: 'get',
      path: '/api/reports/daily-warnings',
      tags: ['reports'],
      security: ['session'],
      summary: 'Daily employer warning report: raised by level, resolved, open at end of day, warned employers, employers with new cases',
      query: dailyQuery,
      responses: { '200': { description: 'the report, labelled zh/en' }, '400': { description: 'a bad date or region' } },
    },
  ],
};
