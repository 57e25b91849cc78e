/** The rectification list across cases, overdue first, with the filters the hub supports (kept in the URL). */
import { agencyIds, agencyNames, type AgencyId } from '@hub/contracts';
import { useCallback, useEffect, useId, useState } from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { Empty, Loading, ProblemMessage } from '../../components/common.tsx';
import { rectificationStatusLabels } from './labels.ts';
import { useRectifications } from './queries.ts';
import { RectificationTable, type RectificationTableProps } from './RectificationTable.tsx';
import { rectificationStatuses, type RectificationStatus } from './types.ts';

const PAGE = 50;

const isStatus = (v: string | null): v is RectificationStatus => rectificationStatuses.includes(v as RectificationStatus);
const isAgency = (v: string | null): v is AgencyId => agencyIds.includes(v as AgencyId);

function useFilters() {
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const agency = params.get('agency');
  const filters = {
    status: isStatus(status) ? status : undefined,
    agency: isAgency(agency) ? agency : undefined,
    employer: params.get('employer')?.trim() || undefined,
    overdueOnly: params.get('overdue') === '1',
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
  return { filters, set };
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
  const { filters, set } = useFilters();
  const query = useRectifications({
    status: filters.status,
    agency: filters.agency,
    employer: filters.employer,
    overdueOnly: filters.overdueOnly,
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
        {t('跨案件的问题整改事项，逾期事项排在最前，其余按整改期限排列。', 'Items across cases: overdue first, then by deadline.')}
      </p>
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
            {rectificationStatuses.map((s) => (
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
        <label className="mtg-check">
          <input type="checkbox" checked={filters.overdueOnly} onChange={(e) => set({ overdue: e.target.checked ? '1' : undefined })} />
          <span>{t('仅看逾期', 'Overdue only')}</span>
        </label>
      </form>
      {query.isPending ? <Loading /> : null}
      <ProblemMessage error={query.error} />
      {data && data.items.length === 0 ? <Empty>{t('没有符合条件的整改事项。', 'No items match.')}</Empty> : null}
      {data && data.items.length > 0 ? (
        <>
          <RectificationTable items={data.items} caption={t('整改清单（逾期优先）', 'Rectification list (overdue first)')} selection={selection} />
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
