import { withOccurredAt } from '@hub/contracts';
import type { RouteDescription } from '@hub/service-kit';
import { z } from 'zod';
import { idempotencyHeaders, idempotentResponses } from '../idempotency-openapi.js';
import { AppliedResult, HeldResult, holdMeetingBody, meetingParams, scheduleMeetingBody, ScheduledResult } from './schemas.js';

const security = ['session', 'apiKey'] as const;
const refused = {
  400: { description: 'Invalid body (zod issues in `errors`); nothing written' },
  401: { description: 'Not logged in' },
  403: { description: 'Not a secretary, this agency did not attend the meeting (`ruleId: R1`), or it is not the host (`ruleId: meeting.host`)' },
};

/** The joint-meeting routes, described with the schemas they validate with. */
export const meetingRouteDocs: RouteDescription[] = [
  {
    method: 'post',
    path: '/api/meetings',
    operationId: 'ScheduleJointMeeting',
    summary: '安排联席会议 (Schedule joint meeting)',
    tags: ['meetings'],
    description: 'Role secretary. The service assigns the meetingId; the host is this agency. Appends JointMeetingScheduled to `meeting-<meetingId>`.',
    request: withOccurredAt(scheduleMeetingBody),
    security,
    headers: idempotencyHeaders,
    responses: idempotentResponses({ 201: { description: 'Scheduled and signed', schema: ScheduledResult }, ...refused }),
  },
  {
    method: 'post',
    path: '/api/meetings/:meetingId/hold',
    params: meetingParams,
    operationId: 'HoldJointMeeting',
    summary: '记录联席会议召开及决定 (Hold joint meeting)',
    tags: ['meetings'],
    description:
      'Role secretary of the host agency, which attends. The cases reviewed are among the scheduled `caseIds`, at least two ' +
      'distinct agencies attend, and each case a decision touches has an attending agency that takes part in it. Appends ' +
      'JointMeetingHeld, then records each decision on its case as RectificationItemDecided; a decision a case refuses is ' +
      'reported in `decisions[].problem` and the meeting record stays. A retry with the same Idempotency-Key answers the ' +
      'first revision and position, and records any decision not yet on its case (`alreadyApplied` tells which were).',
    request: withOccurredAt(holdMeetingBody),
    security,
    headers: idempotencyHeaders,
    responses: idempotentResponses({
      200: { description: 'Held; what became of each decision', schema: HeldResult },
      ...refused,
      400: {
        description:
          'Invalid body (zod issues in `errors`), a case reviewed that is not on the agenda (`ruleId: meeting.agenda`), ' +
          'or fewer than two agencies attending (`ruleId: meeting.joint`); nothing written',
      },
      404: { description: 'No such meeting' },
      409: {
        description:
          'Already held (`ruleId: meeting.held`), a decided case no attending agency takes part in ' +
          '(`ruleId: meeting.case-participant`), or recorded meanwhile (`ruleId: concurrency`)',
      },
    }),
  },
  {
    method: 'post',
    path: '/api/meetings/:meetingId/apply-decisions',
    params: meetingParams,
    operationId: 'ApplyMeetingDecisions',
    summary: '补记联席会议决定 (Apply meeting decisions)',
    tags: ['meetings'],
    description:
      'Role secretary of the host agency. Records on their cases the decisions not there yet; idempotent. ' +
      'A recorded hold that breaks a meeting rule is not carried out. Safe to send again as it is: it needs no Idempotency-Key.',
    request: z.object({}).optional(),
    security,
    responses: {
      200: { description: 'What became of each decision', schema: AppliedResult },
      ...refused,
      404: { description: 'No such meeting' },
      409: { description: 'Not held yet (`ruleId: meeting.not-held`), or the recorded hold breaks a meeting rule (`ruleId: meeting.*`)' },
    },
  },
  {
    method: 'get',
    path: '/api/meetings/:meetingId',
    params: meetingParams,
    summary: '联席会议 (Joint meeting as its stream holds it)',
    tags: ['meetings'],
    security,
    responses: { 200: { description: 'Scheduled, held, and each decision with `applied`' }, 404: { description: 'No such meeting' } },
  },
];
