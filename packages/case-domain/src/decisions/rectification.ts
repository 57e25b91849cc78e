import type { AgencyId } from '@hub/contracts';
import type { CommandData, DecisionContext } from '../commands.js';
import { violation } from '../rules.js';
import type { CaseState, ItemState, OpenedCase } from '../state.js';
import { compact, event, label, requireAhead, requireNew, requireOpen, requireRef, things, type Decision } from './guards.js';
import { answeringAgency } from '../parties.js';

function futureDeadline(value: string, field: string, ctx: DecisionContext): string {
  return requireAhead('R8.item-deadline', value, field, ctx.now).toISOString();
}

/** 问题整改清单: every item with its own deadline and responsible party (rule 8). */
export function orderRectification(data: CommandData<'OrderRectification'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  requireNew(c.rectificationIds.includes(data.rectificationId), data.rectificationId);
  if (data.letterId !== undefined) requireRef(c.letters[data.letterId], things.letter, data.letterId);
  const seen = new Set<string>();
  const items = data.items.map((item) => {
    requireNew(item.itemId in c.items || seen.has(item.itemId), item.itemId);
    seen.add(item.itemId);
    return {
      itemId: item.itemId,
      description: item.description,
      deadline: futureDeadline(item.deadline, 'deadline', ctx),
      responsibleParty: item.responsibleParty,
    };
  });
  return [event('RectificationOrdered', compact({ rectificationId: data.rectificationId, orderedBy: ctx.actor.agency, letterId: data.letterId, items }))];
}

/** An item still being worked on: neither verified by a follow-up nor closed by a meeting. */
export function openItem(c: OpenedCase, itemId: string): ItemState {
  const item = requireRef(c.items[itemId], things.item, itemId);
  if (item.status === 'verified' || item.status === 'closed') throw violation('CHAIN.item-state');
  return item;
}

/** Not yet reported, and by the responsible agency, or the ordering one for a party not on the hub (R1.rectification). */
export function itemToReport(state: CaseState, itemId: string, agency: AgencyId): ItemState {
  const item = openItem(requireOpen(state), itemId);
  if (item.status !== 'open') throw violation('CHAIN.item-state', label('已报告，待回头看', 'already reported, awaiting follow-up'));
  if (answeringAgency(item.responsibleParty, item.orderedBy) !== agency) throw violation('R1.rectification');
  return item;
}

export function reportRectificationItem(data: CommandData<'ReportRectificationItem'>, state: CaseState, ctx: DecisionContext): Decision {
  const item = itemToReport(state, data.itemId, ctx.actor.agency);
  return [event('RectificationItemReported', { itemId: item.itemId, summary: data.summary })];
}

/** 回头看 may check an item whether or not it was reported; a failed check sends it back to work. */
export function doFollowUp(data: CommandData<'DoFollowUp'>, state: CaseState): Decision {
  const c = requireOpen(state);
  requireNew(c.followUpIds.includes(data.followUpId), data.followUpId);
  const seen = new Set<string>();
  const results = data.results.map((result) => {
    requireNew(seen.has(result.itemId), result.itemId);
    seen.add(result.itemId);
    openItem(c, result.itemId);
    return { itemId: result.itemId, verified: result.verified, findings: result.findings };
  });
  return [event('FollowUpDone', { followUpId: data.followUpId, results })];
}

const sameInstant = (a: string, b: string): boolean => new Date(a).getTime() === new Date(b).getTime();

/**
 * R7.meeting-decision: a case records a meeting's decision only as the meeting's own stream holds
 * it (same case, item and decision; for an extension the same new deadline). The note may differ:
 * it is the recorder's wording, not the decision.
 */
function requireTaken(data: CommandData<'RecordMeetingDecision'>, caseId: string, ctx: DecisionContext): void {
  const meeting = ctx.meeting;
  if (meeting === undefined || meeting.meetingId !== data.meetingId || meeting.decisions === null) {
    throw violation('R7.meeting-decision', label('所选联席会议尚未召开', `meeting ${data.meetingId} was not held`));
  }
  const taken = meeting.decisions.some(
    (d) =>
      d.caseId === caseId &&
      d.itemId === data.itemId &&
      d.decision === data.decision &&
      (d.decision !== 'extend' || (data.decision === 'extend' && sameInstant(d.newDeadline, data.newDeadline))),
  );
  if (!taken) throw violation('R7.meeting-decision', label('所选联席会议未就该整改事项作出此决定', `the meeting took no such decision on item ${data.itemId}`));
}

/** The meeting's own stream holds the decision as taken; this applies it to the case. */
export function recordMeetingDecision(data: CommandData<'RecordMeetingDecision'>, state: CaseState, ctx: DecisionContext): Decision {
  const c = requireOpen(state);
  const item = openItem(c, data.itemId);
  requireTaken(data, c.caseId, ctx);
  const base = { itemId: item.itemId, meetingId: data.meetingId, note: data.note };
  switch (data.decision) {
    case 'extend':
      return [event('RectificationItemDecided', { ...base, decision: 'extend', newDeadline: futureDeadline(data.newDeadline, 'newDeadline', ctx) })];
    case 'escalate':
      return [event('RectificationItemDecided', { ...base, decision: 'escalate' })];
    case 'close':
      return [event('RectificationItemDecided', { ...base, decision: 'close' })];
  }
}
