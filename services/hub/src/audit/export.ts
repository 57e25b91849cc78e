import type { Viewer } from '../access.js';
import { storedJson } from './case.js';
import { documentRows, exportedDocuments } from './export-documents.js';
import { exportHtml } from './export-html.js';
import { neutralize, PEOPLE_COLUMNS, peopleRow, type PeopleRow } from './export-rows.js';
import { exportXlsx } from './export-xlsx.js';
import { caseNumberOf, safeFileName } from './file-name.js';
import type { AuditMaterial } from './material.js';
import type { Verification } from './verify.js';

export const EXPORT_FORMAT = 'labor-hub-audit/1';
export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportFile {
  contentType: string;
  /** What people see: the 案号 and what the file is (〔2026〕浙0106工维字第12号-审计导出.csv), or case-<id>.… before numbering. */
  filename: string;
  /** For clients that read only an ASCII filename: case-<caseId>.… */
  asciiFilename: string;
  /** `inline` for the printable page, which is meant to open in the browser; `attachment` otherwise. */
  disposition: 'inline' | 'attachment';
  body: Buffer | string;
}

/**
 * The self-contained proof file the offline verifier reads (services/hub/verifier): every event
 * exactly as stored (personal fields stay the encrypted envelopes they are, since they are
 * hashed; each append's proof inline), the EventsSigned records over the stream (the signatures
 * of events written before issue 12.2), the witness records naming it (as proofs: other cases
 * appear only as leaf digests), and the trusted keys of every agency involved. The
 * hub's own verdict rides along for reading; the verifier recomputes everything itself.
 */
export function exportJson(material: AuditMaterial, verification: Verification, exportedAt: Date, viewer: Viewer): object {
  const involved = new Set<string>();
  for (const e of material.events) if (typeof e.metadata['agency'] === 'string') involved.add(e.metadata['agency']);
  for (const s of material.signatures) involved.add(s.stream.replace(/^signatures-/, ''));
  for (const w of material.witnesses) involved.add(w.agency);
  return {
    format: EXPORT_FORMAT,
    caseId: material.caseId,
    // For reading (the verifier reads the number from the signed CaseNumberAssigned event and checks this against it).
    caseNumber: caseNumberOf(material.events, material.caseId),
    stream: material.stream,
    exportedAt: exportedAt.toISOString(),
    exportedBy: { agency: viewer.agency, userId: viewer.userId },
    events: material.events.map(storedJson),
    // For reading; the verifier derives the documents from the verified events, not from this list.
    documents: exportedDocuments(material.events),
    signatures: material.signatures.map(storedJson),
    witnesses: material.witnesses,
    publicKeys: material.keys.filter((k) => involved.has(k.agency)),
    verification,
  };
}

const csvCell = (value: string): string => {
  const safe = neutralize(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** RFC 4180 with CRLF, UTF-8 with a BOM so Excel reads the Chinese right. */
export function exportCsv(rows: readonly PeopleRow[]): string {
  const lines = [PEOPLE_COLUMNS.map((c) => csvCell(c.title)).join(',')];
  for (const row of rows) lines.push(PEOPLE_COLUMNS.map((c) => csvCell(row[c.key])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function exportFile(
  format: ExportFormat,
  material: AuditMaterial,
  verification: Verification,
  exportedAt: Date,
  viewer: Viewer,
): Promise<ExportFile> {
  const caseNumber = caseNumberOf(material.events, material.caseId);
  const ascii = `case-${material.caseId}`;
  const named = (what: '审计导出' | '审计报告', extension: string) => ({
    filename: caseNumber ? `${safeFileName(`${caseNumber}-${what}`)}.${extension}` : `${ascii}.${extension}`,
    asciiFilename: `${ascii}.${extension}`,
  });
  const rows = material.events.map((e) => peopleRow(e, caseNumber));
  switch (format) {
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        filename: caseNumber ? named('审计导出', 'json').filename : `${ascii}.audit.json`,
        asciiFilename: `${ascii}.audit.json`,
        disposition: 'attachment',
        body: `${JSON.stringify(exportJson(material, verification, exportedAt, viewer), null, 2)}\n`,
      };
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', ...named('审计导出', 'csv'), disposition: 'attachment', body: exportCsv(rows) };
    case 'xlsx':
      return {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        ...named('审计导出', 'xlsx'),
        disposition: 'attachment',
        body: await exportXlsx(rows, verification, documentRows(material.events)),
      };
    case 'html':
      return {
        contentType: 'text/html; charset=utf-8',
        ...named('审计报告', 'html'),
        disposition: 'inline',
        body: exportHtml(rows, verification, exportedAt, documentRows(material.events), caseNumber),
      };
  }
}
