/**
 * The rectification list across cases: the items still worked on apart from the finished ones
 * (verified, closed by a meeting), overdue first unless a column header sorts it, with the filters
 * the hub supports (status, agency, employer, deadline state, region); all kept in the URL.
 */
import { agencyIds, agencyNames, categories, channels } from '@hub/contracts/words';
import type { AgencyId, Category, Channel } from '@hub/contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { Empty, Loading, ProblemMessage } from '../../components/common.tsx';
import { RegionChooser } from '../../components/RegionChooser.tsx';
import { deadlineStateLabels } from '../inbox/CaseFilters.tsx';
import { ItemCaseFilters } from './ItemCaseFilters.tsx';
import { rectificationStatusLabels } from './labels.ts';
import { useRectifications } from './queries.ts';
import { RectificationTable, type RectificationSortKey, type RectificationTableProps } from './RectificationTable.tsx';
import { rectificationStatuses, type RectificationStatus } from './types.ts';

const PAGE = 50;

const isStatus = (v: string | null): v is RectificationStatus => rectificationStatuses.includes(v as RectificationStatus);
const isAgency = (v: string | null): v is AgencyId => agencyIds.includes(v as AgencyId);
const SORTS: readonly RectificationSortKey[] = [
  'description',
  'caseId',
  'employer',
  'responsible',
  'deadline',
  'status',
  'orderedAt',
  'orderedBy',
  'region',
  'updatedAt',
];
const isSort = (v: string | null): v is RectificationSortKey => SORTS.includes(v as RectificationSortKey);
const FINISHED: readonly RectificationStatus[] = ['verified', 'closed_by_meeting'];

function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const agency = params.get('agency');
  const filters = {
    status: isStatus(status) ? status : undefined,
    agency: isAgency(agency) ? agency : undefined,
    employer: params.get('employer')?.trim() || undefined,
    overdueOnly: params.get('overdue') === '1',
    phase: params.get('phase') === 'finished' ? ('finished' as const) : ('open' as const),
    deadline: params.get('deadline') ?? undefined,
    region: params.get('region') ?? '',
    channel: params.get('channel') ?? undefined,
    category: params.get('category') ?? undefined,
    handler: params.get('handler')?.trim() || undefined,
    sort: isSort(params.get('sort')) ? (params.get('sort') as RectificationSortKey) : undefined,
    dir: params.get('dir') === 'desc' ? ('desc' as const) : ('asc' as const),
    page: Math.max(0, Number(params.get('page') ?? 0) || 0),
  };
  const set = useCallback(
    (changes: Record<string, string | undefined>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev);
          for (const [k, v] of Object.entries(changes))
            if (v) next.set(k, v);
            else next.delete(k);
          if (!('page' in changes)) next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );
  const sortBy = useCallback(
    (key: RectificationSortKey) => set({ sort: key, dir: key === filters.sort && filters.dir === 'asc' ? 'desc' : 'asc' }),
    [set, filters.sort, filters.dir],
  );
  return { filters, set, sort: { sort: filters.sort ?? ('' as RectificationSortKey), dir: filters.dir, sortBy } };
}

function EmployerFilter({ value, onChange }: { value: string; onChange(v: string): void }) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // Typing settles before the list is asked again.
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = setTimeout(() => onChange(text.trim()), 350);
    return () => clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <label className="field">
      <span>{t('企业名称或统一社会信用代码', 'Employer name or USCC')}</span>
      <input type="search" value={text} maxLength={200} onChange={(e) => setText(e.target.value)} />
    </label>
  );
}

/** On paper the filters are gone: say which ones shaped the list. */
function ActiveFilters({ filters }: { filters: ReturnType<typeof useFilters>['filters'] }) {
  const { t } = useI18n();
  const parts = [
    filters.status ? `${t('状态', 'status')}：${t(rectificationStatusLabels[filters.status])}` : null,
    filters.agency ? `${t('机构', 'agency')}：${t(agencyNames[filters.agency])}` : null,
    filters.employer ? `${t('企业', 'employer')}：${filters.employer}` : null,
    filters.overdueOnly ? t('仅逾期事项', 'overdue only') : null,
    filters.phase === 'finished' ? t('已完成事项', 'finished items') : t('未完成事项', 'items still open'),
    filters.deadline && filters.deadline in deadlineStateLabels ? t(deadlineStateLabels[filters.deadline as keyof typeof deadlineStateLabels]) : null,
    filters.region ? `${t('地区代码', 'region')}：${filters.region}` : null,
    filters.channel
      ? `${t('来源渠道', 'channel')}：${filters.channel in channels.labels ? t(channels.labels[filters.channel as Channel]) : filters.channel}`
      : null,
    filters.category
      ? `${t('类别', 'category')}：${filters.category in categories.labels ? t(categories.labels[filters.category as Category]) : filters.category}`
      : null,
    filters.handler ? `${t('承办人', 'handler')}：${filters.handler}` : null,
  ].filter(Boolean);
  return (
    <p className="mtg-print-only">
      {t('筛选条件', 'Filters')}：{parts.length > 0 ? parts.join('；') : t('全部事项', 'all items')}
    </p>
  );
}

export function RectificationSection({ selection }: { selection?: RectificationTableProps['selection'] | undefined }) {
  const { t, lang } = useI18n();
  const headingId = useId();
  const { filters, set, sort } = useFilters();
  const query = useRectifications({
    status: filters.status,
    agency: filters.agency,
    employer: filters.employer,
    overdueOnly: filters.overdueOnly,
    phase: filters.phase,
    deadline: filters.deadline,
    region: filters.region || undefined,
    channel: filters.channel,
    category: filters.category,
    handler: filters.handler,
    sort: filters.sort,
    dir: filters.sort ? filters.dir : undefined,
    limit: PAGE,
    offset: filters.page * PAGE,
  });
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE)) : 1;
  const setEmployer = useCallback((employer: string) => set({ employer: employer || undefined }), [set]);
  return (
    <section className="card mtg-list" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('整改清单', 'Rectification list')}</h2>
      <p className="muted no-print">
        {t(
          '跨案件的问题整改事项，逾期事项排在最前，其余按整改期限排列；点击列标题可改变排序。',
          'Items across cases: overdue first, then by deadline; a column header sorts the list.',
        )}
      </p>
      <div className="mtg-phases no-print" role="group" aria-label={t('整改进度', 'Progress')}>
        {(['open', 'finished'] as const).map((phase) => {
          const count = data
            ? rectificationStatuses.filter((s) => FINISHED.includes(s) === (phase === 'finished')).reduce((n, s) => n + data.totals[s], 0)
            : null;
          return (
            <button
              key={phase}
              type="button"
              aria-pressed={filters.phase === phase}
              className={filters.phase === phase ? 'primary' : undefined}
              onClick={() => set({ phase: phase === 'open' ? undefined : phase, status: undefined, overdue: undefined, deadline: undefined })}
            >
              {phase === 'open' ? t('未完成事项', 'Still open') : t('已完成事项（已核实、已销项）', 'Finished (verified, closed)')}
              {count === null ? '' : `（${formatNumber(count, lang)}）`}
            </button>
          );
        })}
      </div>
      {data ? (
        <p className="mtg-totals" aria-live="polite">
          <span className={data.overdue > 0 ? 'badge deadline-overdue' : 'badge'}>
            <span aria-hidden="true">{data.overdue > 0 ? '⚠ ' : '✓ '}</span>
            {t('逾期', 'Overdue')} {formatNumber(data.overdue, lang)} {t('项', '')}
          </span>
          {rectificationStatuses.map((s) => (
            <span key={s} className="mtg-total">
              {t(rectificationStatusLabels[s])} {formatNumber(data.totals[s], lang)}
            </span>
          ))}
        </p>
      ) : null}
      <ActiveFilters filters={filters} />
      <form className="filters no-print" role="search" aria-label={t('筛选整改事项', 'Filter items')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('整改状态', 'Status')}</span>
          <select value={filters.status ?? ''} onChange={(e) => set({ status: e.target.value || undefined })}>
            <option value="">{t('全部状态', 'All statuses')}</option>
            {rectificationStatuses
              .filter((s) => FINISHED.includes(s) === (filters.phase === 'finished'))
              .map((s) => (
                <option key={s} value={s}>
                  {t(rectificationStatusLabels[s])}
                </option>
              ))}
          </select>
        </label>
        <label className="field">
          <span>{t('责任或下达机构', 'Agency responsible or ordering')}</span>
          <select value={filters.agency ?? ''} onChange={(e) => set({ agency: e.target.value || undefined })}>
            <option value="">{t('全部机构', 'All agencies')}</option>
            {agencyIds.map((a) => (
              <option key={a} value={a}>
                {t(agencyNames[a])}
              </option>
            ))}
          </select>
        </label>
        <EmployerFilter value={filters.employer ?? ''} onChange={setEmployer} />
        {filters.phase === 'open' ? (
          <label className="field">
            <span>{t('期限状态', 'Deadlines')}</span>
            <select value={filters.deadline ?? ''} onChange={(e) => set({ deadline: e.target.value || undefined })}>
              <option value="">{t('全部', 'All')}</option>
              {Object.entries(deadlineStateLabels).map(([k, l]) => (
                <option key={k} value={k}>
                  {k === 'none' ? t('已报告，待回头看', 'Reported, awaiting follow-up') : t(l)}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <RegionChooser value={filters.region} onChange={(region) => set({ region: region || undefined })} />
        <ItemCaseFilters value={filters} onChange={set} />
        {filters.phase === 'open' ? (
          <label className="mtg-check">
            <input type="checkbox" checked={filters.overdueOnly} onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })} />
            <span>{t('仅看逾期', 'Overdue only')}</span>
          </label>
        ) : null}
      </form>
      {query.isPending ? <Loading /> : null}
      <ProblemMessage error={query.error} />
      {data && data.items.length === 0 ? <Empty>{t('没有符合条件的整改事项。', 'No items match.')}</Empty> : null}
      {data && data.items.length > 0 ? (
        <>
          <RectificationTable
            id="rectification-table"
            items={data.items}
            caption={filters.sort ? t('整改清单', 'Rectification list') : t('整改清单（逾期优先）', 'Rectification list (overdue first)')}
            selection={selection}
            sort={sort}
            busy={query.isFetching}
          />
          <p className="muted mtg-small">
            {t(`共 ${formatNumber(data.total, lang)} 项`, `${formatNumber(data.total, lang)} items`)}
            {query.isFetching && !query.isPending ? ` · ${t('正在刷新…', 'Refreshing…')}` : ''}
          </p>
        </>
      ) : null}
      {pages > 1 ? (
        <nav className="mtg-pager no-print" aria-label={t('整改清单分页', 'List pages')}>
          <button type="button" disabled={filters.page === 0} onClick={() => set({ page: String(filters.page - 1) })}>
            {t('上一页', 'Previous page')}
          </button>
          <span>{t(`第 ${filters.page + 1} / ${pages} 页`, `Page ${filters.page + 1} of ${pages}`)}</span>
          <button type="button" disabled={filters.page + 1 >= pages} onClick={() => set({ page: String(filters.page + 1) })}>
            {t('下一页', 'Next page')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}
