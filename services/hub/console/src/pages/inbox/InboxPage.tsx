/**
 * / — the signed-in agency's inbox: leads sent to us, our open deadlines and our cases, each a page
 * at a time, sorted by any column and filtered (issue 14.4); the agency service (leads) and the hub
 * (deadlines, cases) filter, sort and page, and each list keeps its state in the URL under its own
 * prefix (l…, d…, c…). The page follows the agency's live feed: anything new reloads the lists, the
 * rows it touched are marked 新, and a polite live region says what came (收到新线索).
 */
import { agencyIds, agencyNames, agencyShortNames } from '@hub/contracts/words';
import type { AgencyId } from '@hub/contracts';
import {
  deadlineSortKeys,
  type CaseEntry,
  type CaseSearch,
  type CaseSortKey,
  type DeadlineEntry,
  type DeadlineList,
  type DeadlineSortKey,
  type InboxAnswer,
  type InboxLead,
  type LeadSortKey,
  type LeadStatusFilter,
} from '@hub/hub-service/wire';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { agencyApi, hub, withQuery } from '../../app/api.ts';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { useLiveFeed, type TimelineEntry } from '../../app/live.ts';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { AgencyName, DateText, DeadlineBadge, PageTitle } from '../../components/common.tsx';
import { deadlineStateWords } from '../../components/deadlineState.ts';
import { FilterBar, FilterChoice, FilterDates, Pager, SortHeader, useListState, type ListState } from '../../components/lists.tsx';
import { deadlineKindLabel, deadlineKindLabels } from '../case/deadlineKinds.ts';
import { Announcer, FeedStatus } from '../case/FeedStatus.tsx';
import { CasesSection } from './InboxCases.tsx';
import { MineSection, WorkloadSection } from './Mine.tsx';
import { CaseLink, NewBadge } from './shared.tsx';
import { TableSection, type Loaded } from './TableSection.tsx';
import './inbox.css';

/** Each list a page at a time, this many rows. */
const CASES_PAGE = 20;
const LEADS_PAGE = 50;
const DEADLINES_PAGE = 50;
const CASE_SORTS = ['lastActivity', 'employer', 'category', 'stage', 'status', 'agencies', 'openedAt', 'handler'] as const satisfies readonly CaseSortKey[];
const LEAD_SORTS = ['status', 'feedbackDueAt', 'transferredAt', 'sender', 'summary'] as const satisfies readonly LeadSortKey[];
const LEAD_STATUSES = ['pending', 'feedback_owed', 'closed', 'all'] as const;
const OPEN_STATUSES = ['overdue', 'due_today', 'due_soon', 'pending'] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A value from the URL only when the API accepts it, so a hand-edited link shows the list, not a refusal. */
const oneOf = <T extends string>(value: string, allowed: readonly T[]): T | undefined =>
  (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
const dateOf = (value: string): string | undefined => (DATE.test(value) ? value : undefined);

/** Every id an event names (its case, its lead, letter, item…): rows about any of them are new. */
function idsOf(entry: TimelineEntry): string[] {
  const ids = [entry.subjectId];
  const walk = (value: unknown) => {
    if (typeof value === 'string' && UUID.test(value)) ids.push(value);
    else if (Array.isArray(value)) value.forEach(walk);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(walk);
  };
  walk(entry.data);
  return ids;
}

export default function InboxPage() {
  const session = useSignedIn();
  const agency = session.user.agency;
  const { t } = useI18n();
  const client = useQueryClient();
  const [freshIds, setFreshIds] = useState<ReadonlySet<string>>(new Set());
  const [freshCases, setFreshCases] = useState<ReadonlySet<string>>(new Set());
  const [announcement, setAnnouncement] = useState('');

  const leadList = useListState<LeadSortKey>(LEAD_SORTS, { sort: 'status', dir: 'asc' }, 'l');
  const leadStatus = oneOf(leadList.get('status'), LEAD_STATUSES);
  const leadQuery = {
    // Still ours to answer unless a status is chosen: not yet accepted, or accepted and the sender waits for feedback.
    leadStatus: leadStatus === 'all' ? undefined : ((leadStatus ?? 'open') satisfies LeadStatusFilter),
    leadDeadline: oneOf(leadList.get('deadline'), OPEN_STATUSES),
    sender: oneOf(leadList.get('sender'), agencyIds),
    transferredFrom: dateOf(leadList.get('from')),
    transferredTo: dateOf(leadList.get('to')),
    leadSort: leadList.sort,
    leadDir: leadList.dir,
    leadLimit: LEADS_PAGE,
    leadOffset: leadList.page * LEADS_PAGE,
    // Only what the page shows: the agency's whole board (its deadlines and cases, the leads it sent) is megabytes on a year's store.
    parts: 'leads,mine',
  };
  const inbox = useQuery({
    queryKey: ['inbox', 'agency', agency, leadQuery],
    queryFn: ({ signal }) => agencyApi<InboxAnswer>(agency, withQuery('/inbox', leadQuery), { signal }),
    placeholderData: keepPreviousData,
  });
  const deadlineList = useListState<DeadlineSortKey>(deadlineSortKeys, { sort: 'dueAt', dir: 'asc' }, 'd');
  const deadlineQuery = {
    agency,
    status: oneOf(deadlineList.get('status'), OPEN_STATUSES),
    responsible: oneOf(deadlineList.get('responsible'), [...agencyIds, 'party' as const]),
    kind: oneOf(deadlineList.get('kind'), Object.keys(deadlineKindLabels)),
    dueFrom: dateOf(deadlineList.get('from')),
    dueTo: dateOf(deadlineList.get('to')),
    sort: deadlineList.sort,
    dir: deadlineList.dir,
    limit: DEADLINES_PAGE,
    offset: deadlineList.page * DEADLINES_PAGE,
  };
  const deadlines = useQuery({
    queryKey: ['inbox', 'deadlines', deadlineQuery],
    queryFn: ({ signal }) => hub<DeadlineList>(withQuery('/deadlines', deadlineQuery), { signal }),
    placeholderData: keepPreviousData,
  });
  const list = useListState<CaseSortKey>(CASE_SORTS, { sort: 'lastActivity', dir: 'desc' }, 'c');
  const caseQuery = {
    agency,
    deadline: oneOf(list.get('deadline'), ['overdue', 'due_soon', 'pending', 'none'] as const),
    handler: list.get('handler').trim().slice(0, 200) || undefined,
    openedFrom: dateOf(list.get('openedFrom')),
    openedTo: dateOf(list.get('openedTo')),
    sort: list.sort,
    dir: list.dir,
    limit: CASES_PAGE,
    offset: list.page * CASES_PAGE,
  };
  const cases = useQuery({
    queryKey: ['inbox', 'cases', caseQuery],
    queryFn: ({ signal }) => hub<CaseSearch>(withQuery('/cases', caseQuery), { signal }),
    placeholderData: keepPreviousData,
  });
  // The cases the leads and deadlines shown are about, by name (the page of our cases holds only some).
  const named = [
    ...new Set([
      ...(inbox.data?.leads ?? []).map((l) => l.caseId),
      ...(inbox.data?.mine.cases ?? []).map((c) => c.caseId),
      ...(inbox.data?.mine.deadlines ?? []).map((d) => d.caseId),
      ...(deadlines.data?.deadlines ?? []).map((d) => d.caseId),
    ]),
  ]
    .sort()
    .slice(0, 100);
  const names = useQuery({
    queryKey: ['inbox', 'names', named],
    queryFn: ({ signal }) => hub<CaseSearch>(withQuery('/cases', { ids: named.join(','), limit: 100 }), { signal }),
    enabled: named.length > 0,
    placeholderData: keepPreviousData,
  });

  const onEvents = useCallback(
    (events: TimelineEntry[]) => {
      void client.invalidateQueries({ queryKey: ['inbox'] });
      void client.invalidateQueries({ queryKey: ['cases'] });
      setFreshIds((before) => new Set([...before, ...events.flatMap(idsOf)]));
      setFreshCases((before) => new Set([...before, ...events.filter((e) => e.kind === 'case').map((e) => e.subjectId)]));
      const lead = events.find((e) => e.type === 'LeadTransferred' && (e.data as { to?: unknown } | null)?.to === agency);
      const last = events[events.length - 1]!;
      setAnnouncement(lead ? t('收到新线索', 'A new lead has arrived') : t(`新动态：${last.label.zh}`, `New: ${last.label.en}`));
    },
    [client, agency, t],
  );

  const feed = useLiveFeed(session.token, { kind: 'inbox' }, { after: 'now', onEvents });

  const byCase = new Map([...(names.data?.cases ?? []), ...(cases.data?.cases ?? [])].map((c) => [c.caseId, c]));
  return (
    <>
      <PageTitle title={{ zh: `${agencyNames[agency].zh}工作台`, en: `${agencyNames[agency].en}: inbox` }}>
        <FeedStatus status={feed.status} problem={feed.problem} />
      </PageTitle>
      <Announcer message={announcement} />
      {/* 我的案件, 我的期限 first (承办人, docs/handlers.md); an administrator sees each person's load. */}
      {hasRole(session, 'liaison') ? <MineSection query={inbox} byCase={byCase} fresh={freshIds} /> : null}
      {hasRole(session, 'admin') ? <WorkloadSection agency={agency} /> : null}
      <LeadsSection query={inbox} list={leadList} byCase={byCase} fresh={freshIds} />
      <DeadlinesSection query={deadlines} list={deadlineList} agency={agency} byCase={byCase} fresh={freshIds} />
      <CasesSection query={cases} list={list} fresh={freshCases} pageSize={CASES_PAGE} agency={agency} />
    </>
  );
}

const LEAD_FILTERS = ['status', 'deadline', 'sender', 'from', 'to'] as const;

function LeadsSection({
  query,
  list,
  byCase,
  fresh,
}: {
  query: Loaded<InboxAnswer> & { isFetching: boolean };
  list: ListState<LeadSortKey>;
  byCase: ReadonlyMap<string, CaseEntry>;
  fresh: ReadonlySet<string>;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const leads = query.data?.leads ?? [];
  const total = query.data?.leadsTotal ?? 0;
  const header = (label: string, column: LeadSortKey, firstDir: 'asc' | 'desc' = 'asc') => (
    <SortHeader label={label} column={column} list={list} firstDir={firstDir} />
  );
  return (
    <TableSection
      id="inbox-leads"
      title={
        query.data
          ? t(`移送给本机构的线索（${formatNumber(total, lang)} 条）`, `Leads sent to us (${formatNumber(total, lang)})`)
          : t('移送给本机构的线索', 'Leads sent to us')
      }
      query={query}
      rows={leads.length}
      summary={
        <FilterBar name={t('筛选线索', 'Filter leads')} list={list} keys={LEAD_FILTERS}>
          <FilterChoice
            id={`${id}-status`}
            label={t('办理状态', 'Status')}
            all={t('尚未办结', 'Still to answer')}
            value={list.get('status')}
            onChange={(status) => list.set({ status })}
            options={[
              ['pending', t('待接收', 'To accept')],
              ['feedback_owed', t('已接收，待反馈', 'Accepted, feedback owed')],
              ['closed', t('已办结（已反馈或不予接收）', 'Answered or declined')],
              ['all', t('全部线索', 'All leads')],
            ]}
          />
          <FilterChoice
            id={`${id}-deadline`}
            label={t('反馈期限', 'Feedback due')}
            all={t('全部', 'All')}
            value={list.get('deadline')}
            onChange={(deadline) => list.set({ deadline })}
            options={OPEN_STATUSES.map((s) => [s, t(deadlineStateWords[s].label)])}
          />
          <FilterChoice
            id={`${id}-sender`}
            label={t('移送机构', 'From')}
            all={t('全部机构', 'All agencies')}
            value={list.get('sender')}
            onChange={(sender) => list.set({ sender })}
            options={agencyIds.map((a) => [a, t(agencyShortNames[a])])}
          />
          <FilterDates id={`${id}-sent`} label={t('移送日期', 'Sent')} from={list.get('from')} to={list.get('to')} onChange={(range) => list.set(range)} />
        </FilterBar>
      }
      empty={t('没有符合条件的线索', 'No leads match')}
      caption={t('移送给本机构的线索；点击列标题可排序', 'Leads sent to us; a column header sorts the list')}
      tableId="inbox-leads-table"
      busy={query.isFetching}
      columns={[]}
      head={
        <>
          {header(t('移送机构', 'From'), 'sender')}
          {header(t('线索摘要', 'Summary'), 'summary')}
          {header(t('移送日期', 'Sent'), 'transferredAt', 'desc')}
          {header(t('状态', 'Status'), 'status')}
          {header(t('反馈期限', 'Feedback due'), 'feedbackDueAt')}
          <th scope="col">{t('案件', 'Case')}</th>
        </>
      }
      footer={<Pager page={list.page} total={total} size={LEADS_PAGE} onPage={(n) => list.set({ page: n > 0 ? String(n) : undefined })} />}
    >
      {leads.map((lead) => {
        const isNew = fresh.has(lead.leadId);
        return (
          <tr key={lead.leadId} className={isNew ? 'is-new' : undefined}>
            <td>
              {isNew ? <NewBadge /> : null} <AgencyName agency={lead.from} />
            </td>
            <td>{lead.summary}</td>
            <td className="nowrap">
              <DateText value={lead.transferredAt} />
            </td>
            <td>
              <LeadStatus lead={lead} />
            </td>
            <td className="nowrap">
              <DateText value={lead.feedbackDueAt} />
              {lead.feedback ? (
                <div>
                  <DeadlineBadge status={lead.feedback} />
                </div>
              ) : null}
            </td>
            <td>
              <CaseLink caseId={lead.caseId} entry={byCase.get(lead.caseId)} about={lead.summary} />
            </td>
          </tr>
        );
      })}
    </TableSection>
  );
}

function LeadStatus({ lead }: { lead: InboxLead }) {
  const { t } = useI18n();
  if (lead.status === 'pending') return <span className="badge badge-waiting">{t('待接收', 'To accept')}</span>;
  if (lead.status === 'declined') return <span className="badge">{t('不予接收', 'Declined')}</span>;
  if (lead.feedbackGiven) return <span className="badge">{t('已反馈', 'Feedback given')}</span>;
  return <span className="badge">{t('已接收，待反馈', 'Accepted, feedback owed')}</span>;
}

const DEADLINE_FILTERS = ['status', 'responsible', 'kind', 'from', 'to'] as const;

function DeadlinesSection({
  query,
  list,
  agency,
  byCase,
  fresh,
}: {
  query: Loaded<DeadlineList> & { isFetching: boolean };
  list: ListState<DeadlineSortKey>;
  agency: AgencyId;
  byCase: ReadonlyMap<string, CaseEntry>;
  fresh: ReadonlySet<string>;
}) {
  const { t, lang } = useI18n();
  const id = useId();
  const rows = query.data?.deadlines ?? [];
  const total = query.data?.total ?? 0;
  const counts = query.data?.counts;
  const header = (label: string, column: DeadlineSortKey) => <SortHeader label={label} column={column} list={list} />;
  return (
    <TableSection
      id="inbox-deadlines"
      title={
        query.data
          ? t(`本机构的期限（${formatNumber(total, lang)} 项未完成）`, `Our deadlines (${formatNumber(total, lang)} open)`)
          : t('本机构的期限', 'Our deadlines')
      }
      query={query}
      rows={rows.length}
      summary={
        <>
          {counts ? (
            <p className="deadline-counts">
              {OPEN_STATUSES.map((s) => (
                <span key={s}>
                  <DeadlineBadge status={s} /> {formatNumber(counts[s], lang)}
                </span>
              ))}
            </p>
          ) : null}
          <FilterBar name={t('筛选期限', 'Filter deadlines')} list={list} keys={DEADLINE_FILTERS}>
            <FilterChoice
              id={`${id}-status`}
              label={t('期限状态', 'Deadline state')}
              all={t('全部未完成', 'All open')}
              value={list.get('status')}
              onChange={(status) => list.set({ status })}
              options={OPEN_STATUSES.map((s) => [s, t(deadlineStateWords[s].label)])}
            />
            <FilterChoice
              id={`${id}-responsible`}
              label={t('办理方', 'Who acts')}
              all={t('全部', 'All')}
              value={list.get('responsible')}
              onChange={(responsible) => list.set({ responsible })}
              options={[...agencyIds.map((a) => [a, t(agencyShortNames[a])] as const), ['party', t('机构以外的单位或个人', 'Outside party')] as const]}
            />
            <FilterChoice
              id={`${id}-kind`}
              label={t('事项', 'What')}
              all={t('全部事项', 'All kinds')}
              value={list.get('kind')}
              onChange={(kind) => list.set({ kind })}
              options={Object.entries(deadlineKindLabels).map(([k, l]) => [k, t(l)])}
            />
            <FilterDates id={`${id}-due`} label={t('期限', 'Due')} from={list.get('from')} to={list.get('to')} onChange={(range) => list.set(range)} />
          </FilterBar>
        </>
      }
      empty={t('没有符合条件的未完成期限', 'No open deadlines match')}
      caption={t('本机构办理或等待答复的未完成期限；点击列标题可排序', 'Open deadlines we answer for or wait on; a column header sorts the list')}
      tableId="inbox-deadlines-table"
      busy={query.isFetching}
      columns={[]}
      head={
        <>
          {header(t('期限', 'Due'), 'dueAt')}
          {header(t('事项', 'What'), 'kind')}
          {header(t('办理方', 'Who acts'), 'responsible')}
          <th scope="col">{t('案件', 'Case')}</th>
        </>
      }
      footer={<Pager page={list.page} total={total} size={DEADLINES_PAGE} onPage={(n) => list.set({ page: n > 0 ? String(n) : undefined })} />}
    >
      {rows.map((d) => (
        <DeadlineRow key={`${d.caseId}:${d.kind}:${d.ref}`} deadline={d} agency={agency} entry={byCase.get(d.caseId)} isNew={fresh.has(d.ref)} />
      ))}
    </TableSection>
  );
}

function DeadlineRow({ deadline: d, agency, entry, isNew }: { deadline: DeadlineEntry; agency: AgencyId; entry: CaseEntry | undefined; isNew: boolean }) {
  const { t } = useI18n();
  const ours = d.responsibleAgency === agency;
  return (
    <tr className={isNew ? 'is-new' : undefined}>
      <td className="nowrap">
        {isNew ? <NewBadge /> : null} <DateText value={d.dueAt} />
        {d.status ? (
          <div>
            <DeadlineBadge status={d.status} />
          </div>
        ) : null}
      </td>
      <td>
        <strong>{t(deadlineKindLabel(d.kind))}</strong>
      </td>
      <td>
        {d.responsibleAgency ? <AgencyName agency={d.responsibleAgency} /> : <span>{d.party ?? '—'}</span>}
        <div className="small muted">{ours ? t('本机构办理', 'Ours to do') : t('本机构等待答复', 'We are waiting')}</div>
      </td>
      <td>
        <CaseLink caseId={d.caseId} entry={entry} caseNumber={d.caseNumber} />
      </td>
    </tr>
  );
}
