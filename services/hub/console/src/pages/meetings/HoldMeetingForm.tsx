/**
 * 记录会议决定: the host's secretary records the meeting as held — who attended, the minutes, a
 * decision per item — and the agency service then records each decision on its case.
 */
import { agencyIds, agencyNames, type AgencyId } from '@hub/contracts';
import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState, type FormEvent } from 'react';
import { agencyApi } from '../../app/api.ts';
import { shanghaiDate, useI18n } from '../../app/i18n.tsx';
import { useSignedIn } from '../../app/session.tsx';
import { ProblemMessage } from '../../components/common.tsx';
import { FieldIssues } from './FieldIssues.tsx';
import { addDays, decisionKinds, decisionLabels, employerNames, endOfShanghaiDay, participantsOf } from './labels.ts';
import { emptyMinutes, MinutesFields, minutesErrors, minutesRecord } from './MinutesFields.tsx';
import { CaseLink, ItemDeadline, ItemStatus } from './RectificationTable.tsx';
import type { DecisionBody, DecisionKind, DecisionOutcome, HeldMeeting, HoldMeetingBody, MeetingDetail, RectificationItem } from './types.ts';

interface Draft {
  kind: DecisionKind | '';
  date: string;
  note: string;
}
type Errors = Record<string, string>;

const emptyDraft = (): Draft => ({ kind: '', date: addDays(shanghaiDate(), 30), note: '' });

function DecisionFields({ item, draft, errors, onChange }: { item: RectificationItem; draft: Draft; errors: Errors; onChange(d: Draft): void }) {
  const { t } = useI18n();
  const id = useId();
  const noteError = errors[`${item.itemId}.note`];
  const dateError = errors[`${item.itemId}.date`];
  return (
    <fieldset className={`mtg-decision${item.overdue ? ' mtg-overdue' : ''}`}>
      <legend>
        {item.description}（{employerNames(item)}）
      </legend>
      <div className="mtg-decision-facts">
        <CaseLink caseId={item.caseId} employers={employerNames(item)} /> <ItemStatus item={item} /> <ItemDeadline item={item} />
      </div>
      <div className="mtg-row">
        <label className="field">
          <span>{t('会议决定', 'Decision')}</span>
          <select value={draft.kind} onChange={(e) => onChange({ ...draft, kind: e.target.value as Draft['kind'] })}>
            <option value="">{t('不作决定', 'No decision')}</option>
            {decisionKinds.map((k) => (
              <option key={k} value={k}>
                {t(decisionLabels[k])}
              </option>
            ))}
          </select>
        </label>
        {draft.kind === 'extend' ? (
          <label className="field">
            <span>{t('新的整改期限', 'New deadline')}</span>
            <input
              type="date"
              value={draft.date}
              min={addDays(shanghaiDate(), 1)}
              required
              aria-invalid={dateError ? true : undefined}
              aria-describedby={dateError ? `${id}-date` : undefined}
              onChange={(e) => onChange({ ...draft, date: e.target.value })}
            />
            {dateError ? (
              <span className="field-error" id={`${id}-date`}>
                {dateError}
              </span>
            ) : null}
          </label>
        ) : null}
      </div>
      {draft.kind ? (
        <label className="field">
          <span>{t('决定说明', 'Note')}</span>
          <textarea
            value={draft.note}
            maxLength={1000}
            required
            aria-invalid={noteError ? true : undefined}
            aria-describedby={noteError ? `${id}-note` : undefined}
            onChange={(e) => onChange({ ...draft, note: e.target.value })}
          />
          {noteError ? (
            <span className="field-error" id={`${id}-note`}>
              {noteError}
            </span>
          ) : null}
        </label>
      ) : null}
    </fieldset>
  );
}

function initialAttendees(meeting: MeetingDetail, items: readonly RectificationItem[]): AgencyId[] {
  const host = meeting.hostAgency;
  const invited = new Set<AgencyId>([...(host ? [host] : []), ...participantsOf(meeting.agenda)]);
  // Nobody named beside the host: suggest the agencies that ordered the items under review.
  if (invited.size < 2) for (const item of items) invited.add(item.orderedBy);
  return agencyIds.filter((a) => invited.has(a));
}

interface Props {
  meeting: MeetingDetail;
  /** The agenda's items a decision may still be taken on. */
  items: readonly RectificationItem[];
  onHeld(outcomes: DecisionOutcome[]): void;
}

export function HoldMeetingForm({ meeting, items, onHeld }: Props) {
  const { t } = useI18n();
  const headingId = useId();
  const host = meeting.hostAgency!;
  const [attendees, setAttendees] = useState<AgencyId[]>(() => initialAttendees(meeting, items));
  const [others, setOthers] = useState('');
  const [minutes, setMinutes] = useState('');
  const session = useSignedIn();
  const [record, setRecord] = useState(() => emptyMinutes(agencyNames[host].zh, session.user.displayName ?? ''));
  const otherBodies = others
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);
  const units = [...attendees.map((a) => agencyNames[a].zh), ...otherBodies];
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Errors>({});
  const sent = useRef<DecisionBody[]>([]);

  const mutation = useMutation({
    mutationFn: (body: HoldMeetingBody) => agencyApi<HeldMeeting>(host, `/meetings/${meeting.meetingId}/hold`, { body }),
    onSuccess: (result) => onHeld(result.decisions),
  });

  const draftOf = (item: RectificationItem) => drafts[item.itemId] ?? emptyDraft();
  const toggle = (a: AgencyId) =>
    setAttendees((list) => (list.includes(a) ? list.filter((x) => x !== a) : agencyIds.filter((x) => x === a || list.includes(x))));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Errors = {};
    const decisions: DecisionBody[] = [];
    const tomorrow = addDays(shanghaiDate(), 1);
    for (const item of items) {
      const d = draftOf(item);
      if (!d.kind) continue;
      const note = d.note.trim();
      if (!note) found[`${item.itemId}.note`] = t('请填写决定说明', 'Enter a note for the decision');
      if (d.kind === 'extend') {
        if (!d.date) found[`${item.itemId}.date`] = t('请选择新的整改期限', 'Choose the new deadline');
        else if (d.date < tomorrow) found[`${item.itemId}.date`] = t('新的整改期限须晚于今天', 'The new deadline must be after today');
        decisions.push({ caseId: item.caseId, itemId: item.itemId, decision: 'extend', newDeadline: d.date ? endOfShanghaiDay(d.date) : '', note });
      } else {
        decisions.push({ caseId: item.caseId, itemId: item.itemId, decision: d.kind, note });
      }
    }
    if (!minutes.trim()) found['minutes'] = t('请填写会议纪要', 'Enter the minutes');
    Object.assign(found, minutesErrors(record, t));
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    sent.current = decisions;
    const { persons, ...rest } = minutesRecord(record, units, agencyNames[host].zh);
    mutation.mutate({
      attendees: { agencies: attendees, otherBodies, ...(persons.length > 0 ? { persons } : {}) },
      casesReviewed: meeting.caseIds,
      decisions,
      minutes: minutes.trim(),
      ...rest,
    });
  };

  // "decisions.0.note" → the item that decision was about.
  const describe = (path: string): string | null => {
    const match = /^decisions\.(\d+)/.exec(path);
    const d = match ? sent.current[Number(match[1])] : undefined;
    const item = d && items.find((i) => i.itemId === d.itemId);
    return item ? item.description : null;
  };

  const chosen = items.filter((i) => draftOf(i).kind).length;
  return (
    <section className="card mtg-hold no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('记录会议召开及决定', 'Record the meeting and its decisions')}</h2>
      <p className="muted">
        {t(
          '至少两个机构出席；作出决定的每个案件须有出席机构参与。提交后，各项决定将自动记入所属案件。',
          'At least two agencies attend; each case decided on needs an attending agency that takes part in it. The decisions are then recorded on their cases.',
        )}
      </p>
      <form onSubmit={submit} noValidate>
        <fieldset className="mtg-fieldset">
          <legend>{t('出席机构', 'Agencies attending')}</legend>
          {agencyIds.map((a) => (
            <label key={a} className="mtg-check">
              <input type="checkbox" checked={attendees.includes(a)} disabled={a === host} onChange={() => toggle(a)} />
              <span>
                {t(agencyNames[a])}
                {a === host ? t('（主办）', ' (host)') : ''}
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('其他出席单位（每行一个，可选）', 'Other bodies attending (one per line, optional)')}</span>
          <textarea value={others} onChange={(e) => setOthers(e.target.value)} />
        </label>
        <MinutesFields draft={record} units={units} errors={errors} onChange={setRecord} />
        <h3>{t('逐项决定', 'Decision per item')}</h3>
        {items.length === 0 ? <p className="empty">{t('议程中的案件没有待决定的整改事项。', 'The agenda’s cases have no item awaiting a decision.')}</p> : null}
        {items.map((item) => (
          <DecisionFields
            key={item.itemId}
            item={item}
            draft={draftOf(item)}
            errors={errors}
            onChange={(d) => setDrafts((all) => ({ ...all, [item.itemId]: d }))}
          />
        ))}
        <label className="field">
          <span>{t('会议纪要', 'Minutes')}</span>
          <textarea
            value={minutes}
            maxLength={8000}
            required
            rows={4}
            aria-invalid={errors['minutes'] ? true : undefined}
            aria-describedby={errors['minutes'] ? `${headingId}-minutes` : undefined}
            onChange={(e) => setMinutes(e.target.value)}
          />
          {errors['minutes'] ? (
            <span className="field-error" id={`${headingId}-minutes`}>
              {errors['minutes']}
            </span>
          ) : null}
        </label>
        <div className="mtg-actions">
          <button type="submit" className="primary" disabled={mutation.isPending}>
            {mutation.isPending ? t('正在记录…', 'Recording…') : t('记录会议决定', 'Record meeting decisions')}
          </button>
          <span className="muted">{t(`已选择 ${chosen} 项决定`, `${chosen} decision(s) chosen`)}</span>
        </div>
        {Object.keys(errors).length > 0 ? (
          <p className="field-error" role="alert">
            {t('请先改正标出的内容。', 'Please correct the marked fields.')}
          </p>
        ) : null}
        <ProblemMessage error={mutation.error} />
        <FieldIssues error={mutation.error} describe={describe} />
      </form>
    </section>
  );
}
