import { agencyNames, type AgencyId, type Label } from '@hub/contracts';
import type { EventStore } from '@hub/event-store';
import { Conflict, type HttpError } from '@hub/service-kit';
import { loadCase } from '../cases/load.js';
import { RuleBadRequest, RuleForbidden } from '../errors.js';
import type { MeetingState } from './meeting.js';

/**
 * The rules a joint meeting's record must keep, beside `meeting.held` / `meeting.not-held`. They
 * sit here, not in the case domain's rule book, because meeting streams have no decider: the
 * routes check them before a hold is written, and again before a recorded hold is acted on.
 */
export const meetingRuleBook = {
  'meeting.host': { zh: '联席会议由主办机构的秘书记录', en: "A joint meeting is recorded by its host agency's secretary" },
  'meeting.agenda': { zh: '审议的案件须在会议安排的议程之内', en: 'The cases reviewed must be among the cases the meeting was scheduled with' },
  // Rule 3's counterpart for meetings: a "joint" meeting of one agency is no joint meeting.
  'meeting.joint': { zh: '联席会议至少需要两个机构出席', en: 'A joint meeting needs at least two agencies attending' },
  'meeting.case-participant': {
    zh: '会议作出决定的每个案件，须至少有一个出席机构参与该案件',
    en: 'Each case the meeting decides on needs an attending agency that takes part in it',
  },
} as const satisfies Record<string, Label>;

export type MeetingRuleId = keyof typeof meetingRuleBook;

/** One broken rule: its id, what exactly was wrong, and the body field concerned (for a 400). */
export interface MeetingFinding {
  readonly ruleId: MeetingRuleId;
  readonly detail: Label;
  readonly path: string;
}

/** What a hold says, as a request body or as the recorded JointMeetingHeld. */
export interface HoldRecord {
  readonly attendees: { readonly agencies: readonly AgencyId[] };
  readonly casesReviewed: readonly string[];
  readonly decisions: readonly { readonly caseId: string }[];
}

type Scheduled = NonNullable<MeetingState['scheduled']>;
const nameOf = (agency: AgencyId | null): Label => (agency === null ? { zh: '不明机构', en: 'an unknown agency' } : agencyNames[agency]);

// The host's secretary records the meeting: one agency answers for its record and for applying it.
function hostFinding(scheduled: Scheduled, recorder: AgencyId | null): MeetingFinding | null {
  if (recorder === scheduled.hostAgency) return null;
  const [host, by] = [nameOf(scheduled.hostAgency), nameOf(recorder)];
  return { ruleId: 'meeting.host', path: '', detail: { zh: `该会议由${host.zh}主办，不能由${by.zh}记录`, en: `this meeting is hosted by the ${host.en}, not by ${recorder === null ? by.en : `the ${by.en}`}` } };
}

/**
 * The first rule the hold breaks, or null. Cheap checks first; the cases are read only when the
 * rest holds. "Takes part" is the case routes' rule (participantsOf, via loadCase): an agency
 * that recorded an act on the case or was named by one. A case that does not exist has none.
 */
export async function holdFinding(store: EventStore, scheduled: Scheduled, recorder: AgencyId | null, held: HoldRecord): Promise<MeetingFinding | null> {
  const host = hostFinding(scheduled, recorder);
  if (host !== null) return host;
  const agenda = new Set(scheduled.caseIds);
  const extra = [...new Set(held.casesReviewed.filter((c) => !agenda.has(c)))];
  if (extra.length > 0) {
    return { ruleId: 'meeting.agenda', path: 'casesReviewed', detail: { zh: `不在议程中的案件：${extra.join('、')}`, en: `not on the agenda: ${extra.join(', ')}` } };
  }
  const attending = new Set(held.attendees.agencies);
  if (attending.size < 2) {
    return { ruleId: 'meeting.joint', path: 'attendees.agencies', detail: { zh: `出席机构（去重后）仅 ${attending.size} 个`, en: `only ${attending.size} distinct ${attending.size === 1 ? 'agency attends' : 'agencies attend'}` } };
  }
  const outside: string[] = [];
  for (const caseId of new Set(held.decisions.map((d) => d.caseId))) {
    const { participants } = await loadCase(store, caseId);
    if (![...attending].some((a) => participants.has(a))) outside.push(caseId);
  }
  if (outside.length > 0) {
    return { ruleId: 'meeting.case-participant', path: 'decisions', detail: { zh: `没有出席机构参与的案件：${outside.join('、')}`, en: `no attending agency takes part in case ${outside.join(', ')}` } };
  }
  return null;
}

const worded = (f: MeetingFinding): Label => {
  const rule = meetingRuleBook[f.ruleId];
  return { zh: `${rule.zh}：${f.detail.zh}`, en: `${rule.en}: ${f.detail.en}` };
};

/**
 * A hold asked for: who records it is a question of who asks (403), a reviewed case off the
 * agenda or too few agencies a matter of the body alone (400), a case no attendee takes part in
 * a matter of the cases' state (409). Nothing is written when this throws.
 */
export async function requireValidHold(store: EventStore, scheduled: Scheduled, recorder: AgencyId, body: HoldRecord): Promise<void> {
  const finding = await holdFinding(store, scheduled, recorder, body);
  if (finding === null) return;
  const { zh, en } = worded(finding);
  const error: HttpError = finding.ruleId === 'meeting.host' ? new RuleForbidden(finding.ruleId, zh, en)
    : finding.ruleId === 'meeting.case-participant' ? new Conflict(finding.ruleId, zh, en)
      : new RuleBadRequest(finding.ruleId, zh, en, [{ path: finding.path, message: `${zh} / ${en}` }]);
  throw error;
}

/** Only the host's secretary carries out a recorded hold (apply-decisions), as only it records one. */
export function requireHost(scheduled: Scheduled, actor: AgencyId): void {
  const finding = hostFinding(scheduled, actor);
  if (finding === null) return;
  const { zh, en } = worded(finding);
  throw new RuleForbidden(finding.ruleId, zh, en);
}

/**
 * A hold already in the stream (written before these rules, or past this service) is acted on
 * only when it keeps them: apply-decisions and record-meeting-decision carry out nothing else.
 */
export async function requireValidRecord(store: EventStore, state: MeetingState): Promise<void> {
  if (state.held === null) return;
  // Held but never scheduled: no host and no agenda to hold the record against.
  const finding: MeetingFinding | null = state.scheduled === null
    ? { ruleId: 'meeting.host', path: '', detail: { zh: '该会议没有安排记录，无从确认主办机构和议程', en: 'the meeting was never scheduled, so neither its host nor its agenda is known' } }
    : await holdFinding(store, state.scheduled, state.held.agency, state.held);
  if (finding === null) return;
  const { zh, en } = worded(finding);
  throw new Conflict(finding.ruleId, `该联席会议的记录不符合规则，不执行其决定。${zh}`, `This joint meeting's record breaks a rule, so its decisions are not carried out. ${en}`);
}
