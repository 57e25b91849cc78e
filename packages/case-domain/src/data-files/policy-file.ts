/**
 * A deadline policy file (rule 8: deadlines are data, set per deployment). Any key it gives
 * replaces DOMAIN.md's default; a key it does not know is refused, since a misspelt key silently
 * ignored would leave the default in force. The format is in docs/deployment-data.md.
 */
import { defaultPolicy, type DeadlinePolicy, type DurationUnit, type PolicyDuration } from '../policy.js';
import { weekendsOnly, type HolidayCalendar } from '../time/calendar.js';
import { DataFileError, nodeOf, parseJsonSource, shown, type JsonNode, type SourcePosition } from './json-source.js';
import { entryOf, NodeReader } from './read.js';

export class PolicyError extends DataFileError {
  override readonly name = 'PolicyError';
}

const read: NodeReader = new NodeReader(PolicyError);

export const POLICY_DURATION_KEYS = [
  'workerFeedback',
  'procuratorialReply',
  'procuratorialReplyUrgent',
  'arbitrationAcceptance',
  'arbitrationConclusion',
  'arbitrationExtension',
] as const;
const UNITS: readonly DurationUnit[] = ['hours', 'calendar_days', 'working_days', 'months'];
const UNITS_ZH = 'hours（小时）、calendar_days（自然日）、working_days（工作日）、months（月）';
/** Far beyond any period in law (the longest default is two months); a larger number is a typo. */
const MAX_AMOUNT = 9999;

/** What a policy file says: the durations and switches, without the calendar (a file of its own). */
export type DeadlinePolicySettings = Omit<DeadlinePolicy, 'calendar'>;

function duration(node: JsonNode, key: string): PolicyDuration {
  const entries = read.object(node, `${key} `, `${key}`);
  read.onlyKeys(entries, ['amount', 'unit'], key);
  const amount = entryOf(entries, 'amount');
  if (!amount) read.fail(node, `${key} 缺少 "amount"（数量）`, `${key}.amount is missing`);
  if (amount.value.kind !== 'number' || !Number.isInteger(amount.value.value) || amount.value.value < 0 || amount.value.value > MAX_AMOUNT) {
    read.fail(
      amount.value,
      `${key}.amount 应是 0 到 ${MAX_AMOUNT} 之间的整数，而不是 ${shown(amount.value)}`,
      `${key}.amount must be a non-negative whole number (at most ${MAX_AMOUNT}), not ${shown(amount.value)}`,
    );
  }
  const unit = entryOf(entries, 'unit');
  if (!unit) read.fail(node, `${key} 缺少 "unit"（单位）`, `${key}.unit is missing`);
  if (unit.value.kind !== 'string' || !UNITS.includes(unit.value.value as DurationUnit)) {
    read.fail(
      unit.value,
      `${key}.unit 只能是 ${UNITS_ZH}，而不是 ${shown(unit.value)}`,
      `${key}.unit must be one of ${UNITS.join(', ')}, not ${shown(unit.value)}`,
    );
  }
  return { amount: amount.value.value, unit: unit.value.value as DurationUnit };
}

/** Reads a policy from positioned JSON; `origin` (a setting and a path) goes into every error. */
export function readDeadlinePolicy(root: JsonNode, origin?: string): DeadlinePolicySettings {
  try {
    const entries = read.object(root, '期限政策', 'a deadline policy');
    read.onlyKeys(entries, [...POLICY_DURATION_KEYS, 'dueSoonDays', 'rollOverRestDays', 'note'], 'policy');
    const { calendar: _calendar, ...settings } = defaultPolicy;
    const out: { -readonly [K in keyof DeadlinePolicySettings]: DeadlinePolicySettings[K] } = { ...settings };
    for (const key of POLICY_DURATION_KEYS) {
      const entry = entryOf(entries, key);
      if (entry) out[key] = duration(entry.value, key);
    }
    const dueSoon = entryOf(entries, 'dueSoonDays');
    if (dueSoon) out.dueSoonDays = read.wholeNumber(dueSoon.value, 'dueSoonDays', 0, 366);
    const roll = entryOf(entries, 'rollOverRestDays');
    if (roll) out.rollOverRestDays = read.boolean(roll.value, 'rollOverRestDays');
    const note = entryOf(entries, 'note');
    if (note) read.text(note.value, 'note');
    return out;
  } catch (error) {
    throw error instanceof DataFileError && origin !== undefined ? error.in(origin) : error;
  }
}

/** Reads a policy file's text: a syntax error or a wrong value is refused with its line and column. */
export function parseDeadlinePolicy(text: string, origin?: string): DeadlinePolicySettings {
  let root: JsonNode;
  try {
    root = parseJsonSource(text);
  } catch (error) {
    if (error instanceof DataFileError) throw new PolicyError(error.zh, error.en, error.at as SourcePosition, origin);
    throw error;
  }
  return readDeadlinePolicy(root, origin);
}

/**
 * A deployment's policy from a value already parsed: any key overrides the default.
 * `{ "arbitrationConclusion": { "amount": 45, "unit": "calendar_days" }, "dueSoonDays": 5 }`.
 */
export function loadDeadlinePolicy(json: unknown, calendar: HolidayCalendar = weekendsOnly): DeadlinePolicy {
  return { ...readDeadlinePolicy(nodeOf(json)), calendar };
}
