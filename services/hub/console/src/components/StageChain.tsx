/** Where a case stands along 商→调→裁→执, with 督 beside the chain (supervision runs alongside). */
import { useI18n, type Label } from '../app/i18n.tsx';

export type ChainStep = 'negotiation' | 'mediation' | 'arbitration' | 'enforcement';

const STEPS: readonly { id: ChainStep; short: string; label: Label }[] = [
  { id: 'negotiation', short: '商', label: { zh: '协商', en: 'Negotiation' } },
  { id: 'mediation', short: '调', label: { zh: '调解', en: 'Mediation' } },
  { id: 'arbitration', short: '裁', label: { zh: '仲裁/诉讼', en: 'Arbitration / litigation' } },
  { id: 'enforcement', short: '执', label: { zh: '执行', en: 'Enforcement' } },
];

export interface StageChainProps {
  /** The furthest step the case has reached; null before any. */
  readonly current: ChainStep | null;
  /** Steps the case has passed through. */
  readonly reached: ReadonlySet<ChainStep>;
  /** Whether supervision (督) is active on the case. */
  readonly supervised: boolean;
  readonly closed?: boolean;
}

export function StageChain({ current, reached, supervised, closed = false }: StageChainProps) {
  const { t } = useI18n();
  return (
    <div className="stage-chain" aria-label={t('办理环节', 'Stage')}>
      <ol>
        {STEPS.map((step) => {
          const state = step.id === current ? 'current' : reached.has(step.id) ? 'done' : 'todo';
          return (
            <li key={step.id} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-mark" aria-hidden="true">{step.short}</span>
              <span className="step-label">
                {t(step.label)}
                <span className="visually-hidden">
                  {state === 'current' ? t('（当前环节）', ' (current)') : state === 'done' ? t('（已经过）', ' (passed)') : t('（未到）', ' (not reached)')}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
      <div className={`step step-side ${supervised ? 'step-current' : 'step-todo'}`}>
        <span className="step-mark" aria-hidden="true">督</span>
        <span className="step-label">{t('监督', 'Supervision')}<span className="visually-hidden">{supervised ? t('（进行中）', ' (active)') : t('（无）', ' (none)')}</span></span>
      </div>
      {closed ? <span className="badge badge-closed">{t('已销号', 'Closed')}</span> : null}
    </div>
  );
}
