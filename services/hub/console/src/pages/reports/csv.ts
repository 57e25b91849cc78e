/**
 * The month's figures as CSV, built in the browser from the report's JSON: UTF-8 with a BOM (so
 * Excel reads the Chinese), CRLF line ends, RFC 4180 quoting. Words in the reader's language;
 * counts as plain numbers so a spreadsheet can sum them; money twice, formatted and in fen.
 */
import { categories, channels, letterKinds, resolutions } from '@hub/contracts';
import type { Breakdown, MonthlyReport } from '@hub/hub-service/wire';
import { formatMoney, formatMonth, formatPercent, type Label, type Lang } from '../../app/i18n.tsx';
import { regionLabel, vocabularyLabel } from './reportText.ts';

type Cell = string | number;

function quote(cell: Cell): string {
  const text = String(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}

export function monthlyCsvRows(report: MonthlyReport, lang: Lang): Cell[][] {
  const t = (label: Label | string, en?: string) => (typeof label === 'string' ? (lang === 'zh' ? label : (en ?? label)) : label[lang]);
  const breakdown = (section: Label, labels: Parameters<typeof vocabularyLabel>[0], rows: readonly Breakdown[]): Cell[][] =>
    rows.map((row) => [t(section), t(vocabularyLabel(labels, row)), row.count]);
  const settled = report.settledAtNegotiationOrMediation;
  const mediation = report.mediationSuccess;
  const deadlineColumns: [Label, 'due' | 'metOnTime' | 'metLate' | 'notMet'][] = [
    [{ zh: '本月到期', en: 'due' }, 'due'],
    [{ zh: '按期完成', en: 'met on time' }, 'metOnTime'],
    [{ zh: '逾期完成', en: 'met late' }, 'metLate'],
    [{ zh: '尚未完成', en: 'not met' }, 'notMet'],
  ];
  return [
    [t('劳动维权协同月度报表', 'Labor case hub monthly report')],
    [t('月份', 'Month'), formatMonth(report.month, lang), report.month],
    [t('行政区划', 'Region'), t(regionLabel(report.region)), report.region ?? ''],
    [],
    [t('报表项', 'Figure'), t('分项', 'Item'), t('数值', 'Value')],
    [t(report.casesOpened.label), t('合计', 'Total'), report.casesOpened.total],
    ...breakdown({ zh: '受理案件·按来源渠道', en: 'Cases opened by channel' }, channels.labels, report.casesOpened.byChannel),
    ...breakdown({ zh: '受理案件·按案件类别', en: 'Cases opened by category' }, categories.labels, report.casesOpened.byCategory),
    [t(report.casesClosed.label), t('合计', 'Total'), report.casesClosed.total],
    ...breakdown({ zh: '销号案件·按办结方式', en: 'Cases closed by resolution' }, resolutions.labels, report.casesClosed.byResolution),
    [t(settled.label), t('比率', 'Ratio'), formatPercent(settled.ratio, lang)],
    [t(settled.label), t('协商、调解解决', 'Settled by negotiation or mediation'), settled.settled],
    [t(settled.label), t('销号案件', 'Cases closed'), settled.closed],
    [t(mediation.label), t('比率', 'Ratio'), formatPercent(mediation.ratio, lang)],
    [t(mediation.label), t('调解成功', 'Successful'), mediation.successful],
    [t(mediation.label), t('调解不成', 'Failed'), mediation.failed],
    [t(mediation.label), t('调解终结', 'Concluded'), mediation.concluded],
    [t(report.lettersIssued.label), t('合计', 'Total'), report.lettersIssued.total],
    ...breakdown({ zh: '监督文书·按文书种类', en: 'Letters by kind' }, letterKinds.labels, report.lettersIssued.byKind),
    [t('追回金额', 'Money recovered'), t('金额', 'Amount'), formatMoney(report.moneyRecovered.fen)],
    [t('追回金额', 'Money recovered'), t('金额（分）', 'Amount (fen)'), report.moneyRecovered.fen],
    ...report.moneyByKind.byKind.flatMap((row) =>
      (
        [
          ['claimedFen', t('请求金额（分）', 'Claimed (fen)')],
          ['agreedFen', t('调解协议金额（分）', 'Agreed (fen)')],
          ['awardedFen', t('裁决及判决金额（分）', 'Awarded (fen)')],
          ['recoveredFen', t('追回金额（分）', 'Recovered (fen)')],
        ] as const
      ).map(([field, label]): Cell[] => [`${t('款项·按种类', 'Money by kind')}·${t(row.label)}`, label, row[field]]),
    ),
    ...report.deadlines.byKind.flatMap((kind) =>
      deadlineColumns.map(([label, field]) => [`${t(report.deadlines.label)}·${t(kind.label)}`, t(label), kind[field]]),
    ),
  ];
}

/** Hands the text to the browser as a file download. */
export function download(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
