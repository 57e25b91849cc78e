/** The inbox's list of the cases our agency takes part in: a page at a time, sorted by any of its columns (the hub sorts and pages). */
import { agencyShortNames } from '@hub/contracts';
import type { CaseSearch, CaseSortKey } from '@hub/hub-service/wire';
import { Link } from 'react-router';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { DateText } from '../../components/common.tsx';
import { Pager, SortHeader, type ListState } from '../../components/lists.tsx';
import { CaseLink, CaseStatus, NewBadge, StageText } from './shared.tsx';
import { TableSection, type Loaded } from './TableSection.tsx';

export function CasesSection({
  query,
  list,
  fresh,
  pageSize,
}: {
  query: Loaded<CaseSearch> & { isFetching: boolean };
  list: ListState<CaseSortKey>;
  fresh: ReadonlySet<string>;
  pageSize: number;
}) {
  const { t, lang } = useI18n();
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
      empty={t('本机构尚未参与任何案件', 'Your agency takes part in no case yet')}
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
            <td className="nowrap">
              <DateText value={c.lastActivityAt} />
            </td>
          </tr>
        );
      })}
    </TableSection>
  );
}
