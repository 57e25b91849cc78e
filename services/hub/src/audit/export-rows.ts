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
import { beijingTime, FIELD_WORDS, valueWords, yuan } from './export-words.js';

/** One event as people read it in a CSV, a spreadsheet or the printable page: masked, in words, in Beijing time. */
export interface PeopleRow {
  /** 案号 from the case's CaseNumberAssigned event; 未编号案件 before numbering. */
  caseNumber: string;
  position: string;
  revision: string;
  /** When the event was recorded: 2026年12月7日 09:30, Beijing time (Asia/Shanghai, rule 9). */
  time: string;
  /** When the act happened (business time), the same way. */
  occurred: string;
  /** 补录 with the delay when recorded more than an hour after it happened; empty otherwise. */
  late: string;
  agency: string;
  user: string;
  label: string;
  summary: string;
  /** Issue 13.6: the money the act carries, by kind (工资 ¥42,000.00；押金 ¥3,000.00); empty when none. */
  money: string;
  hash: string;
}

/** The columns, in Chinese only as on the screen; the printout explains 版本 and 全局位置 above its table. */
export const PEOPLE_COLUMNS: readonly { key: keyof PeopleRow; title: string; width: number }[] = [
  { key: 'caseNumber', title: '案号', width: 28 },
  { key: 'position', title: '全局位置', width: 10 },
  { key: 'revision', title: '版本', width: 8 },
  { key: 'time', title: '记录时间（北京时间）', width: 20 },
  { key: 'occurred', title: '发生时间（北京时间）', width: 20 },
  { key: 'late', title: '补录', width: 14 },
  { key: 'agency', title: '机构', width: 22 },
  { key: 'user', title: '经办人', width: 16 },
  { key: 'label', title: '事件', width: 18 },
  { key: 'summary', title: '摘要', width: 70 },
  { key: 'money', title: '款项', width: 36 },
  { key: 'hash', title: '哈希（SHA-256 或 SM3）', width: 66 },
];

/** Money is kept in fen (rule 9) and read in yuan: amountClaimedFen 107246 → 请求金额：¥1,072.46. */
const moneyField = (key: string, value: unknown): string | null =>
  key.endsWith('Fen') && typeof value === 'number' && Number.isInteger(value) ? `${FIELD_WORDS[key] ?? '金额'}：${yuan(value)}` : null;

/**
 * A line about the event's content, whole (never cut off): its own `summary` when it has one,
 * then its other fields by their Chinese names. Ids are left out (the hash already pins the
 * event) and personal fields are masked before anything is read, so no clear text or ciphertext
 * can reach the line.
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
    const words = listWords(key, value) ?? valueWords(key, value);
    if (money !== null) parts.push(money);
    else if (words !== null && words !== '') parts.push(`${FIELD_WORDS[key] ?? '其他'}：${words}`);
  }
  return parts.join('；');
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
      parts.push(`${kind} ${yuan(item.amountFen)}`);
    }
  }
  return parts.join('；');
}
/**
 * A HandlerAssigned as people read it (承办人, issue 13.5): who handles the case for which agency,
 * from whom when it was reassigned, who assigned it, and the note; by name, never by user id.
 */
export function handlerSummary(data: unknown): string {
  const d = data as { agency?: unknown; handler?: Person; previous?: Person; assignedBy?: Person; note?: unknown };
  const who = (p: Person | undefined) => (typeof p?.displayName === 'string' && p.displayName !== '' ? p.displayName : UNKNOWN_USER);
  const agency = agencyIdSchema.safeParse(d.agency);
  const of = agency.success ? agencyNames[agency.data].zh : String(d.agency ?? '');
  const parts = [
    d.previous ? `变更承办人：${who(d.previous)} → ${who(d.handler)}` : `承办人：${who(d.handler)}`,
    `机构：${of}`,
    `指定人：${who(d.assignedBy)}`,
    ...(typeof d.note === 'string' ? [`说明：${d.note}`] : []),
  ];
  return parts.join('；');
}
type Person = { userId?: unknown; displayName?: unknown };

/** How long after it happened an act was recorded, as people say it: 5小时20分. */
export function delayWords(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  return `${days > 0 ? `${days}天` : ''}${hours > 0 ? `${hours}小时` : ''}${rest > 0 || minutes === 0 ? `${rest}分` : ''}`;
}

/** Who recorded an act when the event does not name the person (events before names were recorded). */
export const UNKNOWN_USER = '未知用户';

/**
 * Who recorded it as people read it: a person by the name the event's metadata carries (the
 * signed-in user's display name), a machine client as 系统接口·<its name>; never a user id —
 * 未知用户 when the event names nobody.
 */
export function recorderWords(metadata: RecordedEvent['metadata']): string {
  const machine = machineActorOf(metadata);
  if (machine) return `系统接口·${machine.name ?? '未命名客户端'}`;
  const userName = metadata['userName'];
  return typeof userName === 'string' && userName.trim() !== '' ? userName : UNKNOWN_USER;
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
    time: beijingTime(event.metadata.recordedAt),
    occurred: beijingTime(occurredAtOf(event.metadata)),
    late: recordedLate(event.metadata) ? `补录（晚 ${delayWords(recordingDelayMs(event.metadata))}）` : '',
    agency: agency.success ? agencyNames[agency.data].zh : String(event.metadata['agency'] ?? ''),
    user: recorderWords(event.metadata),
    label: label.zh,
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
