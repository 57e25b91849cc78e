/**
 * 案号 in what the audit hands out: the number read from the case's own signed CaseNumberAssigned
 * event (not from a read model), and the download's file name made of it. docs/case-numbers.md.
 */
import type { RecordedEvent } from '@hub/event-store';

/** The case's 案号 as its events record it (the last CaseNumberAssigned for this case), or null before numbering. */
export function caseNumberOf(events: readonly RecordedEvent[], caseId: string): string | null {
  let found: string | null = null;
  for (const e of events) {
    if (e.type !== 'CaseNumberAssigned') continue;
    const data = e.data as { caseId?: unknown; caseNumber?: unknown } | null;
    if (data?.caseId === caseId && typeof data.caseNumber === 'string' && data.caseNumber !== '') found = data.caseNumber;
  }
  return found;
}

/** Characters no common file system (Windows, macOS, Linux) takes in a name; control characters are checked by code. */
const UNSAFE = /[\\/:*?"<>|]/g;
const control = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
const MAX_NAME = 120;

/**
 * A name any file system takes: what Windows, macOS or Linux refuse becomes _, no leading or
 * trailing dots and spaces, at most 120 characters (code points, so a 汉字 is never cut in half).
 * 〔〕 and the other Chinese punctuation stay as they are.
 */
export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((c) => (control(c) ? '_' : c))
    .join('')
    .replace(UNSAFE, '_')
    .replace(/^[.\s]+|[.\s]+$/g, '');
  const points = [...cleaned];
  return (points.length > MAX_NAME ? points.slice(0, MAX_NAME).join('') : cleaned) || '_';
}

/** RFC 5987 value-chars: UTF-8, percent-encoded but for attr-char (encodeURIComponent leaves ' ( ) * as they are). */
const rfc5987 = (value: string): string => encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const plainAscii = /^[\x20-\x7e]*$/;

/**
 * A Content-Disposition header naming the file: a plain ASCII name as `filename="…"` alone; any
 * other name as `filename*=UTF-8''…` (RFC 6266 / RFC 5987, which browsers prefer) after an ASCII
 * `filename="…"` fallback for clients that read only that.
 */
export function contentDisposition(disposition: 'inline' | 'attachment', filename: string, asciiFallback: string): string {
  const quoted = (s: string) => s.replace(/["\\]/g, '_');
  if (plainAscii.test(filename)) return `${disposition}; filename="${quoted(filename)}"`;
  return `${disposition}; filename="${quoted(asciiFallback)}"; filename*=UTF-8''${rfc5987(filename)}`;
}
