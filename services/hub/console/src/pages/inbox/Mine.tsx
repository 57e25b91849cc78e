/**
 * 承办人 on the inbox (docs/handlers.md): the cases the signed-in person handles and our deadlines
 * on them, first; for an administrator, each person's open cases and overdue deadlines.
 */
import type { AgencyId } from '@hub/contracts';
import type { CaseEntry, InboxAnswer, WorkloadAnswer } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { agencyApi } from '../../app/api.ts';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { DateText, DeadlineBadge } from '../../components/common.tsx';
import { deadlineStateWords } from '../../components/deadlineState.ts';
import { FilterBar, FilterChoice, SortHeader, sortRows, useListState } from '../../components/lists.tsx';
import { deadlineKindLabel, URGENCY } from '../case/deadlineKinds.ts';
import { CaseLink, CaseStatus, NewBadge, StageText } from './shared.tsx';
import { TableSection, type Loaded } from './TableSection.tsx';

const MY_CASE_SORTS = ['case', 'stage', 'status', 'lastActivity'] as const;
const MY_DEADLINE_SORTS = ['status', 'kind', 'dueAt', 'case'] as const;
const STAGE_RANK: Readonly<Record<string, number>> = { negotiation: 1, mediation: 2, arbitration: 3, litigation: 4, enforcement: 5 };
const OPEN_STATUSES = ['overdue', 'due_today', 'due_soon', 'pending'] as const;

/**
 * 我的案件 and 我的期限: one person's, held whole by the page (the agency service answers them with
 * the inbox), so sorted and filtered here; each keeps its state in the URL (m…, n…) as the paged lists do.
 */
export function MineSection({ query, byCase, fresh }: { query: Loaded<InboxAnswer>; byCase: ReadonlyMap<string, CaseEntry>; fresh: ReadonlySet<string> }) {
  const { t } = useI18n();
  const id = useId();
  const caseList = useListState(MY_CASE_SORTS, { sort: 'lastActivity', dir: 'desc' }, 'm');
  const deadlineList = useListState(MY_DEADLINE_SORTS, { sort: 'status', dir: 'asc' }, 'n');
  const name = (caseId: string) => {
    const entry = byCase.get(caseId);
    return entry?.caseNumber ?? entry?.employers[0]?.name ?? null;
  };
  const caseStatus = caseList.get('status');
  const cases = sortRows(
    (query.data?.mine.cases ?? []).filter((c) => caseStatus === '' || c.status === caseStatus),
    caseList,
    {
      case: (c) => name(c.caseId),
      stage: (c) => {
        const stage = byCase.get(c.caseId)?.stage;
        return stage === undefined ? null : (STAGE_RANK[stage ?? ''] ?? 0);
      },
      status: (c) => c.status,
      lastActivity: (c) => c.lastActivityAt,
    },
  );
  const deadlineState = deadlineList.get('status');
  const deadlines = sortRows(
    (query.data?.mine.deadlines ?? []).filter((d) => deadlineState === '' || d.status === deadlineState),
    deadlineList,
    {
      // Overdue first, then by due date: one number.
      status: (d) => (URGENCY[d.status] ?? 9) * 1e13 + Date.parse(d.dueAt),
      kind: (d) => t(deadlineKindLabel(d.kind)),
      dueAt: (d) => d.dueAt,
      case: (d) => name(d.caseId),
    },
  );
  return (
    <div className="inbox-grid inbox-mine">
      <TableSection
        id="inbox-my-cases"
        title={t('我的案件', 'My cases')}
        query={query}
        rows={cases.length}
        empty={caseStatus ? t('没有符合条件的案件', 'No cases match') : t('还没有指定由您承办的案件', 'No case is assigned to you yet')}
        caption={t('由您承办的案件；点击列标题可排序', 'Cases you handle; a column header sorts the list')}
        summary={
          <FilterBar name={t('筛选我的案件', 'Filter my cases')} list={caseList} keys={['status']}>
            <FilterChoice
              id={`${id}-status`}
              label={t('办理状态', 'Status')}
              all={t('全部', 'All')}
              value={caseStatus}
              onChange={(status) => caseList.set({ status })}
              options={[
                ['open', t('办理中', 'Open')],
                ['closed', t('已销号', 'Closed')],
              ]}
            />
          </FilterBar>
        }
        tableId="inbox-my-cases-table"
        columns={[]}
        head={
          <>
            <SortHeader label={t('案件', 'Case')} column="case" list={caseList} />
            <SortHeader label={t('环节', 'Stage')} column="stage" list={caseList} />
            <SortHeader label={t('状态', 'Status')} column="status" list={caseList} />
            <SortHeader label={t('最近动态', 'Last activity')} column="lastActivity" list={caseList} firstDir="desc" />
          </>
        }
      >
        {cases.map((c) => {
          const entry = byCase.get(c.caseId);
          const isNew = fresh.has(c.caseId);
          return (
            <tr key={c.caseId} className={isNew ? 'is-new' : undefined}>
              <td>
                {isNew ? <NewBadge /> : null} <CaseLink caseId={c.caseId} entry={entry} />
              </td>
              <td>{entry ? <StageText entry={entry} /> : '—'}</td>
              <td>{c.status ? <CaseStatus status={c.status} /> : '—'}</td>
              <td className="nowrap">
                <DateText value={c.lastActivityAt} />
              </td>
            </tr>
          );
        })}
      </TableSection>
      <TableSection
        id="inbox-my-deadlines"
        title={t('我的期限', 'My deadlines')}
        query={query}
        rows={deadlines.length}
        empty={deadlineState ? t('没有符合条件的期限', 'No deadlines match') : t('您承办的案件没有未完成的期限', 'No open deadlines on the cases you handle')}
        caption={t('您承办的案件上本机构的期限；点击列标题可排序', 'Our deadlines on the cases you handle; a column header sorts the list')}
        summary={
          <FilterBar name={t('筛选我的期限', 'Filter my deadlines')} list={deadlineList} keys={['status']}>
            <FilterChoice
              id={`${id}-deadline`}
              label={t('期限状态', 'Deadline state')}
              all={t('全部', 'All')}
              value={deadlineState}
              onChange={(status) => deadlineList.set({ status })}
              options={OPEN_STATUSES.map((s) => [s, t(deadlineStateWords[s].label)])}
            />
          </FilterBar>
        }
        tableId="inbox-my-deadlines-table"
        columns={[]}
        head={
          <>
            <SortHeader label={t('状态', 'Status')} column="status" list={deadlineList} />
            <SortHeader label={t('事项', 'What')} column="kind" list={deadlineList} />
            <SortHeader label={t('期限', 'Due')} column="dueAt" list={deadlineList} />
            <SortHeader label={t('案件', 'Case')} column="case" list={deadlineList} />
          </>
        }
      >
        {deadlines.map((d) => (
          <tr key={`${d.caseId}:${d.kind}:${d.ref}`} className={fresh.has(d.ref) ? 'is-new' : undefined}>
            <td className="nowrap">
              <DeadlineBadge status={d.status} />
            </td>
            <td>
              <strong>{t(deadlineKindLabel(d.kind))}</strong>
              {d.party ? <div className="small muted">{d.party}</div> : null}
            </td>
            <td className="nowrap">
              <DateText value={d.dueAt} />
            </td>
            <td>
              <CaseLink caseId={d.caseId} entry={byCase.get(d.caseId)} />
            </td>
          </tr>
        ))}
      </TableSection>
    </div>
  );
}

/** For an administrator, who oversees the agency's cases: per person, open cases and deadlines overdue or due soon. */
export function WorkloadSection({ agency }: { agency: AgencyId }) {
  const { t, lang } = useI18n();
  const query = useQuery({
    queryKey: ['inbox', 'workload', agency],
    queryFn: ({ signal }) => agencyApi<WorkloadAnswer>(agency, '/handlers/workload', { signal }),
  });
  const list = useListState(['name', 'openCases', 'overdue', 'dueSoon'] as const, { sort: 'overdue', dir: 'desc' }, 'w');
  // The agency's liaisons, a few dozen at most: sorted here.
  const people = sortRows(query.data?.people ?? [], list, {
    name: (p) => p.displayName,
    openCases: (p) => p.openCases,
    overdue: (p) => p.overdueDeadlines,
    dueSoon: (p) => p.dueSoonDeadlines,
  });
  return (
    <TableSection
      id="inbox-workload"
      title={t('承办人工作量', 'Workload per handler')}
      query={query}
      rows={people.length}
      empty={t('本机构还没有联络员', 'Your agency has no liaisons yet')}
      caption={t(
        '每位承办人承办的未结案件及其逾期、临期期限；点击列标题可排序',
        'Each handler’s open cases and deadlines overdue or due soon; a column header sorts the list',
      )}
      columns={[]}
      head={
        <>
          <SortHeader label={t('承办人', 'Handler')} column="name" list={list} />
          <SortHeader label={t('办理中案件', 'Open cases')} column="openCases" list={list} firstDir="desc" className="number" />
          <SortHeader label={t('逾期期限', 'Overdue')} column="overdue" list={list} firstDir="desc" className="number" />
          <SortHeader label={t('临期期限', 'Due soon')} column="dueSoon" list={list} firstDir="desc" className="number" />
        </>
      }
    >
      {people.map((p) => (
        <tr key={p.userId}>
          <td>{p.displayName}</td>
          <td className="number">{formatNumber(p.openCases, lang)}</td>
          <td className="number">
            {p.overdueDeadlines > 0 ? <DeadlineBadge status="overdue" /> : null} {formatNumber(p.overdueDeadlines, lang)}
          </td>
          <td className="number">{formatNumber(p.dueSoonDeadlines, lang)}</td>
        </tr>
      ))}
    </TableSection>
  );
}
