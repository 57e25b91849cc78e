import { endOfShanghaiDay, isCalendarDate, startOfShanghaiDay } from '@hub/case-domain';
import { bilingual, calendarDateSchema, isoDateTimeSchema, uuidSchema } from '@hub/contracts';
import { NotFound } from '@hub/service-kit';
import { Router } from 'express';
import { z } from 'zod';
import type { HubContext, HubRoutes } from '../context.js';
import { CASES, caseNumbersOf } from '../read-models/cases/index.js';
import { listMeetings, meetingDetail, MEETINGS, type MeetingAnswer, type MeetingList } from '../read-models/meetings/index.js';

const params = z.object({ meetingId: uuidSchema });

/** A Shanghai day (the whole day) or a UTC instant. */
const bound = z.union([calendarDateSchema, isoDateTimeSchema], {
  error: bilingual('须为日期 YYYY-MM-DD 或 UTC 时间', 'must be a date YYYY-MM-DD or a UTC time'),
});

const query = z.object({
  status: z.enum(['scheduled', 'held'], { error: bilingual('状态须为 scheduled 或 held', "status must be 'scheduled' or 'held'") }).optional(),
  /** Earliest scheduled time; a date means from the start of that day in Shanghai. */
  from: bound.optional(),
  /** Latest scheduled time; a date means to the end of that day in Shanghai. */
  to: bound.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const startOf = (value: string) => (isCalendarDate(value) ? startOfShanghaiDay(value) : new Date(value)).getTime();
const endOf = (value: string) => (isCalendarDate(value) ? endOfShanghaiDay(value) : new Date(value)).getTime();

/** Joint meetings are cross-agency: every signed-in user of any agency may read them. */
export const meetingRoutes: HubRoutes = {
  router(ctx: HubContext) {
    const router = Router();
    router.get('/api/meetings', ctx.authenticate, async (req, res) => {
      const q = query.parse(req.query);
      const upToDate = await ctx.fresh([MEETINGS]);
      const meetings = listMeetings(ctx.projections.readModel(MEETINGS).db, {
        status: q.status,
        fromMs: q.from === undefined ? undefined : startOf(q.from),
        toMs: q.to === undefined ? undefined : endOf(q.to),
        limit: q.limit,
      });
      res.json({ upToDate, meetings, more: meetings.length === q.limit } satisfies MeetingList);
    });
    router.get('/api/meetings/:meetingId', ctx.authenticate, async (req, res) => {
      const { meetingId } = params.parse(req.params);
      const upToDate = await ctx.fresh([MEETINGS, CASES]);
      const meeting = meetingDetail(ctx.projections.readModel(MEETINGS).db, meetingId);
      if (!meeting) throw new NotFound('没有找到该联席会议', 'No such joint meeting');
      // The minutes name cases by 案号: the meeting is cross-agency, and so are the numbers of the cases it names (as are their ids).
      const named = [...meeting.caseIds, ...meeting.casesReviewed, ...meeting.decisions.map((d) => d.caseId)];
      const numbers = caseNumbersOf(ctx.projections.readModel(CASES).db, named);
      const caseNumbers = Object.fromEntries([...new Set(named)].map((caseId) => [caseId, numbers.get(caseId) ?? null]));
      res.json({ upToDate, meeting: { ...meeting, caseNumbers } } satisfies MeetingAnswer);
    });
    return router;
  },
  routes: [
    {
      method: 'get',
      path: '/api/meetings',
      tags: ['meetings'],
      security: ['session'],
      summary: 'Joint meetings, newest scheduled first, by status and scheduled-time window',
      query,
      responses: { '200': { description: 'the meetings, at most `limit`' }, '400': { description: 'a bad filter' } },
    },
    {
      method: 'get',
      path: '/api/meetings/:meetingId',
      tags: ['meetings'],
      security: ['session'],
      summary:
        'One joint meeting: plan, attendees, minutes, decisions and whether each has been applied to its case, and the 案号 of each case it names (caseNumbers)',
      params,
      responses: { '200': { description: 'the meeting' }, '404': { description: 'no such meeting' } },
    },
  ],
};
