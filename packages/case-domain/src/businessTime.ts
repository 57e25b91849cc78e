import { instantWords, type CaseEvent, type Label } from '@hub/contracts';
import type { CaseCommand } from './commands.js';
import { violation } from './rules.js';

/**
 * Business time (issue 13.4): an act says when it happened, which may be hours before it is
 * recorded (补录). The decider judges every deadline and every "before it ended" from that
 * instant, so this module bounds it: not in the future (beyond the clock skew between machines),
 * not before the case was opened, not before the act it answers.
 */

/** How far ahead of the service's clock an act may say it happened: clocks of two machines differ. */
export const DEFAULT_CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * When the case's acts happened, as far as the bounds need it: the opening, and the first act on
 * each thing of the case (a lead's transfer, a letter's issue, an arbitration's application…),
 * keyed by the thing's id. A fold over the stream (actTimesStep), kept beside the case state.
 */
export interface ActTimes {
  readonly opened: string | null;
  readonly refs: Readonly<Record<string, string>>;
}

export const noActTimes: ActTimes = { opened: null, refs: {} };

/** The id fields by which an act names a thing of the case: the one that creates it, and every act that answers it. */
const REF_KEYS = [
  'leadId',
  'reviewId',
  'negotiationId',
  'mediationId',
  'arbitrationId',
  'litigationId',
  'enforcementId',
  'legalAidId',
  'supportId',
  'letterId',
  'rectificationId',
  'itemId',
  'followUpId',
] as const;

/** The things an act's data names: its own id fields, rectification items and follow-up results included. */
function refsOf(data: unknown): string[] {
  if (typeof data !== 'object' || data === null) return [];
  const record = data as Record<string, unknown>;
  const out: string[] = [];
  for (const key of REF_KEYS) if (typeof record[key] === 'string') out.push(record[key]);
  for (const list of [record['items'], record['results']]) {
    if (!Array.isArray(list)) continue;
    for (const entry of list)
      if (typeof entry === 'object' && entry !== null && typeof (entry as { itemId?: unknown }).itemId === 'string')
        out.push((entry as { itemId: string }).itemId);
  }
  return out;
}

/** Folds one event, happened at `occurredAt`, into the act times: the first act on a thing is the one later acts answer. */
export function actTimesStep(times: ActTimes, event: CaseEvent, occurredAt: string): ActTimes {
  const opened = times.opened ?? (event.type === 'CaseOpened' ? occurredAt : null);
  const added = refsOf(event.data).filter((ref) => !Object.hasOwn(times.refs, ref));
  if (opened === times.opened && added.length === 0) return times;
  return { opened, refs: added.length === 0 ? times.refs : { ...times.refs, ...Object.fromEntries(added.map((ref) => [ref, occurredAt])) } };
}

/** 2026年12月7日 09:30 in Beijing time, for a refusal's words. */
const beijing = (instant: Date | string): Label => {
  const words = instantWords(instant);
  return { zh: words.zh, en: `${words.en} Beijing time` };
};

const FIELD = { field: 'occurredAt' } as const;

/** T1.future alone, for acts on any stream (joint meetings, warnings): not later than now, beyond the clock skew. */
export function requireNotInFuture(occurredAt: Date, ctx: { readonly now: Date; readonly clockSkewMs?: number }): void {
  if (Number.isNaN(occurredAt.getTime())) throw new RangeError('occurredAt is not a valid instant');
  const skew = ctx.clockSkewMs ?? DEFAULT_CLOCK_SKEW_MS;
  if (occurredAt.getTime() > ctx.now.getTime() + skew) {
    const now = beijing(ctx.now);
    throw violation('T1.future', { zh: `所填为${beijing(occurredAt).zh}，现在是${now.zh}`, en: `${beijing(occurredAt).en}; it is now ${now.en}` }, FIELD);
  }
}

/**
 * Refuses an act that says it happened in the future (T1.future), before the case was opened
 * (T1.before-opened) or before an act it answers (T1.before-answered). 400 with the field
 * `occurredAt`: it is the request's own value that is wrong.
 */
export function requireBusinessTime(
  command: CaseCommand,
  occurredAt: Date,
  ctx: { readonly now: Date; readonly clockSkewMs?: number; readonly actTimes?: ActTimes },
): void {
  requireNotInFuture(occurredAt, ctx);
  const times = ctx.actTimes;
  if (!times || command.type === 'OpenCase') return;
  if (times.opened !== null && occurredAt.getTime() < Date.parse(times.opened)) {
    const opened = beijing(times.opened);
    throw violation('T1.before-opened', { zh: `案件登记于${opened.zh}`, en: `the case was opened at ${opened.en}` }, FIELD);
  }
  for (const ref of refsOf(command.data)) {
    const answered = times.refs[ref];
    if (answered !== undefined && occurredAt.getTime() < Date.parse(answered)) {
      const at = beijing(answered);
      throw violation('T1.before-answered', { zh: `所回应的行为发生于${at.zh}`, en: `the act it answers happened at ${at.en}` }, FIELD);
    }
  }
}
