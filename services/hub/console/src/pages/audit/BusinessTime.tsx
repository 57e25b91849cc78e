/**
 * Business time on the audit page (issue 13.4): replay the case as of a moment 按发生时间 (by when
 * the acts happened) or 按记录时间 (by when they were recorded), and the case's acts recorded
 * more than an hour after they happened (补录), longest delay first.
 */
import type { LateActsAnswer } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { hub, withQuery } from '../../app/api.ts';
import { formatDateTime, useI18n } from '../../app/i18n.tsx';
import { delayText, Recorder } from '../../components/actTime.tsx';
import { DateText, Empty, Loading, ProblemMessage } from '../../components/common.tsx';
import { beijingLocal, occurredAtBody } from '../case/form/OccurredAtField.tsx';
import { agencyLabel } from './labels.ts';
import { StateView } from './StateView.tsx';
import type { ReplayAnswer } from './types.ts';

type Basis = 'occurred' | 'recorded';

export function TimeReplay({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const id = useId();
  const [moment, setMoment] = useState(() => beijingLocal(new Date()));
  const [basis, setBasis] = useState<Basis>('occurred');
  const [asked, setAsked] = useState<{ at: string; by: Basis } | null>(null);
  const answer = useQuery({
    queryKey: ['audit', caseId, 'state-at', asked?.at, asked?.by],
    queryFn: ({ signal }) => hub<ReplayAnswer>(withQuery(`/cases/${caseId}/state`, { at: asked!.at, by: asked!.by }), { signal }),
    enabled: asked !== null,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const at = occurredAtBody(moment);
    if (at) setAsked({ at, by: basis });
  };
  const basisLabel = (by: Basis) => (by === 'occurred' ? t('按发生时间', 'By when it happened') : t('按记录时间', 'By when it was recorded'));
  return (
    <div className="audit-time-replay">
      <form onSubmit={submit} className="audit-time-form">
        <div className="field">
          <label htmlFor={`${id}-at`}>{t('回放到（北京时间）', 'Replay as of (Beijing time)')}</label>
          <input id={`${id}-at`} type="datetime-local" value={moment} onChange={(e) => setMoment(e.currentTarget.value)} required />
        </div>
        <fieldset className="audit-basis">
          <legend>{t('依据', 'By')}</legend>
          {(['occurred', 'recorded'] as const).map((by) => (
            <label key={by}>
              <input type="radio" name={`${id}-by`} value={by} checked={basis === by} onChange={() => setBasis(by)} /> {basisLabel(by)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t('按时刻回放', 'Replay')}</button>
      </form>
      <ProblemMessage error={answer.error} />
      {asked && answer.isPending ? <Loading /> : null}
      {answer.data && asked ? (
        <div className="audit-time-result" aria-live="polite">
          <p>
            {t(
              `截至 ${formatDateTime(asked.at, 'zh')}（${basisLabel(asked.by)}）：已有 ${answer.data.included} 个事件`,
              `As of ${formatDateTime(asked.at, lang)} (${basisLabel(asked.by)}): ${answer.data.included} event(s)`,
            )}
            {answer.data.event
              ? t(
                  `，最后一个为第 ${answer.data.event.revision} 版「${answer.data.event.label.zh}」`,
                  `, the last revision ${answer.data.event.revision} “${answer.data.event.label.en}”`,
                )
              : null}
          </p>
          {answer.data.included > 0 ? (
            <StateView state={answer.data.state} deadlines={answer.data.deadlines} />
          ) : (
            <Empty>{t('该时刻案件尚未发生任何行为', 'Nothing had happened on the case by then')}</Empty>
          )}
        </div>
      ) : null}
    </div>
  );
}

export function LateActs({ caseId }: { caseId: string }) {
  const { t, lang } = useI18n();
  const late = useQuery({
    queryKey: ['audit', caseId, 'late-acts'],
    queryFn: ({ signal }) => hub<LateActsAnswer>(withQuery('/audit/late-acts', { caseId }), { signal }),
  });
  if (late.isPending) return <Loading />;
  if (late.error) return <ProblemMessage error={late.error} />;
  const events = late.data?.events ?? [];
  if (events.length === 0)
    return <Empty>{t('没有补录的行为：每个行为都在发生后 1 小时内记录', 'No act was recorded more than an hour after it happened')}</Empty>;
  return (
    <div className="table-wrap">
      <table className="audit-late">
        <caption className="muted">
          {t('记录时间晚于发生时间 1 小时以上的行为，按延迟从长到短', 'Acts recorded more than an hour after they happened, longest delay first')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('版本', 'Revision')}</th>
            <th scope="col">{t('事件', 'Event')}</th>
            <th scope="col">{t('机构', 'Agency')}</th>
            <th scope="col">{t('经办人', 'By')}</th>
            <th scope="col">{t('发生时间', 'Happened')}</th>
            <th scope="col">{t('记录时间', 'Recorded')}</th>
            <th scope="col">{t('延迟', 'Delay')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id}>
              <td>{e.revision}</td>
              <td>{t(e.label)}</td>
              <td>{t(agencyLabel(e.agency))}</td>
              <td>
                <Recorder name={e.user.name} via={e.via} />
              </td>
              <td>
                <DateText value={e.occurredAt} time />
              </td>
              <td>
                <DateText value={e.recordedAt} time />
              </td>
              <td className="number">{delayText(e.delayMs, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
