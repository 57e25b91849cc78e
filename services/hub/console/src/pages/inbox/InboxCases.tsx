/** The inbox's list of the cases our agency takes part in: a page at a time, sorted by any of its columns and filtered by deadline state, 承办人 and opening dates (the hub filters, sorts and pages). */
import { agencyShortNames } from '@hub/contracts/words';
import type { AgencyId } from '@hub/contracts';
import type { CaseSearch, CaseSortKey } from '@hub/hub-service/wire';
import { useId } from 'react';
import { Link } from 'react-router';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { DateText } from '../../components/common.tsx';
import { FilterBar, FilterChoice, FilterDates, Pager, SortHeader, type ListState } from '../../components/lists.tsx';
import { deadlineStateLabels } from './CaseFilters.tsx';
import { CaseLink, CaseStatus, NewBadge, StageText } from './shared.tsx';
import { TableSection, type Loaded } from './TableSection.tsx';

export function CasesSection({
  query,
  list,
  fresh,
  pageSize,
  agency,
}: {
  query: Loaded<CaseSearch> & { isFetching: boolean };
  list: ListState<CaseSortKey>;
  fresh: ReadonlySet<string>;
  pageSize: number;
  /** Our agency: its 承办人 is the one shown. */
  agency: AgencyId;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const rows = query.data?.cases ?? [];
  const total = query.data?.total ?? 0;
  const header = (label: string, column: CaseSortKey, firstDir: 'asc' | 'desc' = 'asc') => (
    <SortHeader label={label} column={column} list={list} firstDir={firstDir} />
  );
  return (
    <TableSection
      id="inbox-cases"
      title={
        query.data ? t(`本机构参与的案件（${formatNumber(total, lang)} 件）`, `Our cases (${formatNumber(total, lang)})`) : t('本机构参与的案件', 'Our cases')
      }
      query={query}
      rows={rows.length}
      action={<Link to="/cases">{t('查找全部案件', 'Search all cases')}</Link>}
      summary={
        <FilterBar
          name={t('筛选本机构案件', 'Filter our cases')}
          list={list}
          keys={['deadline', 'handler', 'openedFrom', 'openedTo']}
          onSubmit={(form) => list.set({ handler: String(form.get('handler') ?? '').trim() })}
        >
          <FilterChoice
            id={`${id}-deadline`}
            label={t('期限状态', 'Deadlines')}
            all={t('全部', 'All')}
            value={list.get('deadline')}
            onChange={(deadline) => list.set({ deadline })}
            options={Object.entries(deadlineStateLabels).map(([k, l]) => [k, t(l)])}
          />
          <div className="field">
            <label htmlFor={`${id}-handler`}>{t('承办人', 'Handler')}</label>
            <input
              id={`${id}-handler`}
              key={list.get('handler')}
              type="search"
              name="handler"
              defaultValue={list.get('handler')}
              maxLength={200}
              placeholder={t('姓名，回车查询', 'Name, then Enter')}
            />
          </div>
          <FilterDates
            id={`${id}-opened`}
            label={t('登记日期', 'Opened')}
            from={list.get('openedFrom')}
            to={list.get('openedTo')}
            onChange={(range) => list.set({ ...('from' in range ? { openedFrom: range.from } : {}), ...('to' in range ? { openedTo: range.to } : {}) })}
          />
        </FilterBar>
      }
      empty={t('没有符合条件的案件', 'No cases match')}
      caption={t('本机构参与的案件；点击列标题可排序', 'Cases we take part in; a column header sorts the list')}
      tableId="inbox-cases-table"
      busy={query.isFetching}
      columns={[]}
      head={
        <>
          {header(t('用人单位', 'Employer'), 'employer')}
          {header(t('类别', 'Category'), 'category')}
          {header(t('环节', 'Stage'), 'stage')}
          {header(t('状态', 'Status'), 'status')}
          {header(t('参与机构', 'Agencies'), 'agencies')}
          {header(t('承办人', 'Handler'), 'handler')}
          {header(t('登记日期', 'Opened'), 'openedAt', 'desc')}
          {header(t('最近动态', 'Last activity'), 'lastActivity', 'desc')}
        </>
      }
      footer={<Pager page={list.page} total={total} size={pageSize} onPage={(n) => list.set({ page: n > 0 ? String(n) : undefined })} />}
    >
      {rows.map((c) => {
        const isNew = fresh.has(c.caseId);
        return (
          <tr key={c.caseId} className={isNew ? 'is-new' : undefined}>
            <td>
              {isNew ? <NewBadge /> : null} <CaseLink caseId={c.caseId} entry={c} />
            </td>
            <td>{t(c.labels.category)}</td>
            <td>
              <StageText entry={c} />
            </td>
            <td>
              <CaseStatus status={c.status} />
            </td>
            <td>{c.agencies.map((a) => t(agencyShortNames[a])).join(t('、', ', '))}</td>
            <td>{c.handlers[agency] ?? <span className="muted">—</span>}</td>
            <td className="nowrap">
              <DateText value={c.openedAt} />
            </td>
            <td className="nowrap">
              <DateText value={c.lastActivityAt} />
            </td>
          </tr>
        );
      })}
    </TableSection>
  );
}
