/**
 * The documents of a case as the audit export lists them: one line per DocumentAttached, with
 * the SHA-256, size, type and name the signed event holds, and one per letter issued as a PDF
 * (SupervisionLetterIssued v2's `document`, named by its 文号 as its download is). The offline
 * verifier does not trust this list: it reads the documents from the events it has verified
 * (services/hub/verifier).
 */
import { agencyIdSchema, agencyNames, documentKinds, documentMediaTypes, isEventType, readCatalogEvent } from '@hub/contracts';
import type { RecordedEvent } from '@hub/event-store';
import { escapeHtml } from './export-html.js';
import { neutralize } from './export-rows.js';
import { beijingTime } from './export-words.js';

/** In the JSON export: what the event says, the name only when it is not personal data (else null). */
export interface ExportedDocument {
  documentId: string;
  eventId: string;
  revision: string;
  actEventId: string | null;
  kind: string;
  fileName: string | null;
  mediaType: string;
  size: number;
  sha256: string;
  attachedBy: string;
  recordedAt: string;
  personal: boolean;
}

export function exportedDocuments(events: readonly RecordedEvent[]): ExportedDocument[] {
  const out: ExportedDocument[] = [];
  for (const e of events) {
    if ((e.type !== 'DocumentAttached' && e.type !== 'SupervisionLetterIssued') || !isEventType(e.type)) continue;
    let event;
    try {
      event = readCatalogEvent(e);
    } catch {
      // An event that does not read is the verification's finding, not the list's.
      continue;
    }
    if (event.type === 'SupervisionLetterIssued') {
      const letter = event.data;
      if (!letter.document || letter.documentNo === undefined) continue;
      out.push({
        documentId: letter.letterId,
        eventId: e.id,
        revision: e.revision.toString(),
        actEventId: e.id,
        kind: LETTER_KIND,
        fileName: `${letter.documentNo}.pdf`,
        mediaType: 'application/pdf',
        size: letter.document.size,
        sha256: letter.document.sha256,
        attachedBy: letter.issuedBy,
        recordedAt: e.metadata.recordedAt,
        personal: false,
      });
      continue;
    }
    if (event.type !== 'DocumentAttached') continue;
    const d = event.data;
    out.push({
      documentId: d.documentId,
      eventId: e.id,
      revision: e.revision.toString(),
      actEventId: d.actEventId ?? null,
      kind: d.kind,
      fileName: typeof d.fileName === 'string' ? d.fileName : null,
      mediaType: d.mediaType,
      size: d.size,
      sha256: d.sha256,
      attachedBy: d.attachedBy,
      recordedAt: e.metadata.recordedAt,
      personal: d.personal !== undefined,
    });
  }
  return out;
}

const PERSONAL_NAME = '（含个人信息，文件名已加密）';
/** The kind of a letter's PDF in the list (not a DocumentAttached kind). */
const LETTER_KIND = 'official_letter';

/** One document as people read it: in the CSV's event summary, the spreadsheet and the printable page. */
export interface DocumentRow {
  revision: string;
  time: string;
  agency: string;
  kind: string;
  fileName: string;
  mediaType: string;
  size: string;
  sha256: string;
}

export const DOCUMENT_COLUMNS: readonly { key: keyof DocumentRow; title: string; width: number }[] = [
  { key: 'revision', title: '版本', width: 8 },
  { key: 'time', title: '时间（北京时间）', width: 20 },
  { key: 'agency', title: '上传机构', width: 16 },
  { key: 'kind', title: '类别', width: 14 },
  { key: 'fileName', title: '文件名', width: 32 },
  { key: 'mediaType', title: '类型', width: 18 },
  { key: 'size', title: '大小（字节）', width: 14 },
  { key: 'sha256', title: '文件哈希（SHA-256）', width: 66 },
];

export function documentRows(events: readonly RecordedEvent[]): DocumentRow[] {
  return exportedDocuments(events).map((d) => {
    const agency = agencyIdSchema.safeParse(d.attachedBy);
    const kind = documentKinds.labels[d.kind as keyof typeof documentKinds.labels];
    const type = documentMediaTypes.labels[d.mediaType as keyof typeof documentMediaTypes.labels];
    return {
      revision: d.revision,
      time: beijingTime(d.recordedAt),
      agency: agency.success ? agencyNames[agency.data].zh : d.attachedBy,
      kind: d.kind === LETTER_KIND ? '发出文书' : kind ? kind.zh : d.kind,
      fileName: d.fileName ?? PERSONAL_NAME,
      mediaType: type ? type.zh : d.mediaType,
      size: String(d.size),
      sha256: d.sha256,
    };
  });
}

/** The summary of a DocumentAttached row in the event table: short enough that the file's hash is never cut off. */
export function documentSummary(data: unknown): string {
  const d = data as { fileName?: unknown; size?: unknown; sha256?: unknown; kind?: unknown };
  const name = typeof d.fileName === 'string' ? d.fileName : PERSONAL_NAME;
  return `${name}；大小：${String(d.size)} 字节；文件哈希：${String(d.sha256)}`;
}

export function documentsHtml(rows: readonly DocumentRow[]): string {
  if (rows.length === 0) return '<p>本案件没有上传材料。</p>';
  const head = DOCUMENT_COLUMNS.map((c) => `<th>${escapeHtml(c.title)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${DOCUMENT_COLUMNS.map((c) => `<td${c.key === 'sha256' ? ' class="hash"' : ''}>${escapeHtml(r[c.key])}</td>`).join('')}</tr>`)
    .join('\n');
  return (
    '<p>可用离线核验工具（加 --documents 参数指定文件夹）核对手中文件与下列哈希是否一致。</p>' +
    `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`
  );
}

/** Spreadsheet cells of the documents sheet, neutralized like every cell of user text. */
export function documentCells(rows: readonly DocumentRow[]): string[][] {
  return rows.map((r) => DOCUMENT_COLUMNS.map((c) => neutralize(r[c.key])));
}
