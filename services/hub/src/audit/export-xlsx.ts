import writeXlsxFile, { type Row, type Sheet } from 'write-excel-file/node';
import { DOCUMENT_COLUMNS, documentCells, type DocumentRow } from './export-documents.js';
import { neutralize, PEOPLE_COLUMNS, type PeopleRow } from './export-rows.js';
import type { Verification } from './verify.js';

const text = (value: string) => ({ value: neutralize(value), type: String });
const header = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });

/**
 * Two sheets: the events (one row each, as in the CSV) and the verification result. Every cell
 * is written as text — positions and revisions too, as they may pass 2^53 — and neutralized like
 * the CSV, since a spreadsheet is where a formula in event text would run.
 */
export async function exportXlsx(rows: readonly PeopleRow[], verification: Verification, documents: readonly DocumentRow[] = []): Promise<Buffer> {
  const events: Row[] = [PEOPLE_COLUMNS.map((c) => header(c.title)), ...rows.map((row) => PEOPLE_COLUMNS.map((c) => text(row[c.key])))];
  const problems: Row[] = [
    [header('核验结果 Result'), text(verification.ok ? '通过 Verified' : '未通过 FAILED')],
    [header('核验时间 Verified at (UTC)'), text(verification.verifiedAt)],
    [],
    ['检查 Check', '级别 Severity', '类型 Kind', '版本 Revision', '机构 Agency', '说明', 'Detail'].map(header),
    ...verification.problems.map((p) => [p.check, p.severity, p.kind, p.revision ?? '', p.agency ?? '', p.detail, p.detailEn].map(text)),
  ];
  const sheets: Sheet<Buffer>[] = [
    { data: events, sheet: '事件 Events', columns: PEOPLE_COLUMNS.map((c) => ({ width: c.width })), stickyRowsCount: 1 },
    {
      data: problems,
      sheet: '核验 Verification',
      columns: [{ width: 26 }, { width: 12 }, { width: 22 }, { width: 10 }, { width: 14 }, { width: 60 }, { width: 60 }],
    },
    {
      data: [DOCUMENT_COLUMNS.map((c) => header(c.title)), ...documentCells(documents).map((row) => row.map((value) => ({ value, type: String })))],
      sheet: '材料 Documents',
      columns: DOCUMENT_COLUMNS.map((c) => ({ width: c.width })),
      stickyRowsCount: 1,
    },
  ];
  return writeXlsxFile(sheets).toBuffer();
}
