/** The joint meetings, scheduled and held, newest first, each a link to its page. */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { AgencyName, DateText, Empty, Loading, ProblemMessage } from '../../components/common.tsx';
import { useMeetings } from './queries.ts';
import type { MeetingStatus, MeetingSummary } from './types.ts';

export function MeetingStatusBadge({ meeting }: { meeting: Pick<MeetingSummary, 'status' | 'statusLabel'> }) {
  const { t } = useI18n();
  return (
    <span className={`badge mtg-meeting-${meeting.status}`}>
      <span aria-hidden="true">{meeting.status === 'held' ? '✓ ' : '◷ '}</span>
      {t(meeting.statusLabel)}
    </span>
  );
}

function Decisions({ meeting }: { meeting: MeetingSummary }) {
  const { t, lang } = useI18n();
  if (meeting.status !== 'held') return <span className="muted">{t('待召开', 'Not held yet')}</span>;
  if (meeting.decisionCount === 0) return <>{t('无决定', 'No decisions')}</>;
  const all = meeting.appliedCount === meeting.decisionCount;
  return (
    <>
      {t(`${formatNumber(meeting.decisionCount, lang)} 项`, `${formatNumber(meeting.decisionCount, lang)}`)}
      {' · '}
      <span className={all ? undefined : 'mtg-warn'}>
        {all ? t('均已记入案件', 'all on their cases') : t(`已记入案件 ${meeting.appliedCount} 项`, `${meeting.appliedCount} on their cases`)}
      </span>
    </>
  );
}

export function MeetingList() {
  const { t, lang } = useI18n();
  const headingId = useId();
  const [status, setStatus] = useState<MeetingStatus | ''>('');
  const query = useMeetings(status || undefined);
  const meetings = query.data?.meetings ?? [];
  return (
    <section className="card mtg-meetings" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('会议列表', 'Meetings')}</h2>
      <div className="filters no-print">
        <label className="field">
          <span>{t('会议状态', 'Meeting status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value as MeetingStatus | '')}>
            <option value="">{t('全部会议', 'All meetings')}</option>
            <option value="scheduled">{t('已安排', 'Scheduled')}</option>
            <option value="held">{t('已召开', 'Held')}</option>
          </select>
        </label>
      </div>
      {query.isPending ? <Loading /> : null}
      <ProblemMessage error={query.error} />
      {query.data && meetings.length === 0 ? <Empty>{t('还没有联席会议。', 'No joint meetings yet.')}</Empty> : null}
      {meetings.length > 0 ? (
        <div className="table-wrap">
          <table className="mtg-row-table">
            <caption className="visually-hidden">{t('联席会议，最近的在前', 'Joint meetings, newest first')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('会议名称', 'Title')}</th>
                <th scope="col">{t('主办机构', 'Host')}</th>
                <th scope="col">{t('会议时间', 'When')}</th>
                <th scope="col">{t('状态', 'Status')}</th>
                <th scope="col" className="number">
                  {t('案件数', 'Cases')}
                </th>
                <th scope="col">{t('会议决定', 'Decisions')}</th>
              </tr>
            </thead>
            <tbody>
              {meetings.map((m) => (
                <tr key={m.meetingId}>
                  <th scope="row">
                    <Link to={`/meetings/${m.meetingId}`}>{m.title ?? t('（未命名会议）', '(untitled meeting)')}</Link>
                  </th>
                  <td>
                    <AgencyName agency={m.hostAgency} />
                  </td>
                  <td>
                    <DateText value={m.scheduledFor ?? m.heldAt} time />
                  </td>
                  <td>
                    <MeetingStatusBadge meeting={m} />
                  </td>
                  <td className="number">{formatNumber(m.caseCount, lang)}</td>
                  <td>
                    <Decisions meeting={m} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {query.data?.more ? <p className="muted mtg-small">{t('只显示最近 200 次会议。', 'Showing the latest 200 meetings.')}</p> : null}
    </section>
  );
}
