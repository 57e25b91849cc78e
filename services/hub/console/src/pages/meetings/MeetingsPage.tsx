/**
 * /meetings: the rectification list across cases (overdue first), the joint meetings, and for a
 * joint-meeting secretary the form to schedule one with items ticked in the list as its agenda.
 * Prints as an A4 rectification list.
 */
import { useCallback, useMemo, useState } from 'react';
import { shanghaiDate, useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { DateText, PageTitle } from '../../components/common.tsx';
import { isDecidable } from './labels.ts';
import { MeetingList } from './MeetingList.tsx';
import { PrintButton } from './PrintButton.tsx';
import './meetings.css';
import { RectificationSection } from './RectificationSection.tsx';
import { ScheduleMeetingForm } from './ScheduleMeetingForm.tsx';
import type { RectificationItem } from './types.ts';

const TITLE = { zh: '联席会议', en: 'Joint meetings' };

/** Ticked items, in the order they were ticked, kept across filters and pages. */
function useAgendaPicks() {
  const [picked, setPicked] = useState<RectificationItem[]>([]);
  const toggle = useCallback((item: RectificationItem) => {
    setPicked((list) => (list.some((i) => i.itemId === item.itemId) ? list.filter((i) => i.itemId !== item.itemId) : [...list, item]));
  }, []);
  const selection = useMemo(
    () => ({
      isSelected: (item: RectificationItem) => picked.some((i) => i.itemId === item.itemId),
      canSelect: isDecidable,
      toggle,
    }),
    [picked, toggle],
  );
  return { picked, selection, toggle, clear: () => setPicked([]) };
}

export default function MeetingsPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const secretary = hasRole(session, 'secretary');
  const agenda = useAgendaPicks();
  return (
    <div className="mtg-page mtg-page-list">
      <p className="mtg-print-title" aria-hidden="true">
        {t('联席会议整改清单', 'Joint meeting rectification list')}
      </p>
      <PageTitle title={TITLE}>
        <PrintButton />
      </PageTitle>
      <p className="mtg-print-only">
        {t('打印日期', 'Printed')}：<DateText value={`${shanghaiDate()}T04:00:00Z`} />
      </p>
      <RectificationSection selection={secretary ? agenda.selection : undefined} />
      <div className={secretary ? 'mtg-columns no-print' : 'no-print'}>
        <MeetingList />
        {secretary ? <ScheduleMeetingForm items={agenda.picked} onRemove={agenda.toggle} onScheduled={agenda.clear} /> : null}
      </div>
    </div>
  );
}
