/**
 * 承办人 on the inbox (docs/handlers.md): the cases the signed-in person handles and our deadlines
 * on them, first; for an administrator, each person's open cases and overdue deadlines.
 */
import type { AgencyId } from '@hub/contracts';
import type { CaseEntry, InboxAnswer, WorkloadAnswer } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { agencyApi } from '../../app/api.ts';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { DateText, DeadlineBadge } from '../../components/common.tsx';
import { byUrgency, deadlineKindLabel } from '../case/deadlineKinds.ts';
import { CaseLink, CaseStatus, NewBadge, StageText } from './shared.tsx';
import { TableSection, type Loaded } from './TableSection.tsx';

export function MineSection({ query, byCase, fresh }: { query: Loaded<InboxAnswer>; byCase: ReadonlyMap<string, CaseEntry>; fresh: ReadonlySet<string> }) {
  const { t } = useI18n();
  const cases = query.data?.mine.cases ?? [];
  const deadlines = [...(query.data?.mine.deadlines ?? [])].sort(byUrgency);
  return (
    <div className="inbox-grid inbox-mine">
      <TableSection
        id="inbox-my-cases"
        title={t('我的案件', 'My cases')}
        query={query}
        rows={cases.length}
        empty={t('还没有指定由您承办的案件', 'No case is assigned to you yet')}
        caption={t('由您承办的案件，最近有动态的在前', 'Cases you handle, most recently active first')}
        columns={[t('案件', 'Case'), t('环节', 'Stage'), t('状态', 'Status'), t('最近动态', 'Last activity')]}
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
        empty={t('您承办的案件没有未完成的期限', 'No open deadlines on the cases you handle')}
        caption={t('您承办的案件上本机构的期限，逾期的在前', 'Our deadlines on the cases you handle, overdue first')}
        columns={[t('状态', 'Status'), t('事项', 'What'), t('期限', 'Due'), t('案件', 'Case')]}
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
  const people = query.data?.people ?? [];
  return (
    <TableSection
      id="inbox-workload"
      title={t('承办人工作量', 'Workload per handler')}
      query={query}
      rows={people.length}
      empty={t('本机构还没有联络员', 'Your agency has no liaisons yet')}
      caption={t('每位承办人承办的未结案件及其逾期、临期期限，逾期多的在前', 'Each handler’s open cases and deadlines overdue or due soon, most overdue first')}
      columns={[t('承办人', 'Handler'), t('办理中案件', 'Open cases'), t('逾期期限', 'Overdue'), t('临期期限', 'Due soon')]}
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
