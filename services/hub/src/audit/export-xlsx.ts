import writeXlsxFile, { type Row, type Sheet } from 'write-excel-file/node';
import { DOCUMENT_COLUMNS, documentCells, type DocumentRow } from './export-documents.js';
import { neutralize, PEOPLE_COLUMNS, type PeopleRow } from './export-rows.js';
import { agencyWords, beijingTime, CHECK_WORDS } from './export-words.js';
import type { Verification } from './verify.js';

const text = (value: string) => ({ value: neutralize(value), type: String });
const header = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });

/**
 * Three sheets, named in Chinese: 事件 (one row each, as in the CSV), 核验 (the verification result) and 材料 (the documents). Every cell
 * is written as text — positions and revisions too, as they may pass 2^53 — and neutralized like
 * the CSV, since a spreadsheet is where a formula in event text would run.
 */
export async function exportXlsx(rows: readonly PeopleRow[], verification: Verification, documents: readonly DocumentRow[] = []): Promise<Buffer> {
  const events: Row[] = [PEOPLE_COLUMNS.map((c) => header(c.title)), ...rows.map((row) => PEOPLE_COLUMNS.map((c) => text(row[c.key])))];
  const problems: Row[] = [
    [header('核验结果'), text(verification.ok ? '通过' : '未通过')],
    [header('核验时间（北京时间）'), text(beijingTime(verification.verifiedAt))],
    [],
    ['检查项', '级别', '版本', '机构', '说明'].map(header),
    ...verification.problems.map((p) =>
      [CHECK_WORDS[p.check] ?? p.check, p.severity === 'failure' ? '问题' : '提示', p.revision ?? '', p.agency ? agencyWords(p.agency) : '', p.detail].map(
        text,
      ),
    ),
  ];
  const sheets: Sheet<Buffer>[] = [
    { data: events, sheet: '事件', columns: PEOPLE_COLUMNS.map((c) => ({ width: c.width })), stickyRowsCount: 1 },
    {
      data: problems,
      sheet: '核验',
      columns: [{ width: 22 }, { width: 10 }, { width: 10 }, { width: 22 }, { width: 80 }],
    },
    {
      data: [DOCUMENT_COLUMNS.map((c) => header(c.title)), ...documentCells(documents).map((row) => row.map((value) => ({ value, type: String })))],
      sheet: '材料',
      columns: DOCUMENT_COLUMNS.map((c) => ({ width: c.width })),
      stickyRowsCount: 1,
    },
  ];
  return writeXlsxFile(sheets).toBuffer();
}
