import { documentsHtml, type DocumentRow } from './export-documents.js';
import { PEOPLE_COLUMNS, UNNUMBERED, type PeopleRow } from './export-rows.js';
import { agencyWords, beijingTime, CHECK_WORDS } from './export-words.js';
import type { Verification } from './verify.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** No scripts, nothing fetched: the page's own policy says so, so a printed or saved copy runs nothing either. */
export const HTML_EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const STYLE = `
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 9pt; color: #111; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm; text-align: center; } h2 { font-size: 11pt; margin: 5mm 0 2mm; }
.terms { color: #444; font-size: 8pt; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; }
th, td { border: 0.3mm solid #999; padding: 1mm 1.5mm; vertical-align: top; word-wrap: break-word; overflow-wrap: anywhere; }
th { background: #eee; text-align: left; }
thead { display: table-header-group; } tr { page-break-inside: avoid; }
.hash { font-family: monospace; font-size: 7pt; }
.ok { color: #0a6b2d; font-weight: bold; } .fail { color: #b00020; font-weight: bold; }
.notice td { color: #555; }
`;

/** Widths that add up to the A4 landscape page: the summary has the room, the hash wraps in small type. */
const WIDTHS: Partial<Record<keyof PeopleRow, string>> = {
  position: '5%',
  revision: '4%',
  time: '10%',
  occurred: '10%',
  late: '5%',
  agency: '7%',
  user: '7%',
  label: '7%',
  summary: '25%',
  money: '8%',
  hash: '12%',
};

/** "The witnesses agree" only when an agency's own copy was held against the store's records. */
function verdictOf(v: Verification): string {
  if (!v.ok) return '<p class="fail">核验未通过：见下列问题。</p>';
  if (v.checks.witnesses.compared.length > 0) return '<p class="ok">核验通过：哈希链完整、签名有效、见证一致。</p>';
  return (
    '<p class="ok">核验通过：哈希链完整、签名有效，与存储中的见证记录无矛盾。</p>' +
    '<p class="fail">但未比对任何机构的自存见证副本：在存储自身见证记录之后的截断将无法发现。</p>'
  );
}

function verificationSection(v: Verification): string {
  const verdict = verdictOf(v);
  const c = v.checks;
  const facts =
    `<p>事件 ${c.chain.events} 件；签名记录 ${c.signatures.records} 条；见证记录：存储中 ${c.witnesses.records.store} 条，机构自存副本 ${c.witnesses.records.agencyCopies} 条；` +
    `已比对机构：${escapeHtml(c.witnesses.compared.map(agencyWords).join('、') || '无')}。核验时间：${escapeHtml(beijingTime(v.verifiedAt))}（北京时间）。</p>`;
  if (v.problems.length === 0) return verdict + facts;
  const rows = v.problems
    .map(
      (p) =>
        `<tr class="${p.severity}"><td>${escapeHtml(CHECK_WORDS[p.check] ?? p.check)}</td><td>${p.severity === 'failure' ? '问题' : '提示'}</td>` +
        `<td>${escapeHtml(p.revision ?? '')}</td><td>${escapeHtml(p.agency ? agencyWords(p.agency) : '')}</td><td>${escapeHtml(p.detail)}</td></tr>`,
    )
    .join('\n');
  return `${verdict}${facts}<table><thead><tr><th style="width:10%">检查项</th><th style="width:8%">级别</th><th style="width:7%">版本</th><th style="width:15%">机构</th><th>说明</th></tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

/** The printable page, in Chinese as the screen reads: the verification result, then the timeline; A4 landscape, no scripts. */
export function exportHtml(
  rows: readonly PeopleRow[],
  verification: Verification,
  exportedAt: Date,
  documents: readonly DocumentRow[] = [],
  caseNumber: string | null = null,
): string {
  // The number heads the page; the table leaves out its column, the same on every row.
  const columns = PEOPLE_COLUMNS.filter((c) => c.key !== 'caseNumber');
  const head = columns.map((c) => `<th style="width:${WIDTHS[c.key] ?? 'auto'}">${escapeHtml(c.title)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${columns.map((c) => `<td${c.key === 'hash' ? ' class="hash"' : ''}>${escapeHtml(r[c.key])}</td>`).join('')}</tr>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>案件审计报告 ${escapeHtml(caseNumber ?? UNNUMBERED)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>劳动案件审计报告</h1>
<p>案号：<strong class="case-number">${escapeHtml(caseNumber ?? UNNUMBERED)}</strong><br>导出时间：${escapeHtml(beijingTime(exportedAt.toISOString()))}（北京时间）<br>
个人信息已遮蔽；如需核验，请用离线核验工具核对同一案件的 JSON 导出文件。</p>
<h2>核验结果</h2>
${verificationSection(verification)}
<h2>案件时间线</h2>
<p class="terms">版本：本案件的第几个事件；全局位置：该事件在全部案件记录中的顺序号；哈希：该事件内容的指纹，与前一事件的哈希相连，任何改动都会使其不符。</p>
<table><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<h2>证据材料</h2>
${documentsHtml(documents)}
</body>
</html>
`;
}
