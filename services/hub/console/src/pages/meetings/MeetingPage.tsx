/**
 * /meetings/:meetingId: one joint meeting — its plan, the rectification items of the cases on its
 * agenda with their deadlines, and either the form to record it as held (the host's secretary)
 * or the decisions it took and whether each is on its case. Prints as A4 minutes.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { KnownCaseNumbers } from '../../components/CaseNumber.tsx';
import { AgencyName, Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import { HoldMeetingForm } from './HoldMeetingForm.tsx';
import { isDecidable } from './labels.ts';
import { ApplyDecisions, DecisionCell, OtherDecisions, OutcomeReport } from './MeetingDecisions.tsx';
import { MeetingFacts } from './MeetingFacts.tsx';
import { MinutesFoot, MinutesHead } from './MinutesDocument.tsx';
import { PrintButton } from './PrintButton.tsx';
import './meetings.css';
import { refreshAfterMeeting, useItemsOfCases, useMeeting } from './queries.ts';
import { RectificationTable } from './RectificationTable.tsx';
import type { DecisionOutcome, MeetingDetail, RectificationItem } from './types.ts';

const key = (caseId: string, itemId: string) => `${caseId}/${itemId}`;

function AgendaSection({ meeting, items, pending, error }: { meeting: MeetingDetail; items: readonly RectificationItem[]; pending: boolean; error: unknown }) {
  const { t } = useI18n();
  const headingId = useId();
  const decisions = new Map(meeting.decisions.map((d) => [key(d.caseId, d.itemId), d]));
  const shown = new Set(items.map((i) => key(i.caseId, i.itemId)));
  const held = meeting.status === 'held';
  const applied = meeting.decisions.filter((d) => d.applied).length;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className={held ? 'mtg-screen-only' : undefined}>
        {t('议程事项', 'Agenda items')}
      </h2>
      {held ? (
        <p className="mtg-summary mtg-screen-only">
          {t(
            `会议作出 ${meeting.decisions.length} 项决定，已记入案件 ${applied} 项。`,
            `${meeting.decisions.length} decision(s) taken, ${applied} recorded on their cases.`,
          )}
        </p>
      ) : null}
      {pending ? <Loading /> : null}
      <ProblemMessage error={error} />
      {!pending && meeting.caseIds.length === 0 ? <Empty>{t('本次会议的议程没有列入案件。', 'No cases are on this meeting’s agenda.')}</Empty> : null}
      {!pending && meeting.caseIds.length > 0 && items.length === 0 ? (
        <Empty>{t('议程中的案件没有可查看的整改事项。', 'The agenda’s cases have no rectification items you can see.')}</Empty>
      ) : null}
      {items.length > 0 ? (
        <RectificationTable
          items={items}
          caption={t('议程中案件的整改事项及会议决定', 'Items of the agenda’s cases and the meeting’s decisions')}
          decision={{
            heading: t('会议决定', 'Decision'),
            render: (item) =>
              held ? (
                <DecisionCell decision={decisions.get(key(item.caseId, item.itemId))} />
              ) : (
                <span className="muted">{t('待会议决定', 'Awaiting the meeting')}</span>
              ),
          }}
        />
      ) : null}
      <OtherDecisions decisions={meeting.decisions.filter((d) => !shown.has(key(d.caseId, d.itemId)))} />
    </section>
  );
}

function NotHost({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  return (
    <p className="muted no-print">
      {t('本次会议由', 'This meeting is hosted by the ')}
      <AgencyName agency={meeting.hostAgency} />
      {t('主办，只有主办机构的联席会议秘书可以记录会议召开及决定。', '; only its joint-meeting secretary records it and its decisions.')}
    </p>
  );
}

function Meeting({ meeting }: { meeting: MeetingDetail }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const client = useQueryClient();
  const cases = useItemsOfCases(meeting.caseIds);
  // A held meeting's minutes show the items that existed when it sat, not ones ordered since.
  const agenda = meeting.heldAt === null ? cases : { ...cases, items: cases.items.filter((item) => Date.parse(item.orderedAt) <= Date.parse(meeting.heldAt!)) };
  const [outcomes, setOutcomes] = useState<{ list: DecisionOutcome[]; title: string } | null>(null);
  const isHost = hasRole(session, 'secretary') && session.user.agency === meeting.hostAgency;
  const held = meeting.status === 'held';
  const unapplied = meeting.decisions.some((d) => !d.applied);
  const onHeld = async (list: DecisionOutcome[]) => {
    setOutcomes({ list, title: t('会议已召开并记录。', 'The meeting is recorded as held.') });
    await refreshAfterMeeting(client, meeting.meetingId);
  };
  return (
    <>
      {held ? (
        <MinutesHead meeting={meeting} />
      ) : (
        <p className="mtg-print-title" aria-hidden="true">
          {t('联席会议整改清单', 'Joint meeting rectification list')}
        </p>
      )}
      <div className={held ? 'mtg-screen-only' : undefined}>
        <PageTitle title={{ zh: meeting.title ?? '联席会议', en: meeting.title ?? 'Joint meeting' }}>
          <Link to="/meetings" className="button no-print">
            {t('返回联席会议', 'Back to meetings')}
          </Link>
          <PrintButton />
        </PageTitle>
        <section className="card mtg-facts-card" aria-label={t('会议信息', 'Meeting details')}>
          <MeetingFacts meeting={meeting} />
        </section>
      </div>
      {outcomes ? <OutcomeReport outcomes={outcomes.list} items={agenda.items} title={outcomes.title} /> : null}
      {held && isHost && unapplied ? (
        <ApplyDecisions meeting={meeting} onApplied={(list) => setOutcomes({ list, title: t('已补记会议决定。', 'Decisions recorded.') })} />
      ) : null}
      <AgendaSection meeting={meeting} items={agenda.items} pending={agenda.isPending} error={agenda.error} />
      {held ? <MinutesFoot meeting={meeting} /> : null}
      {!held && isHost && !agenda.isPending ? (
        <HoldMeetingForm meeting={meeting} items={agenda.items.filter(isDecidable)} onHeld={(list) => void onHeld(list)} />
      ) : null}
      {!held && !isHost ? <NotHost meeting={meeting} /> : null}
    </>
  );
}

export default function MeetingPage() {
  const { t } = useI18n();
  const { meetingId = '' } = useParams();
  const query = useMeeting(meetingId);
  if (query.isPending) return <Loading />;
  if (query.error || !query.data) {
    return (
      <>
        <PageTitle title={{ zh: '联席会议', en: 'Joint meeting' }} />
        <ProblemMessage error={query.error} />
        <p>
          <Link to="/meetings">{t('返回联席会议', 'Back to meetings')}</Link>
        </p>
      </>
    );
  }
  return (
    <div className="mtg-page">
      <KnownCaseNumbers.Provider value={query.data.meeting.caseNumbers ?? {}}>
        <Meeting meeting={query.data.meeting} />
      </KnownCaseNumbers.Provider>
    </div>
  );
}
