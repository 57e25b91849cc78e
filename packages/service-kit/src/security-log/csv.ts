import { agencyIds, agencyNames, type AgencyId } from '@hub/contracts';
import { SECURITY_KINDS, SECURITY_OUTCOMES, type SecurityEntry } from './kinds.js';

export const SECURITY_CSV_HEADERS = [
  '序号',
  '时间（北京时间）',
  '事件',
  '结果',
  '操作人',
  '操作人编号',
  '所属机构',
  '对象',
  '来源地址',
  '转发来源',
  '详情',
  '哈希',
] as const;

/** 2026年12月7日 09:30 — Beijing time (UTC+8 all year: China keeps no daylight saving). */
export function beijingTime(iso: string): string {
  const t = new Date(new Date(iso).getTime() + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月${t.getUTCDate()}日 ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`;
}

const agencyWord = (agency: string | null): string =>
  agency === null ? '' : (agencyIds as readonly string[]).includes(agency) ? agencyNames[agency as AgencyId].zh : agency;

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ (or tab/CR)
 * gets a ' in front, so a spreadsheet never runs what a failed sign-in typed as its username.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function securityLogCsvRow(e: SecurityEntry): string {
  return [
    String(e.seq),
    beijingTime(e.at),
    SECURITY_KINDS[e.kind] ?? e.kind,
    SECURITY_OUTCOMES[e.outcome] ?? e.outcome,
    e.actor.name ?? (typeof e.detail['username'] === 'string' ? `（尝试的用户名）${e.detail['username']}` : ''),
    e.actor.userId ?? '',
    agencyWord(e.actor.agency),
    e.subject,
    e.sourceIp ?? '',
    e.forwardedFor ?? '',
    Object.keys(e.detail).length > 0 ? JSON.stringify(e.detail) : '',
    e.hash,
  ]
    .map(csvField)
    .join(',');
}

/** The whole file: a UTF-8 byte-order mark (so Excel reads the Chinese), the headers, one line per entry, CRLF. */
export function securityLogCsv(entries: Iterable<SecurityEntry>): string {
  const lines = [SECURITY_CSV_HEADERS.join(',')];
  for (const e of entries) lines.push(securityLogCsvRow(e));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
