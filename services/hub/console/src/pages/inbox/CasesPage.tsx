/**
 * /cases — the case directory (hub GET /api/cases): filters by text, 承办人, agency, category,
 * channel, stage, status, deadline state, region (chosen by name) and opening dates; every column
 * sorts (the hub sorts and pages, 50 a page); the filters, sort and page live in the URL, so a link
 * or Back returns to the same list. Liaisons can open a new case here (登记新案件).
 */
import type { Label, Role } from '@hub/contracts';
import { agencyShortNames, letterKinds, resolutions, warningLevels } from '@hub/contracts/words';
import { caseSortKeys, type CaseSearch, type CaseSortKey } from '@hub/hub-service/wire';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { Link } from 'react-router';
import { hub, withQuery } from '../../app/api.ts';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { CaseNumberText } from '../../components/CaseNumber.tsx';
import { DateText, Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import { Pager, SortHeader, useListState } from '../../components/lists.tsx';
import { RegionName } from '../../components/RegionChooser.tsx';
import { deadlineKindLabels } from '../case/deadlineKinds.ts';
import { CASE_FILTERS, CaseFilters } from './CaseFilters.tsx';
import { caseName, CaseStatus, StageText } from './shared.tsx';
import './inbox.css';

const PAGE = 50;

/** 登记新案件's form: the command forms and the contracts' schemas behind them, loaded once the list is on screen. */
const OpenCasePanel = lazy(() => import('./OpenCasePanel.tsx'));

export default function CasesPage() {
  const { t, lang } = useI18n();
  const session = useSignedIn();
  const list = useListState<CaseSortKey>(caseSortKeys, { sort: 'lastActivity', dir: 'desc' });
  const [opening, setOpening] = useState(false);
  const formId = useId();
  const filters = Object.fromEntries(CASE_FILTERS.map((k) => [k, list.get(k)]));

  const query = useQuery({
    queryKey: ['cases', filters, list.sort, list.dir, list.page],
    queryFn: ({ signal }) =>
      hub<CaseSearch>(withQuery('/cases', { ...filters, sort: list.sort, dir: list.dir, limit: PAGE, offset: list.page * PAGE }), { signal }),
    placeholderData: keepPreviousData,
  });

  const total = query.data?.total ?? 0;
  // Who may open a case is the command catalog's word; it comes with the form's chunk, after the rows.
  const [openRoles, setOpenRoles] = useState<readonly Role[] | null>(null);
  const listed = query.data !== undefined;
  useEffect(() => {
    if (!listed) return;
    let live = true;
    const timer = setTimeout(() => {
      void import('./OpenCasePanel.tsx').then((m) => {
        if (live) setOpenRoles(m.openCaseRoles);
      });
    }, 0);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [listed]);
  const mayOpen = openRoles !== null && hasRole(session, ...openRoles);
  const header = (label: string, column: CaseSortKey, firstDir: 'asc' | 'desc' = 'asc') => (
    <SortHeader label={label} column={column} list={list} firstDir={firstDir} />
  );
  return (
    <>
      <PageTitle title={{ zh: '案件', en: 'Cases' }}>
        {mayOpen ? (
          <button
            type="button"
            className={opening ? undefined : 'primary'}
            aria-expanded={opening}
            aria-controls={opening ? formId : undefined}
            onClick={() => setOpening(!opening)}
          >
            {t('登记新案件', 'Open a new case')}
          </button>
        ) : null}
      </PageTitle>

      {opening ? (
        <Suspense fallback={<Loading />}>
          <OpenCasePanel id={formId} onClose={() => setOpening(false)} />
        </Suspense>
      ) : null}

      <CaseFilters list={list} />
      {list.get('report') ? <ReportDrillNote list={list} /> : null}

      <section className="card" aria-labelledby="cases-results">
        <h2 id="cases-results">
          {t('查询结果', 'Results')}
          {query.data ? <span className="muted small">{t(`（共 ${formatNumber(total, lang)} 件）`, ` (${formatNumber(total, lang)} in all)`)}</span> : null}
        </h2>
        {query.isPending ? <Loading /> : null}
        <ProblemMessage error={query.error} />
        {query.data && query.data.cases.length === 0 ? <Empty>{t('没有符合条件的案件', 'No case matches')}</Empty> : null}
        {query.data && query.data.cases.length > 0 ? (
          <div className="table-wrap">
            <table id="cases-table" aria-busy={query.isFetching || undefined}>
              <caption className="visually-hidden">{t('案件列表；点击列标题可排序', 'Cases; a column header sorts the list')}</caption>
              <thead>
                <tr>
                  {header(t('案号', 'Case number'), 'caseNumber')}
                  {header(t('用人单位', 'Employer'), 'employer')}
                  {header(t('类别', 'Category'), 'category')}
                  {header(t('来源渠道', 'Channel'), 'channel')}
                  {header(t('地区', 'Region'), 'region')}
                  {header(t('登记日期', 'Opened'), 'openedAt', 'desc')}
                  {header(t('最近动态', 'Last activity'), 'lastActivity', 'desc')}
                  {header(t('环节', 'Stage'), 'stage')}
                  {header(t('状态', 'Status'), 'status')}
                  {header(t('参与机构', 'Agencies'), 'agencies')}
                  {header(t('本机构承办人', 'Our handler'), 'handler')}
                </tr>
              </thead>
              <tbody>
                {query.data.cases.map((c) => {
                  const name = caseName(c);
                  return (
                    <tr key={c.caseId}>
                      <td>
                        <Link to={`/cases/${c.caseId}`}>
                          <CaseNumberText caseNumber={c.caseNumber} />
                          {name ? <span className="visually-hidden">（{t(name)}）</span> : null}
                        </Link>
                      </td>
                      <td>
                        <Link to={`/cases/${c.caseId}`}>{name ? t(name) : (c.caseNumber ?? t('查看案件', 'Open case'))}</Link>
                      </td>
                      <td>{(c.labels.categories ?? [c.labels.category]).map((l) => t(l)).join(t('、', ', '))}</td>
                      <td>{t(c.labels.channel)}</td>
                      <td>
                        <RegionName code={c.region} />
                      </td>
                      <td className="nowrap">
                        <DateText value={c.openedAt} />
                      </td>
                      <td className="nowrap">
                        <DateText value={c.lastActivityAt} />
                      </td>
                      <td>
                        <StageText entry={c} />
                      </td>
                      <td>
                        <CaseStatus status={c.status} />
                      </td>
                      <td>{c.agencies.map((a) => t(agencyShortNames[a])).join(t('、', ', '))}</td>
                      <td>{c.handlers[session.user.agency] ?? <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        <Pager page={list.page} total={total} size={PAGE} onPage={(n) => list.set({ page: n > 0 ? String(n) : undefined })} />
      </section>
    </>
  );
}

/** What each report chart counts, and the words of its bars and parts. */
const DRILLS: Readonly<Record<string, { chart: Label; keys: Readonly<Record<string, Label>> }>> = {
  closed: { chart: { zh: '销号案件 · 按办结方式', en: 'Cases closed by resolution' }, keys: resolutions.labels },
  letters: { chart: { zh: '监督文书 · 按文书种类', en: 'Letters issued by kind' }, keys: letterKinds.labels },
  mediations: {
    chart: { zh: '调解结果', en: 'Mediation outcomes' },
    keys: { successful: { zh: '调解成功', en: 'Successful' }, failed: { zh: '调解不成', en: 'Failed' } },
  },
  deadlines: { chart: { zh: '期限 · 按期与逾期', en: 'Deadlines met on time and late' }, keys: deadlineKindLabels },
  warnings: { chart: { zh: '预警 · 按等级', en: 'Warnings by level' }, keys: warningLevels.labels },
};
const SERIES: Readonly<Record<string, Label>> = {
  metOnTime: { zh: '按期完成', en: 'met on time' },
  metLate: { zh: '逾期完成', en: 'met late' },
  notMet: { zh: '尚未完成', en: 'not met yet' },
  raised: { zh: '新增', en: 'raised' },
  resolved: { zh: '解除', en: 'resolved' },
  open: { zh: '日终在册', en: 'open at end of day' },
};

/** The list shows the cases behind a report chart's bar: say which, and offer the way back to every case. */
function ReportDrillNote({ list }: { list: { get(key: string): string; set(changes: Record<string, string | undefined>): void } }) {
  const { t } = useI18n();
  const drill = DRILLS[list.get('report')];
  const period = list.get('reportPeriod');
  const key = drill?.keys[list.get('reportKey')];
  const series = SERIES[list.get('reportSeries')];
  const when = /^\d{4}-\d{2}$/.test(period)
    ? t(`${period.slice(0, 4)}年${Number(period.slice(5, 7))}月`, period)
    : /^\d{4}-\d{2}-\d{2}$/.test(period)
      ? t(`${period.slice(0, 4)}年${Number(period.slice(5, 7))}月${Number(period.slice(8, 10))}日`, period)
      : period;
  return (
    <p className="card report-drill" role="status">
      {t('报表', 'Report')}：{drill ? t(drill.chart) : list.get('report')}（{when}）{key ? ` · ${t(key)}` : ''}
      {series ? ` · ${t(series)}` : ''} {t('背后的案件', '— the cases behind it')}{' '}
      <button type="button" onClick={() => list.set({ report: undefined, reportPeriod: undefined, reportKey: undefined, reportSeries: undefined })}>
        {t('不再按报表筛选', 'Stop filtering by the report')}
      </button>
    </p>
  );
}
