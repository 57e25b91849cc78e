/**
 * 统计报表: the month's report (key figures, charts with their tables, CSV export, print) and the
 * daily employer-warning report, for every region or one 行政区划 prefix. The choices live in the
 * URL (?month=&region=&date=) so a report can be shared, reloaded and printed as seen.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { DailyWarningReport, MonthlyReport, ReportAnswer, ReportMonths } from '@hub/hub-service/wire';
import { hub, withQuery } from '../../app/api.ts';
import { formatDate, formatMonth, shanghaiDate, useI18n, type Label } from '../../app/i18n.tsx';
import { Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import { download, monthlyCsvRows, toCsv } from './csv.ts';
import { DailyWarningsView } from './DailyWarningsView.tsx';
import { MonthlyReportView } from './MonthlyReportView.tsx';
import { fieldProblem, isDate, isMonth, isRegionPrefix, regionIssue, regionLabel } from './reportText.ts';
import './reports.css';

const TITLE: Label = { zh: '统计报表', en: 'Reports' };
const NOT_UP_TO_DATE: Label = { zh: '统计正在更新，可能尚未包含最新的记录。', en: 'The figures are catching up and may miss the latest records.' };

export default function ReportsPage() {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const [showTable, setShowTable] = useState(false);

  const monthsQuery = useQuery({
    queryKey: ['reports', 'months'],
    queryFn: ({ signal }) => hub<ReportMonths>('/reports/months', { signal }),
  });
  const current = shanghaiDate().slice(0, 7);
  // Months that have come only: the hub lists no other, and a month still to come in the URL is not offered.
  const listed = (monthsQuery.data?.months ?? []).filter((m) => m <= current);
  const monthParam = params.get('month');
  const month = isMonth(monthParam) && monthParam <= current ? monthParam : listed[0];
  const months = month && !listed.includes(month) ? [...listed, month].sort().reverse() : listed;
  const regionParam = params.get('region') ?? '';
  const region = isRegionPrefix(regionParam) ? regionParam : '';
  const dateParam = params.get('date');
  const date = isDate(dateParam) ? dateParam : shanghaiDate();

  const monthly = useQuery({
    queryKey: ['reports', 'monthly', month, region],
    queryFn: ({ signal }) => hub<ReportAnswer<MonthlyReport>>(withQuery('/reports/monthly', { month, region }), { signal }),
    enabled: month !== undefined,
    placeholderData: keepPreviousData,
  });
  const daily = useQuery({
    queryKey: ['reports', 'daily', date, region],
    queryFn: ({ signal }) => hub<ReportAnswer<DailyWarningReport>>(withQuery('/reports/daily-warnings', { date, region }), { signal }),
    placeholderData: keepPreviousData,
  });

  const update = (patch: Record<string, string | null>) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(patch))
          if (value) next.set(key, value);
          else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const report = monthly.data?.report;
  function exportCsv() {
    if (!report) return;
    const name = `${t('月度报表', 'monthly-report')}-${report.month}-${report.region ?? t('全部地区', 'all-regions')}.csv`;
    download(name, toCsv(monthlyCsvRows(report, lang)));
  }

  const regionProblem = fieldProblem(monthly.error, 'region') ?? fieldProblem(daily.error, 'region');

  return (
    <div className="reports-page">
      <PageTitle title={TITLE}>
        <button type="button" onClick={exportCsv} disabled={!report || monthly.isPlaceholderData}>
          {t('导出 CSV', 'Export CSV')}
        </button>
        <button type="button" onClick={() => window.print()}>
          {t('打印', 'Print')}
        </button>
      </PageTitle>

      <Filters
        months={months}
        month={month}
        monthsLoading={monthsQuery.isPending}
        region={region}
        regionProblem={regionProblem}
        onApply={(choice) => update(choice)}
        showTable={showTable}
        onShowTable={setShowTable}
      />

      <section className="report-section" aria-labelledby="report-monthly-heading" aria-busy={monthly.isFetching}>
        <div className="report-section-head">
          <h2 id="report-monthly-heading">{t('月度报表', 'Monthly report')}</h2>
          {month ? (
            <p className="report-scope">
              {formatMonth(month, lang)} · {t(regionLabel(region || null))}
            </p>
          ) : null}
        </div>
        {monthsQuery.data?.upToDate === false || monthly.data?.upToDate === false ? (
          <p className="muted" role="status">
            {t(NOT_UP_TO_DATE)}
          </p>
        ) : null}
        {monthsQuery.isPending ? (
          <Loading what={{ zh: '正在加载月份…', en: 'Loading the months…' }} />
        ) : monthsQuery.error ? (
          <ProblemMessage error={monthsQuery.error} />
        ) : !month ? (
          <Empty>
            {t(
              '还没有月度统计数据：有案件受理、销号或期限到期后，这里会列出月份。',
              'No monthly figures yet: months appear once cases are opened, closed or fall due.',
            )}
          </Empty>
        ) : monthly.isPending ? (
          <Loading what={{ zh: '正在加载月度报表…', en: 'Loading the monthly report…' }} />
        ) : monthly.error ? (
          <ProblemMessage error={monthly.error} />
        ) : (
          <Updating stale={monthly.isPlaceholderData}>
            <MonthlyReportView report={monthly.data.report} showTable={showTable} />
          </Updating>
        )}
      </section>

      <section className="report-section report-daily" aria-labelledby="report-daily-heading" aria-busy={daily.isFetching}>
        <div className="report-section-head">
          <h2 id="report-daily-heading">{t('每日企业预警报告', 'Daily employer warning report')}</h2>
          <p className="report-scope">
            {formatDate(`${date}T04:00:00Z`, lang)} · {t(regionLabel(region || null))}
          </p>
          <DateField date={date} problem={fieldProblem(daily.error, 'date')} onDate={(d) => update({ date: d })} />
        </div>
        {daily.data && !daily.data.upToDate ? (
          <p className="muted" role="status">
            {t(NOT_UP_TO_DATE)}
          </p>
        ) : null}
        {daily.isPending ? (
          <Loading what={{ zh: '正在加载预警报告…', en: 'Loading the warning report…' }} />
        ) : daily.error ? (
          <ProblemMessage error={daily.error} />
        ) : (
          <Updating stale={daily.isPlaceholderData}>
            <DailyWarningsView report={daily.data.report} showTable={showTable} />
          </Updating>
        )}
      </section>
    </div>
  );
}

/** The last report stays on screen, dimmed and said to be updating, until the next one arrives. */
function Updating({ stale, children }: { stale: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      {stale ? (
        <p className="report-updating" role="status">
          {t('正在更新…', 'Updating…')}
        </p>
      ) : null}
      <div className={stale ? 'report-stale' : undefined}>{children}</div>
    </>
  );
}

interface FiltersProps {
  readonly months: readonly string[];
  readonly month: string | undefined;
  readonly monthsLoading: boolean;
  readonly region: string;
  readonly regionProblem: Label | null;
  /** Month and region apply together, on 查询 (or 清除行政区划), and both go into the URL. */
  readonly onApply: (choice: { month: string | null; region: string | null }) => void;
  readonly showTable: boolean;
  readonly onShowTable: (show: boolean) => void;
}

/** Month and region (both apply on 查询, the region checked first), and tables instead of hidden ones. */
function Filters({ months, month, monthsLoading, region, regionProblem, onApply, showTable, onShowTable }: FiltersProps) {
  const { t, lang } = useI18n();
  const [draft, setDraft] = useState(region);
  const [monthDraft, setMonthDraft] = useState(month);
  const [formatError, setFormatError] = useState<Label | null>(null);
  const [lastRegion, setLastRegion] = useState(region);
  const [lastMonth, setLastMonth] = useState(month);
  if (region !== lastRegion) {
    // the URL changed under the form (back button, 清除行政区划): show what is applied
    setLastRegion(region);
    setDraft(region);
    setFormatError(null);
  }
  if (month !== lastMonth) {
    setLastMonth(month);
    setMonthDraft(month);
  }
  const ids = { month: useId(), region: useId(), hint: useId(), error: useId() };
  const problem = formatError ?? (draft === region ? regionProblem : null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = draft.trim();
    const issue = value ? regionIssue(value) : null;
    if (issue) {
      setFormatError(issue);
      document.getElementById(ids.region)?.focus();
      return;
    }
    setFormatError(null);
    onApply({ month: monthDraft ?? null, region: value || null });
  }

  return (
    <form className="card filters report-filters no-print" onSubmit={submit} noValidate aria-label={t('报表条件', 'Report options')}>
      <div className="field">
        <label htmlFor={ids.month}>{t('月份', 'Month')}</label>
        <select id={ids.month} value={monthDraft ?? ''} disabled={months.length === 0} onChange={(e) => setMonthDraft(e.target.value)}>
          {months.length === 0 ? <option value="">{monthsLoading ? t('正在加载…', 'Loading…') : t('暂无月份', 'No months yet')}</option> : null}
          {months.map((m) => (
            <option key={m} value={m}>
              {formatMonth(m, lang)}
            </option>
          ))}
        </select>
      </div>
      <div className="field report-region-field">
        <label htmlFor={ids.region}>{t('行政区划', 'Region')}</label>
        <input
          id={ids.region}
          name="region"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          placeholder={t('如 330106', 'e.g. 330106')}
          value={draft}
          onChange={(e) => {
            setDraft(e.target.value.replace(/\s/g, ''));
            setFormatError(null);
          }}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${ids.error} ${ids.hint}` : ids.hint}
        />
        <span className="hint" id={ids.hint}>
          {t('留空为全部地区；2 位为省，4 位为市，6 位为区县', 'Empty for all; 2 digits a province, 4 a city, 6 a district')}
        </span>
        {problem ? (
          <span className="field-error" id={ids.error} role="alert">
            {t(problem)}
          </span>
        ) : null}
      </div>
      <div className="report-filter-buttons">
        <button type="submit" className="primary">
          {t('查询', 'Apply')}
        </button>
        {region ? (
          <button type="button" onClick={() => onApply({ month: month ?? null, region: null })}>
            {t('清除行政区划', 'Clear region')}
          </button>
        ) : null}
      </div>
      <label className="report-toggle">
        <input type="checkbox" checked={showTable} onChange={(e) => onShowTable(e.target.checked)} />
        {t('显示图表数据表', 'Show the charts as tables')}
      </label>
    </form>
  );
}

/** The daily report's date; an emptied or partial date is not sent. */
function DateField({ date, problem, onDate }: { date: string; problem: Label | null; onDate: (date: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const errorId = useId();
  const [draft, setDraft] = useState(date);
  const [last, setLast] = useState(date);
  if (date !== last) {
    setLast(date);
    setDraft(date);
  }
  const message = !isDate(draft) ? { zh: '请选择日期', en: 'Choose a date' } : problem;
  return (
    <div className="field report-date-field no-print">
      <label htmlFor={id}>{t('日期', 'Date')}</label>
      <input
        id={id}
        type="date"
        value={draft}
        max="2199-12-31"
        onChange={(e) => {
          setDraft(e.target.value);
          if (isDate(e.target.value)) onDate(e.target.value);
        }}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? errorId : undefined}
      />
      {message ? (
        <span className="field-error" id={errorId} role="alert">
          {t(message)}
        </span>
      ) : null}
    </div>
  );
}
