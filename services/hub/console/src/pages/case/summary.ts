/**
 * A short, readable account of an event's data for the timeline: the fields that say something
 * to a person (who, what, how much, by when), labelled, with ids and encrypted envelopes left out.
 */
import { agencyShortNames, categories, moneyKinds, type AgencyId, type Category, type Label, type MoneyKind } from '@hub/contracts';
import { formatDate, formatMoney, type Lang } from '../../app/i18n.tsx';
import { eventFieldLabel, fieldLabel, valueLabel } from './labels.ts';

export interface SummaryLine {
  readonly key: string;
  readonly label: string;
  readonly value: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const MAX_TEXT = 140;
const MAX_LINES = 7;

const isAgency = (value: unknown): value is AgencyId => typeof value === 'string' && Object.hasOwn(agencyShortNames, value);
const pick = (label: Label, lang: Lang) => label[lang];
const clip = (text: string) => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

function nameOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const { name, displayName } = value as { name?: unknown; displayName?: unknown };
  if (typeof name === 'string') return name;
  // A person of an agency (承办人, who assigned it): by the name people read, never the user id.
  return typeof displayName === 'string' ? displayName : null;
}

function render(key: string, value: unknown, lang: Lang): string | null {
  const t = (zh: string, en: string) => (lang === 'zh' ? zh : en);
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value ? t('是', 'yes') : t('否', 'no');
  if (typeof value === 'number') {
    if (key.endsWith('Fen')) return formatMoney(value);
    return String(value);
  }
  if (typeof value === 'string') {
    if (key === 'caseId' || UUID.test(value)) return null;
    if (isAgency(value)) return pick(agencyShortNames[value], lang);
    if (ISO_TIME.test(value)) return formatDate(value, lang);
    const label = valueLabel(value);
    if (label && /^[a-z0-9_]+$/.test(value)) return pick(label, lang);
    return clip(value);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    if (key === 'workers' || key === 'workerIds') return t(`${value.length} 人`, `${value.length}`);
    if (key === 'items') return t(`${value.length} 项`, `${value.length} item${value.length === 1 ? '' : 's'}`);
    if (key === 'results') {
      const verified = value.filter((r) => (r as { verified?: unknown }).verified === true).length;
      return t(`核查 ${value.length} 项，${verified} 项已整改`, `${value.length} checked, ${verified} verified`);
    }
    // Money itemized by kind (issue 13.6): 工资 ¥42,000.00、押金 ¥3,000.00.
    if (key.endsWith('Items')) {
      return value
        .map((item) => {
          const { kind, amountFen } = item as { kind?: unknown; amountFen?: unknown };
          const word = moneyKinds.labels[kind as MoneyKind];
          return `${word ? pick(word, lang) : String(kind)} ${typeof amountFen === 'number' ? formatMoney(amountFen) : ''}`;
        })
        .join(t('、', ', '));
    }
    if (key === 'categories') return value.map((c) => pick(categories.labels[c as Category] ?? { zh: String(c), en: String(c) }, lang)).join(t('、', ', '));
    if (key === 'fields') return value.map((f) => pick(fieldLabel(String(f)), lang)).join(t('、', ', '));
    const names = value.map((v) => nameOf(v) ?? render(key, v, lang)).filter((v): v is string => v !== null);
    return names.length > 0 ? names.join(t('、', ', ')) : null;
  }
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('ct' in object && 'iv' in object) return null; // an encrypted personal field
    if (key === 'basis') return render('kind', object['kind'], lang);
    if (key === 'consent') {
      return (
        [object['worker'] ? t('劳动者同意', 'worker consents') : null, object['employer'] ? t('用人单位同意', 'employer consents') : null]
          .filter(Boolean)
          .join(t('、', ', ')) || t('未同意', 'no consent')
      );
    }
    return nameOf(object);
  }
  return null;
}

/** Fields that say who recorded the event: the timeline shows that agency already. */
const RECORDER_FIELDS = new Set([
  'agency',
  'from',
  'openedBy',
  'orderedBy',
  'issuedBy',
  'givenBy',
  'acceptedBy',
  'declinedBy',
  'closedBy',
  'reopenedBy',
  'erasedBy',
]);

/** What to read first: where it goes and what it decides, then what it says, then the rest. */
const FIRST = [
  'handler',
  'previous',
  'to',
  'kind',
  'addressee',
  'decision',
  'outcome',
  'resolution',
  'routeTo',
  'agencies',
  'summary',
  'conclusion',
  'terms',
  'description',
  'reason',
  'note',
];
const rank = (key: string) => {
  const at = FIRST.indexOf(key);
  return at < 0 ? FIRST.length : at;
};

/** The labelled fields of an event worth reading, at most a handful. */
export function summarize(type: string, data: unknown, recorder: string | null, lang: Lang): SummaryLine[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return [];
  const lines: SummaryLine[] = [];
  const fields = Object.entries(data as Record<string, unknown>)
    .filter(([key, value]) => key !== 'caseId' && key !== 'region' && value !== false && !(RECORDER_FIELDS.has(key) && value === recorder))
    .sort(([a], [b]) => rank(a) - rank(b));
  for (const [key, value] of fields) {
    const text = render(key, value, lang);
    if (text === null || text === '') continue;
    lines.push({ key, label: pick(eventFieldLabel(type, key), lang), value: text });
    if (lines.length >= MAX_LINES) break;
  }
  return lines;
}
