import type { RouteDescription } from '@hub/service-kit';
import { z } from 'zod';
import { AppliedResult, HeldResult, holdMeetingBody, meetingParams, scheduleMeetingBody, ScheduledResult } from './schemas.js';

const security = ['session', 'apiKey'] as const;
const refused = {
  400: { description: 'Invalid body (zod issues in `errors`); nothing written' },
  401: { description: 'Not logged in' },
  403: { description: 'Not a secretary, or this agency did not attend the meeting (`ruleId: R1`)' },
};

/** The joint-meeting routes, described with the schemas they validate with. */
export const meetingRouteDocs: RouteDescription[] = [
  {
    method: 'post', path: '/api/meetings', operationId: 'ScheduleJointMeeting', summary: '安排联席会议 (Schedule joint meeting)', tags: ['meetings'],
    description: 'Role secretary. The service assigns the meetingId; the host is this agency. Appends JointMeetingScheduled to `meeting-<meetingId>`.',
    request: scheduleMeetingBody, security,
    responses: { 201: { description: 'Scheduled and signed', schema: ScheduledResult }, ...refused },
  },
  {
    method: 'post', path: '/api/meetings/:meetingId/hold', params: meetingParams, operationId: 'HoldJointMeeting',
    summary: '记录联席会议召开及决定 (Hold joint meeting)', tags: ['meetings'],
    description: 'Role secretary of an attending agency. Appends JointMeetingHeld, then records each decision on its case as '
      + 'RectificationItemDecided; a decision a case refuses is reported in `decisions[].problem` and the meeting record stays.',
    request: holdMeetingBody, security,
    responses: {
      200: { description: 'Held; what became of each decision', schema: HeldResult }, ...refused,
      404: { description: 'No such meeting' }, 409: { description: 'Already held (`ruleId: meeting.held`), or recorded meanwhile (`ruleId: concurrency`)' },
    },
  },
  {
    method: 'post', path: '/api/meetings/:meetingId/apply-decisions', params: meetingParams, operationId: 'ApplyMeetingDecisions',
    summary: '补记联席会议决定 (Apply meeting decisions)', tags: ['meetings'],
    description: 'Role secretary of an attending agency. Records on their cases the decisions not there yet; idempotent.',
    request: z.object({}).optional(), security,
    responses: {
      200: { description: 'What became of each decision', schema: AppliedResult }, ...refused,
      404: { description: 'No such meeting' }, 409: { description: 'Not held yet (`ruleId: meeting.not-held`)' },
    },
  },
  {
    method: 'get', path: '/api/meetings/:meetingId', params: meetingParams, summary: '联席会议 (Joint meeting as its stream holds it)', tags: ['meetings'], security,
    responses: { 200: { description: 'Scheduled, held, and each decision with `applied`' }, 404: { description: 'No such meeting' } },
  },
];
