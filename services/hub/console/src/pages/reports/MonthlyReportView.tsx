/** The month's report: key figures as cards, then one chart (with its table) per breakdown. */
import { categories, channels, letterKinds, resolutions } from '@hub/contracts';
import type { Breakdown, MonthlyReport } from '@hub/hub-service/wire';
import { formatMoney, formatNumber, formatPercent, useI18n, type Label } from '../../app/i18n.tsx';
import { ChartBlock, type BlockRow, type BlockSeries } from './ChartBlock.tsx';
import { vocabularyLabel } from './reportText.ts';

const COUNT: BlockSeries[] = [{ key: 'count', label: { zh: '数量', en: 'Count' }, tone: 'accent' }];

const DEADLINE_SERIES: BlockSeries[] = [
  { key: 'metOnTime', label: { zh: '按期完成', en: 'Met on time' }, tone: 'good' },
  { key: 'metLate', label: { zh: '逾期完成', en: 'Met late' }, tone: 'bad' },
  { key: 'notMet', label: { zh: '尚未完成', en: 'Not met yet' }, tone: 'pending' },
];

function countRows(rows: readonly Breakdown[], labels?: { readonly [key: string]: Label }): BlockRow[] {
  return rows.map((row) => ({ key: row.key, label: vocabularyLabel(labels, row), values: { count: row.count } }));
}

/** The case list filtered to the cases a chart of cases opened in the report's month (and region) counts. */
export function casesOpenedIn(report: Pick<MonthlyReport, 'month' | 'region'>, filter: Record<string, string>): string {
  const [year, month] = report.month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const params = new URLSearchParams({ ...filter, openedFrom: `${report.month}-01`, openedTo: `${report.month}-${String(lastDay).padStart(2, '0')}` });
  if (report.region) params.set('region', report.region);
  return `/cases?${params}`;
}

/** The case list filtered to the cases behind a bar of one of the report's other charts (the hub's reports read model knows them). */
export function casesBehind(
  report: Pick<MonthlyReport, 'month' | 'region'>,
  chart: 'closed' | 'letters' | 'mediations' | 'deadlines',
  key: string,
  series?: string,
): string {
  const params = new URLSearchParams({ report: chart, reportPeriod: report.month, reportKey: key });
  if (series) params.set('reportSeries', series);
  if (report.region) params.set('region', report.region);
  return `/cases?${params}`;
}

interface Figure {
  readonly key: string;
  readonly label: Label;
  readonly value: string;
  readonly detail?: string;
}

export function MonthlyReportView({ report, showTable }: { report: MonthlyReport; showTable: boolean }) {
  const { t, lang } = useI18n();
  const n = (value: number) => formatNumber(value, lang);
  const unit = (zh: string) => (lang === 'zh' ? ` ${zh}` : '');
  const settled = report.settledAtNegotiationOrMediation;
  const mediation = report.mediationSuccess;
  const deadlines = report.deadlines.byKind.reduce(
    (sum, d) => ({ due: sum.due + d.due, onTime: sum.onTime + d.metOnTime, late: sum.late + d.metLate, notMet: sum.notMet + d.notMet }),
    { due: 0, onTime: 0, late: 0, notMet: 0 },
  );

  const figures: Figure[] = [
    { key: 'opened', label: report.casesOpened.label, value: n(report.casesOpened.total) + unit('件') },
    { key: 'closed', label: report.casesClosed.label, value: n(report.casesClosed.total) + unit('件') },
    {
      key: 'settled',
      label: settled.label,
      value: formatPercent(settled.ratio, lang),
      detail: t(
        `销号 ${n(settled.closed)} 件中协商、调解解决 ${n(settled.settled)} 件`,
        `${n(settled.settled)} of ${n(settled.closed)} closings settled by negotiation or mediation`,
      ),
    },
    {
      key: 'mediation',
      label: mediation.label,
      value: formatPercent(mediation.ratio, lang),
      detail: t(
        `调解终结 ${n(mediation.concluded)} 件，成功 ${n(mediation.successful)} 件`,
        `${n(mediation.successful)} of ${n(mediation.concluded)} concluded mediations successful`,
      ),
    },
    { key: 'money', label: { zh: '追回金额', en: 'Money recovered' }, value: formatMoney(report.moneyRecovered.fen) },
    {
      key: 'deadlines',
      label: { zh: '期限：按期完成 / 逾期完成', en: 'Deadlines: met on time / late' },
      value: `${n(deadlines.onTime)} / ${n(deadlines.late)}`,
      detail: t(
        `本月到期 ${n(deadlines.due)} 项，尚未完成 ${n(deadlines.notMet)} 项`,
        `${n(deadlines.due)} due this month, ${n(deadlines.notMet)} not met yet`,
      ),
    },
    { key: 'letters', label: report.lettersIssued.label, value: n(report.lettersIssued.total) + unit('份') },
  ];

  return (
    <>
      <h3 className="visually-hidden">{t('关键指标', 'Key figures')}</h3>
      <dl className="report-figures">
        {figures.map((f) => (
          <div className={`card report-figure report-figure-${f.key}`} key={f.key}>
            <dt>{t(f.label)}</dt>
            <dd className="report-figure-value">{f.value}</dd>
            {f.detail ? <dd className="report-figure-detail muted">{f.detail}</dd> : null}
          </div>
        ))}
      </dl>
      <div className="report-charts">
        <ChartBlock
          showTable={showTable}
          title={{ zh: '受理案件 · 按来源渠道', en: 'Cases opened by channel' }}
          rows={countRows(report.casesOpened.byChannel, channels.labels)}
          linkOf={(key) => casesOpenedIn(report, { channel: key })}
          series={COUNT}
        />
        <ChartBlock
          showTable={showTable}
          title={{ zh: '受理案件 · 按案件类别', en: 'Cases opened by category' }}
          note={{
            zh: '一案涉及多个类别的，在每个类别下各计一次，故各类别之和可能大于受理案件数。',
            en: 'A case of several categories counts once under each, so the categories may add up to more than the cases opened.',
          }}
          rows={countRows(report.casesOpened.byCategory, categories.labels)}
          linkOf={(key) => casesOpenedIn(report, { category: key })}
          series={COUNT}
        />
        <ChartBlock
          showTable={showTable}
          title={{ zh: '销号案件 · 按办结方式', en: 'Cases closed by resolution' }}
          rows={countRows(report.casesClosed.byResolution, resolutions.labels)}
          linkOf={(key) => casesBehind(report, 'closed', key)}
          series={COUNT}
        />
        <ChartBlock
          showTable={showTable}
          title={{ zh: '监督文书 · 按文书种类', en: 'Letters issued by kind' }}
          rows={countRows(report.lettersIssued.byKind, letterKinds.labels)}
          linkOf={(key) => casesBehind(report, 'letters', key)}
          series={COUNT}
        />
        <ChartBlock
          showTable={showTable}
          stacked
          title={{ zh: '期限 · 按期与逾期', en: 'Deadlines met on time and late' }}
          series={DEADLINE_SERIES}
          linkOf={(key, series) => casesBehind(report, 'deadlines', key, series)}
          rows={report.deadlines.byKind.map((d) => ({ key: d.key, label: d.label, values: { metOnTime: d.metOnTime, metLate: d.metLate, notMet: d.notMet } }))}
          empty={{ zh: '本月没有到期的期限', en: 'No deadlines fell due this month' }}
        />
        <ChartBlock
          showTable={showTable}
          title={{ zh: '调解结果', en: 'Mediation outcomes' }}
          rows={countRows(mediation.byResult)}
          linkOf={(key) => casesBehind(report, 'mediations', key)}
          series={COUNT}
          empty={{ zh: '本月没有调解终结', en: 'No mediation concluded this month' }}
        />
      </div>
      <MoneyByKind report={report} />
    </>
  );
}

const MONEY_COLUMNS = [
  ['claimedFen', { zh: '请求金额', en: 'Claimed' }],
  ['agreedFen', { zh: '调解协议金额', en: 'Agreed in mediation' }],
  ['awardedFen', { zh: '裁决及判决金额', en: 'Awarded and adjudged' }],
  ['recoveredFen', { zh: '追回金额', en: 'Recovered' }],
] as const;

/** Issue 13.6: the month's money by kind — claimed at opening, agreed, awarded and adjudged, recovered at closing. */
function MoneyByKind({ report }: { report: MonthlyReport }) {
  const { t } = useI18n();
  const rows = report.moneyByKind.byKind;
  const sum = (key: (typeof MONEY_COLUMNS)[number][0]) => rows.reduce((n, r) => n + r[key], 0);
  return (
    <section className="card report-money" aria-labelledby="report-money-heading">
      <h3 id="report-money-heading">{t('款项 · 按种类', 'Money by kind')}</h3>
      <p className="chart-note muted small">
        {t(
          '请求金额按本月受理的案件计，调解协议、裁决及判决金额按本月作出的计，追回金额按本月销号的案件计。',
          'Claimed: cases opened this month; agreed, awarded and adjudged: acts of this month; recovered: cases closed this month.',
        )}
      </p>
      <table className="money-by-kind">
        <thead>
          <tr>
            <th scope="col">{t('款项种类', 'Kind')}</th>
            {MONEY_COLUMNS.map(([key, label]) => (
              <th scope="col" className="number" key={key}>
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{t(row.label)}</th>
              {MONEY_COLUMNS.map(([key]) => (
                <td className="number" key={key}>
                  {formatMoney(row[key])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('合计', 'Total')}</th>
            {MONEY_COLUMNS.map(([key]) => (
              <td className="number" key={key}>
                {formatMoney(sum(key))}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
    </section>
  );
}
