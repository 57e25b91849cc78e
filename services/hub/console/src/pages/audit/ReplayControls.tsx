/** The replay's position: a slider over every step of the history, and four step buttons. */
import { useId } from 'react';
import { formatDateTime, useI18n } from '../../app/i18n.tsx';
import { agencyLabel } from './labels.ts';
import type { HistoryStep } from './types.ts';

/** 第 3 步，共 11 步：线索移送（工会，2026年11月22日 19:43） */
export function useStepText() {
  const { t, lang } = useI18n();
  return (step: HistoryStep, index: number, total: number) =>
    t(
      `第 ${index + 1} 步，共 ${total} 步：${step.label.zh}（${agencyLabel(step.agency).zh}，${formatDateTime(step.recordedAt, 'zh')}）`,
      `Step ${index + 1} of ${total}: ${step.label.en} (${agencyLabel(step.agency).en}, ${formatDateTime(step.recordedAt, lang)})`,
    );
}

/**
 * A step button that stays focusable at either end (aria-disabled rather than disabled), so
 * pressing 下一步 to the last step does not drop the keyboard user's focus.
 */
function StepButton({ label, onClick, off, before, after }: { label: string; onClick: () => void; off: boolean; before?: string; after?: string }) {
  return (
    <button
      type="button"
      aria-disabled={off}
      onClick={() => {
        if (!off) onClick();
      }}
    >
      {before ? <span aria-hidden="true">{before}</span> : null}
      {label}
      {after ? <span aria-hidden="true">{after}</span> : null}
    </button>
  );
}

export function ReplayControls({ steps, index, onMove }: { steps: readonly HistoryStep[]; index: number; onMove: (index: number) => void }) {
  const { t } = useI18n();
  const id = useId();
  const stepText = useStepText();
  const last = steps.length - 1;
  const step = steps[index];
  if (!step) return null;
  return (
    <div className="audit-controls">
      <div className="field audit-slider">
        <label htmlFor={`${id}-slider`}>{t('回放位置', 'Replay position')}</label>
        <input
          id={`${id}-slider`}
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          aria-valuetext={stepText(step, index, steps.length)}
          aria-describedby={`${id}-scale`}
          onChange={(e) => onMove(Number(e.currentTarget.value))}
        />
        <span id={`${id}-scale`} className="audit-scale muted">
          <span>{t(`第 1 步（第 ${steps[0]!.revision} 版）`, `Step 1 (revision ${steps[0]!.revision})`)}</span>
          <span>{t(`第 ${steps.length} 步（第 ${steps[last]!.revision} 版）`, `Step ${steps.length} (revision ${steps[last]!.revision})`)}</span>
        </span>
      </div>
      <div className="audit-step-buttons" role="group" aria-label={t('逐步回放', 'Step through')}>
        <StepButton label={t('第一步', 'First step')} off={index === 0} onClick={() => onMove(0)} before="« " />
        <StepButton label={t('上一步', 'Previous step')} off={index === 0} onClick={() => onMove(index - 1)} before="‹ " />
        <StepButton label={t('下一步', 'Next step')} off={index === last} onClick={() => onMove(index + 1)} after=" ›" />
        <StepButton label={t('最后一步', 'Last step')} off={index === last} onClick={() => onMove(last)} after=" »" />
      </div>
    </div>
  );
}
