/** A meeting's plan and record: host, time, attendees, agenda, minutes. */
import { agencyNames } from '@hub/contracts';
import { useI18n } from '../../app/i18n.tsx';
import { CaseNumberOf } from '../../components/CaseNumber.tsx';
import { AgencyName, DateText } from '../../components/common.tsx';
import { MeetingStatusBadge } from './MeetingList.tsx';
import type { MeetingDetail, MeetingPerson } from './types.ts';

const personWords = (p: MeetingPerson): string => `${p.name}（${p.unit}${p.post ? ` ${p.post}` : ''}）`;

export function MeetingFacts({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  const attendees = meeting.attendees;
  return (
    <dl className="mtg-facts">
      <div>
        <dt>{t('主办机构', 'Host')}</dt>
        <dd>
          <AgencyName agency={meeting.hostAgency} />
        </dd>
      </div>
      <div>
        <dt>{t('会议时间', 'Scheduled for')}</dt>
        <dd>
          <DateText value={meeting.scheduledFor} time />
        </dd>
      </div>
      <div>
        <dt>{t('状态', 'Status')}</dt>
        <dd>
          <MeetingStatusBadge meeting={meeting} />
        </dd>
      </div>
      {meeting.heldAt ? (
        <div>
          <dt>{t('记录时间', 'Recorded')}</dt>
          <dd>
            <DateText value={meeting.heldAt} time />
          </dd>
        </div>
      ) : null}
      {meeting.location ? (
        <div>
          <dt>{t('会议地点', 'Place')}</dt>
          <dd>{meeting.location}</dd>
        </div>
      ) : null}
      {meeting.chair ? (
        <div>
          <dt>{t('主持人', 'Chair')}</dt>
          <dd>{personWords(meeting.chair)}</dd>
        </div>
      ) : null}
      {meeting.recorder ? (
        <div>
          <dt>{t('记录人', 'Minutes taken by')}</dt>
          <dd>{personWords(meeting.recorder)}</dd>
        </div>
      ) : null}
      {attendees ? (
        <div className="mtg-wide">
          <dt>{t('出席单位', 'Attendees')}</dt>
          <dd>{[...attendees.agencies.map((a) => t(agencyNames[a])), ...attendees.otherBodies].join('、') || '—'}</dd>
        </div>
      ) : null}
      {attendees?.persons && attendees.persons.length > 0 ? (
        <div className="mtg-wide">
          <dt>{t('出席人员', 'People attending')}</dt>
          <dd>{attendees.persons.map(personWords).join('、')}</dd>
        </div>
      ) : null}
      {meeting.agenda ? (
        <div className="mtg-wide">
          <dt>{t('议程', 'Agenda')}</dt>
          <dd className="mtg-pre">{meeting.agenda}</dd>
        </div>
      ) : null}
      {meeting.caseIds.length > 0 ? (
        <div className="mtg-wide">
          <dt>{t('议程案件', 'Cases on the agenda')}</dt>
          <dd>
            <ul className="mtg-case-numbers">
              {meeting.caseIds.map((caseId) => (
                <li key={caseId}>
                  <CaseNumberOf caseId={caseId} />
                </li>
              ))}
            </ul>
          </dd>
        </div>
      ) : null}
      {meeting.minutes ? (
        <div className="mtg-wide">
          <dt>{t('会议纪要', 'Minutes')}</dt>
          <dd className="mtg-pre">{meeting.minutes}</dd>
        </div>
      ) : null}
      {meeting.resolutions.length > 0 ? (
        <div className="mtg-wide">
          <dt>{t('议定事项', 'Matters agreed')}</dt>
          <dd>
            <ol className="mtg-resolutions">
              {meeting.resolutions.map((r, i) => (
                <li key={`${i}-${r}`}>{r}</li>
              ))}
            </ol>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}
