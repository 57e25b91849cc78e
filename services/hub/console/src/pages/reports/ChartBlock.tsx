/**
 * One chart of a report with its text alternatives: a heading, the chart (lazy: recharts loads
 * after the figures and tables are on screen) and a table of the same numbers, visually hidden
 * unless the reader asks for tables (and always printed).
 */
import { Component, lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { formatNumber, useI18n, type Label } from '../../app/i18n.tsx';
import { Empty } from '../../components/common.tsx';
import type { ChartRow, ChartSeries, SeriesTone } from './chartTypes.ts';

const ReportChart = lazy(() => import('./ReportCharts.tsx'));

/** Half the width of an A4 page's print area (186 mm at 96 px per inch), less the gap. */
const PRINT_WIDTH = 335;

export interface BlockSeries {
  readonly key: string;
  readonly label: Label;
  readonly tone: SeriesTone;
}

export interface BlockRow {
  readonly key: string;
  readonly label: Label;
  readonly values: { readonly [series: string]: number };
}

interface Props {
  readonly title: Label;
  readonly rows: readonly BlockRow[];
  readonly series: readonly BlockSeries[];
  readonly stacked?: boolean;
  readonly showTable: boolean;
  /** Said when every number is 0, instead of an empty chart. */
  readonly empty?: Label;
  /** A line under the title saying how the figures count (a case of two categories counts in both). */
  readonly note?: Label;
  /**
   * Where a row's cases are listed (the case list, filtered to what the row counts), and with
   * `series` those of one part of the row (a segment of a stacked bar); absent: the rows open nothing.
   */
  readonly linkOf?: ((key: string, series?: string) => string) | undefined;
}

export function ChartBlock({ title, rows, series, stacked = false, showTable, empty, note, linkOf }: Props) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const headingId = useId();
  const [failed, setFailed] = useState(false);
  const format = (n: number) => formatNumber(n, lang);
  const total = rows.reduce((n, row) => n + series.reduce((m, s) => m + (row.values[s.key] ?? 0), 0), 0);
  const chartRows: ChartRow[] = rows.map((row) => ({ key: row.key, name: t(row.label), values: row.values }));
  const chartSeries: ChartSeries[] = series.map((s) => ({ key: s.key, name: t(s.label), tone: s.tone }));
  const showTotals = series.length > 1;
  const chart = { rows: chartRows, series: chartSeries, stacked, formatNumber: format };
  // One series: the bar is the row. Several: a segment opens its own part of the row.
  const onOpen = linkOf ? (key: string, s: string) => void navigate(series.length > 1 ? linkOf(key, s) : linkOf(key)) : undefined;

  return (
    <article className="card chart-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t(title)}</h3>
      {note ? <p className="chart-note muted small">{t(note)}</p> : null}
      {linkOf && total > 0 ? (
        <p className="chart-note muted small no-print">
          {t('点击条形或下表中的项目，查看相应的案件。', 'Click a bar, or an item in the table, to see its cases.')}
        </p>
      ) : null}
      {total === 0 ? (
        <Empty>{t(empty ?? { zh: '本期没有这一项的数据', en: 'Nothing to show for this period' })}</Empty>
      ) : (
        <ChartFailed
          onFail={() => setFailed(true)}
          fallback={
            <p className="chart-loading muted">{t('图表未能加载，数据见下表。', 'The chart could not be loaded; the numbers are in the table below.')}</p>
          }
        >
          <Suspense fallback={<p className="chart-loading muted">{t('正在加载图表…', 'Loading the chart…')}</p>}>
            <div className="chart-screen">
              <ReportChart description={describe(t(title), chartRows, chartSeries, format, lang === 'zh')} {...chart} onOpen={onOpen} />
            </div>
            <div className="chart-print">
              <ReportChart description="" printWidth={PRINT_WIDTH} {...chart} />
            </div>
          </Suspense>
        </ChartFailed>
      )}
      <div className={showTable || failed || linkOf ? 'table-wrap chart-data' : 'chart-data visually-hidden'}>
        <table>
          <caption className="visually-hidden">
            {t(title)}
            {t('（数据表）', ' (data table)')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('项目', 'Item')}</th>
              {chartSeries.map((s) => (
                <th scope="col" className="number" key={s.key}>
                  {s.name}
                </th>
              ))}
              {showTotals ? (
                <th scope="col" className="number">
                  {t('合计', 'Total')}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {chartRows.map((row) => (
              <tr key={row.key}>
                <th scope="row">
                  {linkOf && chartSeries.some((s) => (row.values[s.key] ?? 0) > 0) ? (
                    <Link to={linkOf(row.key)} aria-label={t(`查看${row.name}的案件`, `Cases: ${row.name}`)}>
                      {row.name}
                    </Link>
                  ) : (
                    row.name
                  )}
                </th>
                {chartSeries.map((s) => (
                  <td className="number" key={s.key}>
                    {linkOf && showTotals && (row.values[s.key] ?? 0) > 0 ? (
                      <Link to={linkOf(row.key, s.key)} aria-label={t(`查看${row.name}·${s.name}的案件`, `Cases: ${row.name}, ${s.name}`)}>
                        {format(row.values[s.key] ?? 0)}
                      </Link>
                    ) : (
                      format(row.values[s.key] ?? 0)
                    )}
                  </td>
                ))}
                {showTotals ? <td className="number">{format(chartSeries.reduce((n, s) => n + (row.values[s.key] ?? 0), 0))}</td> : null}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('合计', 'Total')}</th>
              {chartSeries.map((s) => (
                <td className="number" key={s.key}>
                  {format(chartRows.reduce((n, row) => n + (row.values[s.key] ?? 0), 0))}
                </td>
              ))}
              {showTotals ? <td className="number">{format(total)}</td> : null}
            </tr>
          </tfoot>
        </table>
      </div>
    </article>
  );
}

/** When the charts' module cannot be loaded (offline, a new deployment), the table stays. */
class ChartFailed extends Component<{ fallback: ReactNode; children: ReactNode; onFail: () => void }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch() {
    this.props.onFail();
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/** The chart's text alternative: what it shows and its non-zero numbers; the table has all. */
function describe(title: string, rows: readonly ChartRow[], series: readonly ChartSeries[], format: (n: number) => string, zh: boolean): string {
  let zeros = 0;
  const parts = rows.flatMap((row) => {
    const values = series
      .filter((s) => (row.values[s.key] ?? 0) !== 0)
      .map((s) => (series.length > 1 ? `${s.name} ${format(row.values[s.key] ?? 0)}` : format(row.values[s.key] ?? 0)));
    if (!values.length) zeros += 1;
    return values.length ? [`${row.name}${zh ? '：' : ': '}${values.join(zh ? '，' : ', ')}`] : [];
  });
  const rest = zeros ? (zh ? '；其余为 0' : '; the rest are 0') : '';
  return zh
    ? `条形图：${title}。${parts.join('；')}${rest}。数据见下方表格。`
    : `Bar chart: ${title}. ${parts.join('; ')}${rest}. The numbers are in the table below.`;
}
