/** Where a case stands along 商→调→裁→执, with 督 beside the chain (supervision runs alongside). */
import { useI18n, type Label } from '../app/i18n.tsx';

export type ChainStep = 'negotiation' | 'mediation' | 'arbitration' | 'enforcement';

/** The parts of a case's state that place it on the chain (the live state or a replayed one). */
export interface ChainParts {
  readonly negotiations: object;
  readonly mediations: object;
  readonly arbitrations: object;
  readonly litigations: object;
  readonly enforcements: object;
}

/** The steps a case has reached and the furthest of them (litigation sits with arbitration, 裁). */
export function chainOf(c: ChainParts): { current: ChainStep | null; reached: Set<ChainStep> } {
  const has = (record: object) => Object.keys(record).length > 0;
  const reached = new Set<ChainStep>();
  if (has(c.negotiations)) reached.add('negotiation');
  if (has(c.mediations)) reached.add('mediation');
  if (has(c.arbitrations) || has(c.litigations)) reached.add('arbitration');
  if (has(c.enforcements)) reached.add('enforcement');
  const order: ChainStep[] = ['enforcement', 'arbitration', 'mediation', 'negotiation'];
  return { current: order.find((step) => reached.has(step)) ?? null, reached };
}

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
    <div className="stage-chain" role="group" aria-label={t('办理环节', 'Stage')}>
      <ol>
        {STEPS.map((step) => {
          const state = step.id === current ? 'current' : reached.has(step.id) ? 'done' : 'todo';
          return (
            <li key={step.id} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-mark" aria-hidden="true">
                {step.short}
              </span>
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
        <span className="step-mark" aria-hidden="true">
          督
        </span>
        <span className="step-label">
          {t('监督', 'Supervision')}
          <span className="visually-hidden">{supervised ? t('（进行中）', ' (active)') : t('（无）', ' (none)')}</span>
        </span>
      </div>
      {closed ? <span className="badge badge-closed">{t('已销号', 'Closed')}</span> : null}
    </div>
  );
}
