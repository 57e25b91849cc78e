/** 安排联席会议: a secretary plans a meeting hosted by their agency, its agenda the items ticked in the list. */
import type { AgencyId } from '@hub/contracts';
import { agencyIds, agencyNames } from '@hub/contracts/words';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { agencyApi } from '../../app/api.ts';
import { formatDate, shanghaiDate, useI18n } from '../../app/i18n.tsx';
import { useSignedIn } from '../../app/session.tsx';
import { ProblemMessage } from '../../components/common.tsx';
import { FieldIssues } from './FieldIssues.tsx';
import { employerNames, participantsLine, rectificationStatusLabels, shanghaiInstant } from './labels.ts';
import { refreshAfterMeeting } from './queries.ts';
import type { RectificationItem, ScheduleMeetingBody, ScheduledMeeting } from './types.ts';

const AGENDA_MAX = 4000;

/** The agenda as recorded (in Chinese, the record's language): the note, who is asked, and each item. */
function agendaText(note: string, participants: readonly AgencyId[], items: readonly RectificationItem[]): string {
  const lines: string[] = [];
  if (note.trim()) lines.push(note.trim());
  lines.push(participantsLine(participants));
  if (items.length > 0) {
    lines.push('审议整改事项：');
    items.forEach((item, i) => {
      const overdue = item.overdue ? '，已逾期' : '';
      lines.push(
        `${i + 1}. ${item.description}（${employerNames(item)}；期限 ${formatDate(item.deadline, 'zh')}${overdue}；${rectificationStatusLabels[item.status].zh}）`,
      );
    });
  }
  return lines.join('\n');
}

interface Props {
  items: readonly RectificationItem[];
  onRemove(item: RectificationItem): void;
  onScheduled(): void;
}

export function ScheduleMeetingForm({ items, onRemove, onScheduled }: Props) {
  const { t } = useI18n();
  const session = useSignedIn();
  const host = session.user.agency;
  const headingId = useId();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [title, setTitle] = useState('劳动维权联席会议（整改清单审议）');
  const [date, setDate] = useState(shanghaiDate());
  const [time, setTime] = useState('09:00');
  // A joint meeting convenes its member agencies: all four are invited unless the secretary unticks one.
  const [participants, setParticipants] = useState<AgencyId[]>([...agencyIds]);
  const [note, setNote] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);

  const agenda = agendaText(note, participants, items);
  const mutation = useMutation({
    mutationFn: (body: ScheduleMeetingBody) => agencyApi<ScheduledMeeting>(host, '/meetings', { body }),
    onSuccess: async ({ meetingId }) => {
      await refreshAfterMeeting(client);
      onScheduled();
      void navigate(`/meetings/${meetingId}`);
    },
  });

  const toggle = (agency: AgencyId) =>
    setParticipants((list) => (list.includes(agency) ? list.filter((a) => a !== agency) : agencyIds.filter((a) => a === agency || list.includes(a))));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) return setInvalid(t('请填写会议名称', 'Enter a title'));
    if (!date || !time) return setInvalid(t('请填写会议日期和时间', 'Enter the date and time'));
    if (items.length === 0 && !note.trim())
      return setInvalid(t('请在整改清单中勾选要审议的事项，或填写议程说明', 'Tick items in the list or describe the agenda'));
    if (agenda.length > AGENDA_MAX)
      return setInvalid(
        t(`议程过长（${agenda.length} 字，最多 ${AGENDA_MAX} 字），请减少事项`, `The agenda is too long (${agenda.length} of ${AGENDA_MAX} characters)`),
      );
    setInvalid(null);
    mutation.mutate({
      title: title.trim(),
      scheduledFor: shanghaiInstant(date, time),
      agenda,
      caseIds: [...new Set(items.map((i) => i.caseId))],
    });
  };

  return (
    <section className="card mtg-schedule no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('安排联席会议', 'Schedule a joint meeting')}</h2>
      <form onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('会议名称', 'Title')}</span>
          <input value={title} maxLength={200} required onChange={(e) => setTitle(e.target.value)} />
        </label>
        <div className="mtg-row">
          <label className="field">
            <span>{t('会议日期', 'Date')}</span>
            <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('开始时间（北京时间）', 'Time (Beijing)')}</span>
            <input type="time" value={time} required onChange={(e) => setTime(e.target.value)} />
          </label>
        </div>
        <div className="field">
          <span>{t('主办机构', 'Host')}</span>
          <p className="mtg-static">
            {t(agencyNames[host])}（{t('本机构', 'your agency')}）
          </p>
        </div>
        <fieldset className="mtg-fieldset">
          <legend>{t('参会机构', 'Agencies invited')}</legend>
          {agencyIds.map((a) => (
            <label key={a} className="mtg-check">
              <input type="checkbox" checked={a === host || participants.includes(a)} disabled={a === host} onChange={() => toggle(a)} />
              <span>
                {t(agencyNames[a])}
                {a === host ? t('（主办）', ' (host)') : ''}
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset className="mtg-fieldset">
          <legend>{t('议程事项', 'Agenda items')}</legend>
          {items.length === 0 ? (
            <p className="muted">{t('在上方整改清单中勾选“列入议程”，选中的事项会列在这里。', 'Tick “On agenda” in the list above; the items appear here.')}</p>
          ) : (
            <ol className="mtg-agenda-picked">
              {items.map((item) => (
                <li key={item.itemId}>
                  <span>
                    {item.description}
                    <span className="muted">（{employerNames(item)}）</span>
                    {item.overdue ? (
                      <span className="badge deadline-overdue">
                        <span aria-hidden="true">⚠ </span>
                        {t('已逾期', 'Overdue')}
                      </span>
                    ) : null}
                  </span>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => onRemove(item)}
                    aria-label={`${t('移出议程', 'Remove from agenda')}：${item.description}`}
                  >
                    {t('移出', 'Remove')}
                  </button>
                </li>
              ))}
            </ol>
          )}
        </fieldset>
        <label className="field">
          <span>{t('议程说明（可选）', 'Agenda note (optional)')}</span>
          <textarea value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        </label>
        {invalid ? (
          <p className="field-error" role="alert">
            {invalid}
          </p>
        ) : null}
        <ProblemMessage error={mutation.error} />
        <FieldIssues error={mutation.error} />
        <button type="submit" className="primary" disabled={mutation.isPending}>
          {mutation.isPending ? t('正在安排…', 'Scheduling…') : t('安排会议', 'Schedule meeting')}
        </button>
      </form>
    </section>
  );
}
