import { SHANGHAI } from '@hub/case-domain';
import {
  agencyIdSchema,
  agencyNames,
  categories,
  machineActorOf,
  moneyKinds,
  occurredAtOf,
  recordedLate,
  recordingDelayMs,
  type Category,
  type MoneyKind,
} from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { maskData } from '../mask.js';
import { labelOf } from '../read-models/timeline/index.js';
import { documentSummary } from './export-documents.js';

/** One event as people read it in a CSV, a spreadsheet or the printable page: masked, labelled, in Shanghai time. */
export interface PeopleRow {
  /** 案号 from the case's CaseNumberAssigned event; 未编号案件 before numbering. */
  caseNumber: string;
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
  /** Issue 13.6: the money the act carries, by kind (工资 ¥42,000.00；押金 ¥3,000.00); empty when none. */
  money: string;
  hash: string;
}

export const PEOPLE_COLUMNS: readonly { key: keyof PeopleRow; title: string; width: number }[] = [
  { key: 'caseNumber', title: '案号 Case number', width: 28 },
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
  { key: 'money', title: '款项 Money by kind', width: 36 },
  { key: 'hash', title: '哈希 Hash (SHA-256 / SM3)', width: 66 },
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
    // Itemized money has its own column (moneyOf).
    if (key === 'summary' || key.endsWith('Id') || key.endsWith('Ids') || key.endsWith('Items')) continue;
    const money = moneyField(key, value);
    const words = listWords(key, value);
    if (money !== null) parts.push(money);
    else if (words !== null) parts.push(`${key}: ${words}`);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') parts.push(`${key}: ${value}`);
    else if (Array.isArray(value) && value.length > 0) parts.push(`${key}: ${value.length}`);
  }
  const line = parts.join('; ');
  return line.length > SUMMARY_LIMIT ? `${line.slice(0, SUMMARY_LIMIT - 1)}…` : line;
}

/** A case's categories and employers in words (issue 13.6): several of each, a USCC only when known. */
function listWords(key: string, value: unknown): string | null {
  if (!Array.isArray(value) || value.length === 0) return null;
  if (key === 'categories') return value.map((c) => categories.labels[c as Category]?.zh ?? String(c)).join('、');
  if (key === 'employers') {
    return value
      .map((e: { name?: unknown; uscc?: unknown }) => `${String(e.name ?? '')}（${typeof e.uscc === 'string' ? e.uscc : '无统一社会信用代码'}）`)
      .join('、');
  }
  return null;
}

/** Every itemized amount of an event's data (claimedItems, agreedItems, awardedItems, recoveredItems), by kind. */
export function moneyOf(data: unknown): string {
  if (data === null || typeof data !== 'object') return '';
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (!key.endsWith('Items') || !Array.isArray(value)) continue;
    for (const item of value as { kind?: unknown; amountFen?: unknown }[]) {
      if (typeof item.amountFen !== 'number') continue;
      const kind = moneyKinds.labels[item.kind as MoneyKind]?.zh ?? String(item.kind);
      parts.push(`${kind} ${yuan.format(item.amountFen / 100)}`);
    }
  }
  return parts.join('；');
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

/** How an unnumbered (pre-numbering) case reads where a number would stand. */
export const UNNUMBERED = '未编号案件';

export function peopleRow(event: RecordedEvent, caseNumber: string | null = null): PeopleRow {
  const agency = agencyIdSchema.safeParse(event.metadata['agency']);
  const label = labelOf(event.type);
  return {
    caseNumber: caseNumber ?? UNNUMBERED,
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
    money: moneyOf(event.data),
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
