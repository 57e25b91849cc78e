/** The event the replay stands after: what it was, who recorded it, when, and its place in the chain. */
import type { ReactNode } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { Recorder } from '../../components/actTime.tsx';
import { DateText } from '../../components/common.tsx';
import { agencyLabel, chainTerms, shortHash } from './labels.ts';
import type { AuditEvent, HistoryStep } from './types.ts';

export function CurrentStep({ step, index, total, event }: { step: HistoryStep; index: number; total: number; event: AuditEvent | null }) {
  const { t } = useI18n();
  // The event's details come with the state; until they arrive the history's facts stand in.
  const details = event && event.revision === step.revision ? event : null;
  return (
    <div className="audit-current">
      <p className="audit-current-title" aria-live="polite">
        <span className="badge">{t(`第 ${index + 1} 步 / 共 ${total} 步`, `Step ${index + 1} of ${total}`)}</span> <strong>{t(step.label)}</strong>
      </p>
      <dl className="audit-facts">
        <Term term="revision">{step.revision}</Term>
        <div>
          <dt>{t('发生时间', 'Happened')}</dt>
          <dd>
            <DateText value={step.occurredAt} time />
          </dd>
        </div>
        <div>
          <dt>{t('记录时间', 'Recorded')}</dt>
          <dd>
            <DateText value={step.recordedAt} time />
          </dd>
        </div>
        <div>
          <dt>{t('机构', 'Agency')}</dt>
          <dd>{t(agencyLabel(step.agency))}</dd>
        </div>
        <div>
          <dt>{t('经办人', 'Recorded by')}</dt>
          <dd>{details ? <Recorder name={details.user.name} via={details.via} /> : '—'}</dd>
        </div>
        <Term term="position">{step.position}</Term>
        <div>
          <dt>{t('哈希', 'Hash')}</dt>
          <dd>
            <code title={details?.hash}>{shortHash(details?.hash)}</code>
          </dd>
        </div>
        <Term term="prevHash">
          <code title={details?.prevHash ?? undefined}>
            {details ? (details.prevHash ? shortHash(details.prevHash) : t('无（第一版）', 'none (first)')) : '—'}
          </code>
        </Term>
      </dl>
      {details ? (
        <details className="audit-raw">
          <summary>{t('事件数据（JSON，个人信息已遮蔽）', 'Event data (JSON, personal data masked)')}</summary>
          <pre>{JSON.stringify(details.data, null, 2)}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** A chain term, its value, and what it means in words, read with the value. */
function Term({ term, children }: { term: keyof typeof chainTerms; children: ReactNode }) {
  const { t } = useI18n();
  const words = chainTerms[term];
  return (
    <div>
      <dt>
        <dfn>{t(words.term)}</dfn>
      </dt>
      <dd>
        {children}
        <span className="audit-term-meaning">{t(words.meaning)}</span>
      </dd>
    </div>
  );
}
