/** Every step of the history as a list: jump to any step; steps a verification found fault with are marked. */
import { useEffect, useRef } from 'react';
import { useI18n, type Label } from '../../app/i18n.tsx';
import { LATE_RECORDING_MS } from '@hub/contracts';
import '../../components/actTime.css';
import { DateText } from '../../components/common.tsx';
import { agencyLabel } from './labels.ts';
import type { HistoryStep } from './types.ts';

export function HistoryList({
  steps,
  index,
  onMove,
  marks,
}: {
  steps: readonly HistoryStep[];
  index: number;
  onMove: (index: number) => void;
  /** Revision → what found fault with it (the case's verification, the checked file). */
  marks: ReadonlyMap<string, readonly Label[]>;
}) {
  const { t } = useI18n();
  const list = useRef<HTMLOListElement>(null);
  // Keep the current step in view inside the scrolling list (not the page).
  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect reads the DOM, which changes with `index`
  useEffect(() => {
    const box = list.current;
    const item = box?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!box || !item) return;
    if (item.offsetTop < box.scrollTop || item.offsetTop + item.offsetHeight > box.scrollTop + box.clientHeight) {
      box.scrollTop = item.offsetTop - box.clientHeight / 2;
    }
  }, [index]);
  return (
    <ol className="audit-history" ref={list}>
      {steps.map((step, i) => {
        const faults = marks.get(step.revision) ?? [];
        return (
          <li
            key={step.revision}
            aria-current={i === index ? 'step' : undefined}
            className={`${i === index ? 'is-current' : ''} ${faults.length ? 'has-fault' : ''}`}
          >
            <button type="button" className="audit-history-step" onClick={() => onMove(i)}>
              <span className="audit-history-rev">{t(`第 ${step.revision} 版`, `Rev. ${step.revision}`)}</span>
              <span className="audit-history-label">{t(step.label)}</span>
              <span className="audit-small muted">
                {t(agencyLabel(step.agency))} · <DateText value={step.occurredAt} time />
              </span>
              {step.delayMs > LATE_RECORDING_MS ? <span className="badge badge-late">{t('补录', 'Recorded late')}</span> : null}
            </button>
            {faults.map((f) => (
              <span key={f.zh} className="badge audit-check-fail">
                <span aria-hidden="true">✗ </span>
                {t(f)}
              </span>
            ))}
          </li>
        );
      })}
    </ol>
  );
}
