/** The case's live timeline, newest first; what arrived while the page was open is marked 新. */
import { useI18n } from '../../app/i18n.tsx';
import type { TimelineEntry } from '../../app/live.ts';
import { ActWhen, Recorder } from '../../components/actTime.tsx';
import { AgencyName, Empty } from '../../components/common.tsx';
import { issuedAsDocument, LetterPrint } from './LetterPrint.tsx';
import { summarize } from './summary.ts';

/** A reassignment reads as one (变更承办人): the event says so by naming the previous handler. */
function labelOf(entry: TimelineEntry): TimelineEntry['label'] {
  const reassigned = entry.type === 'HandlerAssigned' && typeof entry.data === 'object' && entry.data !== null && 'previous' in entry.data;
  return reassigned ? { zh: '变更承办人', en: 'Handler reassigned' } : entry.label;
}

export function Timeline({ entries, fresh, loading }: { entries: readonly TimelineEntry[]; fresh: ReadonlySet<string>; loading: boolean }) {
  const { t, lang } = useI18n();
  if (entries.length === 0) {
    return loading ? <p className="loading">{t('正在载入案件动态…', 'Loading the timeline…')}</p> : <Empty>{t('暂无记录', 'Nothing recorded yet')}</Empty>;
  }
  const newestFirst = [...entries].reverse();
  return (
    <ol className="timeline case-timeline" reversed>
      {newestFirst.map((entry) => {
        const isNew = fresh.has(entry.id);
        const lines = summarize(entry.type, entry.data, entry.agency, lang);
        const letter = issuedAsDocument(entry.type, entry.data);
        return (
          <li key={entry.id} className={[isNew ? 'is-new' : '', entry.recordedLate ? 'is-late' : ''].join(' ').trim() || undefined}>
            <div className="entry-head">
              {isNew ? <span className="badge badge-new">{t('新', 'New')}</span> : null}
              <strong className="entry-label">{t(labelOf(entry))}</strong>
              <span className="entry-who">
                <AgencyName agency={entry.agency} />
                {entry.user.name || entry.via ? ' · ' : null}
                <Recorder name={entry.user.name} via={entry.via} />
              </span>
              <span className="entry-time muted">
                <ActWhen occurredAt={entry.occurredAt} recordedAt={entry.recordedAt} late={entry.recordedLate} />
              </span>
            </div>
            {lines.length > 0 ? (
              <dl className="entry-data">
                {lines.map((line) => (
                  <div key={line.key}>
                    <dt>
                      {line.label}
                      {t('：', ': ')}
                    </dt>
                    <dd>{line.value}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {letter ? <LetterPrint caseId={entry.subjectId} letter={letter} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
