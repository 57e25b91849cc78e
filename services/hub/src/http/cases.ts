import { endOfShanghaiDay, startOfShanghaiDay } from '@hub/case-domain';
import { agencyIdSchema, bilingual, calendarDateSchema, categories, channels, usccSchema } from '@hub/contracts';
import { BadRequest, NotFound } from '@hub/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import { seesEverything } from '../access.js';
import type { HubContext, HubRoutes } from '../context.js';
import { CASES, caseEntry, caseSortKeys, chainStages, searchCases, type CaseAnswer, type CaseSearch } from '../read-models/cases/index.js';
import { deadlineStates, sortDirections } from '../read-models/lists.js';
import { REPORTS } from '../read-models/reports/index.js';
import { drillDown, drillSeries, reportDrills } from '../read-models/reports/drill.js';
import { deadlineClock } from './lists.js';
import { viewerOf } from './viewer.js';

const text = z.string().trim().min(1).max(200);

const query = z.object({
  /** Part of an employer's name. */
  employer: text.optional(),
  uscc: usccSchema.optional(),
  category: categories.schema.optional(),
  status: z.enum(['open', 'closed']).optional(),
  /** Cases this agency takes part in. */
  agency: agencyIdSchema.optional(),
  /** A 行政区划代码 or a prefix of one: 33 Zhejiang, 3301 Hangzhou, 330106 one district. */
  region: z
    .string()
    .regex(/^\d{2,6}$/, { error: bilingual('行政区划代码须为 2–6 位数字', 'region must be 2 to 6 digits') })
    .optional(),
  /** Shanghai calendar dates, both inclusive. */
  openedFrom: calendarDateSchema.optional(),
  openedTo: calendarDateSchema.optional(),
  /** Free text over 案号 (case number), summary, employer names, USCC and case id. */
  q: text.optional(),
  /** The furthest stage along the chain; `none` for a case not yet on it. */
  stage: z.enum([...chainStages, 'none']).optional(),
  channel: channels.schema.optional(),
  /** Part of a 承办人's name (any agency's). */
  handler: text.optional(),
  /** Where the case's earliest open deadline stands now: overdue, due soon (today included), later, or none owed. */
  deadline: z.enum(deadlineStates).optional(),
  /** Only these cases: up to 100 case ids, comma-separated (a page naming the cases its rows are about). */
  ids: z
    .string()
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(z.uuid()).min(1).max(100))
    .optional(),
  /**
   * The cases behind a report chart's bar (docs/lists.md): `report` the chart, `reportPeriod` its
   * month (YYYY-MM; a day, YYYY-MM-DD, for warnings), `reportKey` the bar, `reportSeries` a part of a stacked bar.
   */
  report: z.enum(reportDrills).optional(),
  reportPeriod: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, {
      error: bilingual('报表期间须为 YYYY-MM 或 YYYY-MM-DD', 'reportPeriod must be YYYY-MM or YYYY-MM-DD'),
    })
    .optional(),
  reportKey: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,39}$/, { error: bilingual('报表项目无效', 'reportKey is not a key') })
    .optional(),
  reportSeries: z.enum(drillSeries).optional(),
  /** The column to sort by (default lastActivity), and which way (default desc). `handler` sorts by the viewer's agency's 承办人. */
  sort: z.enum(caseSortKeys).default('lastActivity'),
  dir: z.enum(sortDirections).default('desc'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const params = z.object({ caseId: z.uuid() });

/** A report drill-down's parameters, all or none: a month for the monthly charts, a day for warnings. */
function reportDrill(q: z.infer<typeof query>) {
  const given = [q.report, q.reportPeriod, q.reportKey].filter((v) => v !== undefined).length;
  if (given === 0 && q.reportSeries === undefined) return undefined;
  if (q.report === undefined || q.reportPeriod === undefined || q.reportKey === undefined) {
    throw new BadRequest('报表钻取须同时给出 report、reportPeriod 和 reportKey', 'report, reportPeriod and reportKey go together', [
      { path: 'report', message: 'report, reportPeriod and reportKey go together' },
    ]);
  }
  const daily = q.report === 'warnings';
  if (daily !== (q.reportPeriod.length === 10)) {
    throw new BadRequest(
      daily ? '预警报表的期间须为日期（YYYY-MM-DD）' : '月度报表的期间须为月份（YYYY-MM）',
      daily ? 'reportPeriod must be a day for warnings' : 'reportPeriod must be a month',
      [{ path: 'reportPeriod', message: daily ? 'a day' : 'a month' }],
    );
  }
  return { drill: q.report, period: q.reportPeriod, key: q.reportKey, series: q.reportSeries };
}

const notFound = () => new NotFound('没有找到该案件，或本机构未参与该案件', 'No such case, or your agency takes no part in it');

export const casesRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/cases', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
      if (q.openedFrom !== undefined && q.openedTo !== undefined && q.openedFrom > q.openedTo) {
        throw new BadRequest('开始日期不能晚于结束日期', 'openedFrom must not be after openedTo', [{ path: 'openedFrom', message: 'after openedTo' }]);
      }
      const drill = reportDrill(q);
      const upToDate = await ctx.fresh(drill ? [CASES, REPORTS] : [CASES]);
      const db = ctx.projections.readModel(CASES).db;
      const viewer = viewerOf(req);
      const behind = drill ? drillDown(ctx.projections.readModel(REPORTS).db, { ...drill, region: q.region }) : undefined;
      const result = searchCases(
        db,
        {
          employer: q.employer,
          uscc: q.uscc,
          category: q.category,
          status: q.status,
          agency: q.agency,
          region: q.region,
          q: q.q,
          // Dates are Shanghai days (rule 9): from the first instant of one to the last of the other.
          openedFrom: q.openedFrom === undefined ? undefined : startOfShanghaiDay(q.openedFrom),
          openedTo: q.openedTo === undefined ? undefined : endOfShanghaiDay(q.openedTo),
          ids: behind && 'caseIds' in behind ? (q.ids ? q.ids.filter((id) => behind.caseIds.includes(id)) : behind.caseIds) : q.ids,
          employerUsccs: behind && 'usccs' in behind ? behind.usccs : undefined,
          stage: q.stage,
          channel: q.channel,
          handler: q.handler,
          deadline: q.deadline === undefined ? undefined : { state: q.deadline, clock: deadlineClock(ctx) },
          visibleTo: seesEverything(viewer) ? undefined : viewer.agency,
        },
        { limit: q.limit, offset: q.offset },
        { by: q.sort, dir: q.dir },
        viewer.agency,
      );
      res.json({ upToDate, ...result } satisfies CaseSearch);
    });
    router.get('/api/cases/:caseId', ctx.authenticate, async (req, res) => {
      const { caseId } = params.parse(req.params);
      const upToDate = await ctx.fresh([CASES]);
      const viewer = viewerOf(req);
      const entry = caseEntry(ctx.projections.readModel(CASES).db, caseId, seesEverything(viewer) ? undefined : viewer.agency);
      // One answer for "no such case" and "not yours": which cases exist is itself not for everyone.
      if (!entry) throw notFound();
      res.json({ upToDate, case: entry } satisfies CaseAnswer);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/cases',
      tags: ['cases'],
      security: ['session'],
      summary:
        'Search the case directory: by case number (案号, in q), employer, USCC, category, status, agency, region prefix, opening dates, stage, channel, 承办人, deadline state or text',
      description:
        'Most recently active first unless `sort` and `dir` say otherwise. Auditors search every case; others the cases their agency takes part in. ' +
        '`report`, `reportPeriod`, `reportKey` (and `reportSeries`) keep the cases behind a bar of a report chart (docs/lists.md); the other filters apply on top.',
      query,
      responses: {
        '200': { description: 'one page of cases and the total matching' },
        '400': { description: 'a bad filter, or a report drill-down given in part' },
      },
    },
    {
      method: 'get',
      path: '/api/cases/:caseId',
      tags: ['cases'],
      security: ['session'],
      summary: "A case's directory entry: stage, supervision, parties, open leads and items, amounts",
      params,
      responses: { '200': { description: 'the entry' }, '404': { description: 'no such case, or not yours' } },
    },
  ],
};
