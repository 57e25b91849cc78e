import { decisionKey } from '@hub/case-domain';
import { bilingual, jointMeetingHeld, jointMeetingScheduled } from '@hub/contracts';
import { z } from 'zod';

/** The service names the meeting and its host (this agency): the client posts the rest. */
export const scheduleMeetingBody = jointMeetingScheduled.data.omit({ meetingId: true, hostAgency: true }).meta({ id: 'ScheduleMeeting' });

/**
 * A meeting decides on cases it reviewed, once per item: a second decision on one item would
 * leave the case unsure which to record, and apply-decisions unable to tell them apart.
 */
export const holdMeetingBody = jointMeetingHeld.data
  .omit({ meetingId: true })
  .superRefine((body, ctx) => {
    const reviewed = new Set(body.casesReviewed);
    const seen = new Set<string>();
    body.decisions.forEach((d, i) => {
      if (!reviewed.has(d.caseId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['decisions', i, 'caseId'],
          message: bilingual('决定涉及的案件须列入审议案件', 'a decision names a case the meeting reviewed'),
        });
      }
      const key = decisionKey(d.caseId, d.itemId);
      if (seen.has(key))
        ctx.addIssue({ code: 'custom', path: ['decisions', i, 'itemId'], message: bilingual('同一事项只能作出一项决定', 'one decision per item') });
      seen.add(key);
    });
  })
  .meta({ id: 'HoldMeeting' });

export const meetingParams = z.object({ meetingId: z.uuid() });

export const ScheduledResult = z
  .object({
    meetingId: z.uuid(),
    revision: z.string().describe('the meeting stream revision after the append (decimal)'),
    position: z.string().describe('global position of the event appended (decimal)'),
  })
  .meta({ id: 'MeetingScheduled' });

const problemSchema = z.looseObject({ status: z.int(), detail: z.string(), detailEn: z.string(), ruleId: z.string().optional() });

export const DecisionOutcomeSchema = z
  .object({
    caseId: z.uuid(),
    itemId: z.uuid(),
    decision: z.enum(['extend', 'escalate', 'close']),
    applied: z.boolean().describe('the decision is on its case now'),
    alreadyApplied: z.boolean().describe('it was there before this request'),
    problem: problemSchema.nullable().describe('why the case refused it (problem document); null when applied'),
  })
  .meta({ id: 'DecisionOutcome' });

export const HeldResult = z
  .object({
    meetingId: z.uuid(),
    revision: z.string(),
    position: z.string(),
    decisions: z.array(DecisionOutcomeSchema),
  })
  .meta({ id: 'MeetingHeld' });

export const AppliedResult = z.object({ meetingId: z.uuid(), decisions: z.array(DecisionOutcomeSchema) }).meta({ id: 'MeetingDecisionsApplied' });
