import {
  casesDecidedBy,
  decideMeeting,
  initialMeeting,
  meetingStream,
  requireApplicable,
  requireAttended,
  type MeetingDecision,
  type MeetingState,
} from '@hub/case-domain';
import { takeOccurredAt, uuidSchema } from '@hub/contracts';
import { NotFound, requireRole } from '@hub/service-kit';
import { Router, type Request, type RequestHandler } from 'express';
import { traceOf } from '../cases/routes.js';
import { checkedByCatalog, handleCommand, type CommandEnv } from '../commands/handle.js';
import { createdIdFor, markReplayed } from '../idempotency.js';
import { applyDecisions, itemsDecidedBy } from './apply.js';
import { caseParticipants, loadMeeting, type LoadedMeeting } from './meeting.js';
import { holdMeetingBody, scheduleMeetingBody } from './schemas.js';
import type { AppliedDecisions, HeldMeeting, ScheduledMeeting } from '../wire.js';

export interface MeetingRoutesOptions extends CommandEnv {
  readonly authenticate: RequestHandler;
}

const noSuchMeeting = (meetingId: string) => new NotFound('没有这个联席会议', `No joint meeting ${meetingId}`);

/** A meeting id in a URL that is not a uuid names no meeting: 404, as for an unknown one. */
function meetingIdParam(req: Request): string {
  const meetingId = String(req.params['meetingId']);
  if (!uuidSchema.safeParse(meetingId).success) throw noSuchMeeting(meetingId);
  return meetingId;
}

/** A meeting that exists: it was scheduled (a stream holding only a hold is no meeting of this service). */
type Existing = LoadedMeeting & { revision: bigint; state: MeetingState & { scheduled: NonNullable<MeetingState['scheduled']> } };

async function existing(env: CommandEnv, meetingId: string): Promise<Existing> {
  const loaded = await loadMeeting(env.store, meetingId);
  if (loaded.revision === null || loaded.state.scheduled === null) throw noSuchMeeting(meetingId);
  return loaded as Existing;
}

/** The meeting as its stream holds it, each decision marked as on its case or not. */
async function meetingView(env: CommandEnv, loaded: Existing) {
  const { meetingId, scheduled, held } = loaded.state;
  const decided = new Map<string, Set<string>>();
  const decisions: (MeetingDecision & { applied: boolean })[] = [];
  for (const d of held?.decisions ?? []) {
    if (!decided.has(d.caseId)) decided.set(d.caseId, await itemsDecidedBy(env.store, d.caseId, meetingId));
    decisions.push({ ...d, applied: decided.get(d.caseId)!.has(d.itemId) });
  }
  // The decisions are shown once, each with whether it is on its case.
  const { decisions: _taken, ...heldView } = held ?? { decisions: [] };
  return {
    meetingId,
    status: held === null ? 'scheduled' : 'held',
    revision: loaded.revision.toString(),
    scheduled,
    held: held === null ? null : heldView,
    decisions,
  };
}

export function meetingRoutes(options: MeetingRoutesOptions): Router {
  const router = Router();
  router.use('/api/meetings', options.authenticate);
  const secretary = requireRole('secretary');

  router.post('/api/meetings', secretary, async (req, res) => {
    // When it was scheduled, if recorded later (issue 13.4): off the body before the schema checks the rest.
    const { occurredAt, rest } = takeOccurredAt(req.body);
    const body = scheduleMeetingBody.parse(rest);
    const mark = options.requests.mark(req, req.actor!, 'ScheduleJointMeeting');
    // No meeting id in the body: the service mints it, from the Idempotency-Key when there is one, as for a case.
    const meetingId = createdIdFor(options.agency, mark, 'meeting');
    const outcome = await handleCommand(
      options,
      req.actor!,
      { ...traceOf(req), request: mark, ...(occurredAt !== undefined ? { occurredAt } : {}) },
      {
        stream: meetingStream(meetingId),
        // A fresh id: nothing to read, and appending with no_stream lets the store refuse a second schedule.
        read: async () => ({ state: initialMeeting(meetingId), revision: null, headHash: null }),
        decide: ({ state }) =>
          checkedByCatalog(decideMeeting({ type: 'ScheduleJointMeeting', data: { meetingId, ...body } }, state, { actor: { agency: options.agency } })),
      },
    );
    const { revision, position } = outcome.result;
    markReplayed(res, outcome)
      .status(201)
      .location(`/api/meetings/${meetingId}`)
      .json({ meetingId, revision, position } satisfies ScheduledMeeting);
  });

  router.post('/api/meetings/:meetingId/hold', secretary, async (req, res) => {
    const meetingId = meetingIdParam(req);
    const { occurredAt, rest } = takeOccurredAt(req.body);
    const body = holdMeetingBody.parse(rest);
    // Rule 1 before anything is read: an agency that did not attend learns nothing of the meeting.
    requireAttended(req.actor!.agency, body.attendees.agencies);
    const mark = options.requests.mark(req, req.actor!, `HoldJointMeeting ${meetingId}`);
    const trace = { ...traceOf(req), request: mark, ...(occurredAt !== undefined ? { occurredAt } : {}) };
    const outcome = await handleCommand(options, req.actor!, trace, {
      stream: meetingStream(meetingId),
      // The meeting (404 unless scheduled), and who takes part in each case it decides on, for the decider (which does no I/O).
      read: async () => ({ ...(await existing(options, meetingId)), participants: await caseParticipants(options.store, casesDecidedBy(body)) }),
      // Held once; host, agenda, two agencies, and for each decided case an attendee that takes part in it. Appended
      // expecting the revision read: of two secretaries recording the meeting at once, one gets 409.
      decide: ({ state, participants }) =>
        checkedByCatalog(decideMeeting({ type: 'HoldJointMeeting', data: { meetingId, ...body } }, state, { actor: req.actor!, participants })),
    });
    // Also on a retry: the decisions not on their cases yet (the first attempt may have died before) are recorded now.
    const held = await loadMeeting(options.store, meetingId);
    const decisions = await applyDecisions(options, req.actor!, held.state, trace.correlationId);
    const { revision, position } = outcome.result;
    markReplayed(res, outcome).json({ meetingId, revision, position, decisions } satisfies HeldMeeting);
  });

  // Repairs a hold whose case records were cut short (a crash, a refused decision since made possible); idempotent.
  // The host's secretary, who recorded the hold, carries it out: the case events are its acts.
  router.post('/api/meetings/:meetingId/apply-decisions', secretary, async (req, res) => {
    const meetingId = meetingIdParam(req);
    const loaded = await existing(options, meetingId);
    const { state } = loaded;
    // Held, by the host's secretary, and a record that keeps the rules (one written before them, or past this service, is not carried out).
    requireApplicable(state, req.actor!.agency, await caseParticipants(options.store, state.held === null ? [] : casesDecidedBy(state.held)));
    res.json({ meetingId, decisions: await applyDecisions(options, req.actor!, state, traceOf(req).correlationId) } satisfies AppliedDecisions);
  });

  router.get('/api/meetings/:meetingId', async (req, res) => {
    res.json(await meetingView(options, await existing(options, meetingIdParam(req))));
  });
  return router;
}
