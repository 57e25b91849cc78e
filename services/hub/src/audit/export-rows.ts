import { SHANGHAI } from '@hub/case-domain';
import { agencyIdSchema, agencyNames, machineActorOf, occurredAtOf, recordedLate, recordingDelayMs } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { maskData } from '../mask.js';
import { labelOf } from '../read-models/timeline/index.js';
import { documentSummary } from './export-documents.js';

/** One event as people read it in a CSV, a spreadsheet or the printable page: masked, labelled, in Shanghai time. */
export interface PeopleRow {
  position: string;
  revision: string;
  /** When the event was recorded: 'YYYY-MM-DD HH:mm:ss', Asia/Shanghai wall clock (rule 9). */
  time: string;
  /** When the act happened (business time), the same way. */
  occurred: string;
  /** 补录 with the delay when recorded more than an hour after it happened; empty otherwise. */
  late: string;
  agency: string;
  user: string;
  labelZh: string;
  labelEn: string;
  summary: string;
  hash: string;
}

export const PEOPLE_COLUMNS: readonly { key: keyof PeopleRow; title: string; width: number }[] = [
  { key: 'position', title: '位置 Position', width: 10 },
  { key: 'revision', title: '版本 Revision', width: 10 },
  { key: 'time', title: '记录时间（北京时间）Recorded (Asia/Shanghai)', width: 22 },
  { key: 'occurred', title: '发生时间（北京时间）Occurred (Asia/Shanghai)', width: 22 },
  { key: 'late', title: '补录 Recorded late', width: 18 },
  { key: 'agency', title: '机构 Agency', width: 22 },
  { key: 'user', title: '经办人 User', width: 24 },
  { key: 'labelZh', title: '事件', width: 18 },
  { key: 'labelEn', title: 'Event', width: 24 },
  { key: 'summary', title: '摘要 Summary', width: 60 },
  { key: 'hash', title: '哈希 Hash (SHA-256)', width: 66 },
];

const wallClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: SHANGHAI,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function shanghaiTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const part = (type: Intl.DateTimeFormatPartTypes) => wallClock.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

const SUMMARY_LIMIT = 200;

const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 });
/** Money is kept in fen (rule 9) and read in yuan: amountClaimedFen 107246 → amountClaimed: ¥1,072.46. */
const moneyField = (key: string, value: unknown): string | null =>
  key.endsWith('Fen') && typeof value === 'number' && Number.isInteger(value) ? `${key.slice(0, -3)}: ${yuan.format(value / 100)}` : null;

/**
 * A line about the event's content: its own `summary` when it has one, then its other plain
 * fields. Ids are left out (the hash already pins the event) and personal fields are masked
 * before anything is read, so no clear text or ciphertext can reach the line.
 */
export function summaryOf(data: unknown): string {
  const masked = maskData(data);
  if (masked === null || typeof masked !== 'object' || Array.isArray(masked)) return masked === undefined ? '' : String(masked);
  const record = masked as Record<string, unknown>;
  const parts: string[] = [];
  if (typeof record['summary'] === 'string') parts.push(record['summary']);
  for (const [key, value] of Object.entries(record)) {
    if (key === 'summary' || key.endsWith('Id') || key.endsWith('Ids')) continue;
    const money = moneyField(key, value);
    if (money !== null) parts.push(money);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(`${key}: ${value}`);
    else if (Array.isArray(value) && value.length > 0) parts.push(`${key}: ${value.length}`);
  }
  const line = parts.join('; ');
  return line.length > SUMMARY_LIMIT ? `${line.slice(0, SUMMARY_LIMIT - 1)}…` : line;
}

/**
 * A HandlerAssigned as people read it (承办人, issue 13.5): who handles the case for which agency,
 * from whom when it was reassigned, who assigned it, and the note; by name, with the user ids.
 */
export function handlerSummary(data: unknown): string {
  const d = data as { agency?: unknown; handler?: Person; previous?: Person; assignedBy?: Person; note?: unknown };
  const who = (p: Person | undefined) => (p ? `${String(p.displayName)}（${String(p.userId)}）` : '');
  const agency = agencyIdSchema.safeParse(d.agency);
  const of = agency.success ? agencyNames[agency.data].zh : String(d.agency ?? '');
  const parts = [
    d.previous ? `变更承办人 / reassigned: ${who(d.previous)} → ${who(d.handler)}` : `承办人 / handler: ${who(d.handler)}`,
    `机构 / agency: ${of}`,
    `指定人 / assigned by: ${who(d.assignedBy)}`,
    ...(typeof d.note === 'string' ? [`备注 / note: ${d.note}`] : []),
  ];
  const line = parts.join('; ');
  return line.length > SUMMARY_LIMIT ? `${line.slice(0, SUMMARY_LIMIT - 1)}…` : line;
}
type Person = { userId?: unknown; displayName?: unknown };

/** How long after it happened an act was recorded, as people say it: 5小时20分 / 5h20m. */
export function delayWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const zh = `${days > 0 ? `${days}天` : ''}${hours > 0 ? `${hours}小时` : ''}${rest > 0 || minutes === 0 ? `${rest}分` : ''}`;
  const en = `${days > 0 ? `${days}d` : ''}${hours > 0 ? `${hours}h` : ''}${rest > 0 || minutes === 0 ? `${rest}m` : ''}`;
  return `${zh} / ${en}`;
}

/** Who recorded it as people read it: a person by name and id, a machine client as 系统接口·<its name>. */
export function recorderWords(metadata: RecordedEvent['metadata']): string {
  const machine = machineActorOf(metadata);
  const actor = metadata['actor'] as { userId?: unknown } | undefined;
  const userName = metadata['userName'];
  const userId = typeof actor?.userId === 'string' ? actor.userId : '';
  const name = typeof userName === 'string' ? userName : '';
  const shown = machine ? `系统接口·${machine.name ?? machine.accountId} (API)` : name;
  return shown && userId ? `${shown}（${userId}）` : shown || userId;
}

export function peopleRow(event: RecordedEvent): PeopleRow {
  const agency = agencyIdSchema.safeParse(event.metadata['agency']);
  const label = labelOf(event.type);
  return {
    position: event.position.toString(),
    revision: event.revision.toString(),
    time: shanghaiTime(event.metadata.recordedAt),
    occurred: shanghaiTime(occurredAtOf(event.metadata)),
    late: recordedLate(event.metadata) ? `补录 ${delayWords(recordingDelayMs(event.metadata))}` : '',
    agency: agency.success ? agencyNames[agency.data].zh : String(event.metadata['agency'] ?? ''),
    user: recorderWords(event.metadata),
    labelZh: label.zh,
    labelEn: label.en,
    summary:
      event.type === 'DocumentAttached' ? documentSummary(event.data) : event.type === 'HandlerAssigned' ? handlerSummary(event.data) : summaryOf(event.data),
    hash: event.metadata.hash,
  };
}

/**
 * A spreadsheet cell that starts with = + - @ (or a tab / carriage return) is run as a formula
 * by Excel and LibreOffice; event text comes from users, so such a cell gets a leading
 * apostrophe (the OWASP advice for CSV injection).
 */
export function neutralize(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
