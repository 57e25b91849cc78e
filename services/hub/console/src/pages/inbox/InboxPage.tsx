/**
 * / — the signed-in agency's inbox: leads sent to us, our most urgent open deadlines (overdue
 * first, 50 of them), and our cases a page at a time, sorted by any column (kept in the URL). The page follows the agency's live feed: anything new reloads the lists, the rows it
 * touched are marked 新, and a polite live region says what came (收到新线索).
 */
import { agencyNames, type AgencyId } from '@hub/contracts';
import type { CaseEntry, CaseSearch, CaseSortKey, DeadlineEntry, DeadlineList, InboxAnswer, InboxLead } from '@hub/hub-service/wire';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { agencyApi, hub, withQuery } from '../../app/api.ts';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { useLiveFeed, type TimelineEntry } from '../../app/live.ts';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { AgencyName, DateText, DeadlineBadge, PageTitle } from '../../components/common.tsx';
import { useListState } from '../../components/lists.tsx';
import { byUrgency, deadlineKindLabel } from '../case/deadlineKinds.ts';
import { Announcer, FeedStatus } from '../case/FeedStatus.tsx';
import { CasesSection } from './InboxCases.tsx';
import { MineSection, WorkloadSection } from './Mine.tsx';
import { CaseLink, NewBadge } from './shared.tsx';
import { TableSection, type Loaded } from './TableSection.tsx';
import './inbox.css';

/** Our cases a page at a time; the deadlines, most urgent first, this many. */
const CASES_PAGE = 20;
const DEADLINES_SHOWN = 50;
const CASE_SORTS = ['lastActivity', 'employer', 'category', 'stage', 'status', 'agencies'] as const satisfies readonly CaseSortKey[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

  const inbox = useQuery({
    queryKey: ['inbox', 'agency', agency],
    queryFn: ({ signal }) => agencyApi<InboxAnswer>(agency, '/inbox', { signal }),
  });
  const deadlines = useQuery({
    queryKey: ['inbox', 'deadlines', agency],
    queryFn: ({ signal }) => hub<DeadlineList>(withQuery('/deadlines', { agency, limit: DEADLINES_SHOWN }), { signal }),
  });
  const list = useListState<CaseSortKey>(CASE_SORTS, { sort: 'lastActivity', dir: 'desc' }, 'c');
  const cases = useQuery({
    queryKey: ['inbox', 'cases', agency, list.sort, list.dir, list.page],
    queryFn: ({ signal }) =>
      hub<CaseSearch>(withQuery('/cases', { agency, sort: list.sort, dir: list.dir, limit: CASES_PAGE, offset: list.page * CASES_PAGE }), { signal }),
    placeholderData: keepPreviousData,
  });
  // The cases the leads and deadlines shown are about, by name (the page of our cases holds only some).
  const named = [
    ...new Set([
      ...(inbox.data?.leads ?? []).filter(stillOpen).map((l) => l.caseId),
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
      <div className="inbox-grid">
        <LeadsSection query={inbox} byCase={byCase} fresh={freshIds} />
        <DeadlinesSection query={deadlines} agency={agency} byCase={byCase} fresh={freshIds} />
      </div>
      <CasesSection query={cases} list={list} fresh={freshCases} pageSize={CASES_PAGE} />
    </>
  );
}

/** Still ours to answer: not yet accepted or declined, or accepted and the sender still waits for feedback. */
const stillOpen = (lead: InboxLead) => lead.status === 'pending' || (lead.status === 'accepted' && !lead.feedbackGiven);

function LeadsSection({ query, byCase, fresh }: { query: Loaded<InboxAnswer>; byCase: ReadonlyMap<string, CaseEntry>; fresh: ReadonlySet<string> }) {
  const { t } = useI18n();
  const leads = (query.data?.leads ?? [])
    .filter(stillOpen)
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending') || a.feedbackDueAt.localeCompare(b.feedbackDueAt));
  return (
    <TableSection
      id="inbox-leads"
      title={t('移送给本机构的线索', 'Leads sent to us')}
      query={query}
      rows={leads.length}
      empty={t('没有待办理的线索', 'No leads waiting for us')}
      caption={t('移送给本机构、尚未办结的线索，待接收的在前', 'Leads sent to us and not yet answered, unanswered first')}
      columns={[t('移送机构', 'From'), t('线索摘要', 'Summary'), t('状态', 'Status'), t('反馈期限', 'Feedback due'), t('案件', 'Case')]}
    >
      {leads.map((lead) => {
        const isNew = fresh.has(lead.leadId);
        return (
          <tr key={lead.leadId} className={isNew ? 'is-new' : undefined}>
            <td>
              {isNew ? <NewBadge /> : null} <AgencyName agency={lead.from} />
            </td>
            <td>
              {lead.summary}
              <div className="muted small">
                {t('移送于', 'Sent')} <DateText value={lead.transferredAt} />
              </div>
            </td>
            <td>
              {lead.status === 'pending' ? (
                <span className="badge badge-waiting">{t('待接收', 'To accept')}</span>
              ) : (
                <span className="badge">{t('已接收，待反馈', 'Accepted, feedback owed')}</span>
              )}
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

const STATUS_ORDER = ['overdue', 'due_today', 'due_soon', 'pending'] as const;

function DeadlinesSection({
  query,
  agency,
  byCase,
  fresh,
}: {
  query: Loaded<DeadlineList>;
  agency: AgencyId;
  byCase: ReadonlyMap<string, CaseEntry>;
  fresh: ReadonlySet<string>;
}) {
  const { t, lang } = useI18n();
  const list = [...(query.data?.deadlines ?? [])].filter((d) => !d.met).sort(byUrgency);
  const counts = query.data?.counts;
  return (
    <TableSection
      id="inbox-deadlines"
      title={t('本机构的期限', 'Our deadlines')}
      query={query}
      rows={list.length}
      summary={
        counts ? (
          <p className="deadline-counts">
            {STATUS_ORDER.map((s) => (
              <span key={s}>
                <DeadlineBadge status={s} /> {formatNumber(counts[s], lang)}
              </span>
            ))}
          </p>
        ) : null
      }
      empty={t('没有未完成的期限', 'No open deadlines')}
      caption={t('本机构办理或等待答复的期限，逾期的在前', 'Deadlines we answer for or wait on, overdue first')}
      footer={
        query.data && query.data.total > list.length ? (
          <p className="muted small">
            {t(
              `显示最紧急的 ${formatNumber(list.length, lang)} 项，共 ${formatNumber(query.data.total, lang)} 项未完成`,
              `The ${list.length} most urgent of ${formatNumber(query.data.total, lang)} open deadlines`,
            )}
          </p>
        ) : null
      }
      columns={[t('状态', 'Status'), t('事项及办理方', 'What, and who acts'), t('期限', 'Due'), t('案件', 'Case')]}
    >
      {list.map((d) => (
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
        {isNew ? <NewBadge /> : null} {d.status ? <DeadlineBadge status={d.status} /> : null}
      </td>
      <td>
        <strong>{t(deadlineKindLabel(d.kind))}</strong>
        <div className="small">
          {d.responsibleAgency ? <AgencyName agency={d.responsibleAgency} /> : <span>{d.party ?? '—'}</span>}
          {ours ? (
            <span className="muted">{t('（本机构办理）', ' (ours to do)')}</span>
          ) : (
            <span className="muted">{t('（本机构等待答复）', ' (we are waiting)')}</span>
          )}
        </div>
      </td>
      <td className="nowrap">
        <DateText value={d.dueAt} />
      </td>
      <td>
        <CaseLink caseId={d.caseId} entry={entry} caseNumber={d.caseNumber} />
      </td>
    </tr>
  );
}
