/** Words and small conversions the meeting pages share. */
import { agencyIds, agencyNames, agencyShortNames, meetingDecisionLabels } from '@hub/contracts/words';
import type { AgencyId } from '@hub/contracts';
import type { Label } from '../../app/i18n.tsx';
import type { DecisionKind, Party, RectificationItem, RectificationStatus } from './types.ts';

/** The hub's item statuses (finer than the domain's); the contracts have no labels for them. */
export const rectificationStatusLabels: { readonly [S in RectificationStatus]: Label } = {
  open: { zh: '整改中', en: 'In progress' },
  reported: { zh: '已报告待核查', en: 'Reported, awaiting check' },
  verified: { zh: '回头看已核实', en: 'Verified' },
  not_verified: { zh: '回头看未通过', en: 'Not verified' },
  escalated: { zh: '已升级督办', en: 'Escalated' },
  closed_by_meeting: { zh: '会议销项', en: 'Closed by meeting' },
};

/** A mark beside each status so it reads without colour (and on a black-and-white printout). */
export const rectificationStatusMarks: { readonly [S in RectificationStatus]: string } = {
  open: '○',
  reported: '◐',
  verified: '✓',
  not_verified: '✗',
  escalated: '▲',
  closed_by_meeting: '✓',
};

export const decisionKinds: readonly DecisionKind[] = ['extend', 'escalate', 'close'];
export const decisionLabels: { readonly [D in DecisionKind]: Label } = meetingDecisionLabels;

/** A meeting may still decide on an item the domain has not verified or closed. */
export const isDecidable = (item: RectificationItem): boolean => item.status !== 'verified' && item.status !== 'closed_by_meeting';

export const employerNames = (item: RectificationItem): string => item.employers.map((e) => e.name).join('、') || '—';

export function partyLabel(party: Party): Label {
  if (party.kind === 'agency' && party.agencyId) return agencyNames[party.agencyId];
  return { zh: party.name, en: party.name };
}

/** A short, stable reference for a case where the hub gives no case number. */
export const caseRef = (caseId: string): string => caseId.slice(0, 8);

/** The last instant of a Shanghai calendar day, in UTC: how deadlines are stored. */
export const endOfShanghaiDay = (date: string): string => new Date(`${date}T23:59:59.999+08:00`).toISOString();

/** A Shanghai date and time of day as a UTC instant. */
export const shanghaiInstant = (date: string, time: string): string => new Date(`${date}T${time}:00+08:00`).toISOString();

/** YYYY-MM-DD plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The agenda records the agencies asked to attend on a line of its own (the schedule command
 * has no field for them): written by the schedule form, read back to suggest the attendees.
 */
export const PARTICIPANTS_PREFIX = '参会机构：';

export function participantsLine(agencies: readonly AgencyId[]): string {
  return `${PARTICIPANTS_PREFIX}${agencies.map((a) => agencyNames[a].zh).join('、')}`;
}

export function participantsOf(agenda: string | null): AgencyId[] {
  const line = agenda?.split('\n').find((l) => l.startsWith(PARTICIPANTS_PREFIX));
  if (!line) return [];
  return agencyIds.filter((a) => line.includes(agencyNames[a].zh) || line.includes(agencyShortNames[a].zh));
}
