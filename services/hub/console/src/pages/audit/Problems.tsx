/**
 * What a verification found, one item per problem: which check, where (revision and the event
 * there), what the verifier says, its code, and what it expected against what it found. Shared by
 * the case's own verification and the verification of an exported copy.
 */
import { useI18n, type Label } from '../../app/i18n.tsx';
import { agencyLabel, checkLabels, comparedLabels, problemKindLabels, punctuation } from './labels.ts';
import type { EventRef, ShownProblem } from './types.ts';

/** Ok or failed, in words, a mark and colour together. */
export function CheckStatus({ ok, notChecked = false }: { ok: boolean; notChecked?: boolean }) {
  const { t } = useI18n();
  if (notChecked)
    return (
      <span className="badge audit-check-skip">
        <span aria-hidden="true">– </span>
        {t('未核验', 'Not checked')}
      </span>
    );
  return ok ? (
    <span className="badge audit-check-ok">
      <span aria-hidden="true">✓ </span>
      {t('通过', 'Passed')}
    </span>
  ) : (
    <span className="badge audit-check-fail">
      <span aria-hidden="true">✗ </span>
      {t('未通过', 'Failed')}
    </span>
  );
}

function Compared({ problem }: { problem: ShownProblem }) {
  const { t } = useI18n();
  if (problem.expected === undefined && problem.found === undefined) return null;
  const [expected, found] = comparedLabels(problem.check, problem.kind);
  const value = (v: string | null | undefined) => (v === undefined ? '—' : v === null ? t('无', 'none') : v);
  return (
    <dl className="audit-compared">
      {problem.expected !== undefined ? (
        <div>
          <dt>{t(expected)}</dt>
          <dd>
            <code>{value(problem.expected)}</code>
          </dd>
        </div>
      ) : null}
      {problem.found !== undefined ? (
        <div>
          <dt>{t(found)}</dt>
          <dd>
            <code>{value(problem.found)}</code>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

function Where({
  problem,
  events,
  onShow,
}: {
  problem: ShownProblem;
  events: ReadonlyMap<string, EventRef>;
  onShow: ((revision: string) => void) | undefined;
}) {
  const { t, lang } = useI18n();
  const p = punctuation(lang);
  if (problem.revision === undefined) return null;
  const event = events.get(problem.revision);
  return (
    <span className="audit-where">
      <strong>{t(`第 ${problem.revision} 版`, `Revision ${problem.revision}`)}</strong>
      {event ? (
        <>
          {' '}
          · {t(event.label)}
          {event.agency ? (
            <>
              {p.open}
              {t(agencyLabel(event.agency))}
              {p.close}
            </>
          ) : null}
        </>
      ) : null}
      {onShow && event ? (
        <button type="button" className="link-button no-print" onClick={() => onShow(problem.revision!)}>
          {t(`在回放中查看第 ${problem.revision} 版`, `Show revision ${problem.revision} in the replay`)}
        </button>
      ) : null}
    </span>
  );
}

export function ProblemList({
  problems,
  events,
  onShow,
  title,
}: {
  problems: readonly ShownProblem[];
  events: ReadonlyMap<string, EventRef>;
  /** Moves the replay to a revision; absent when the problems are about another case. */
  onShow?: ((revision: string) => void) | undefined;
  title: Label;
}) {
  const { t, lang } = useI18n();
  const pn = punctuation(lang);
  if (problems.length === 0) return null;
  return (
    <section className="audit-problems">
      <h3>
        {t(title)}{' '}
        <span className="muted">
          {pn.open}
          {problems.length}
          {pn.close}
        </span>
      </h3>
      <ol>
        {problems.map((p, i) => (
          <li key={i} className={`audit-problem audit-problem-${p.severity}`} data-revision={p.revision}>
            <div className="audit-problem-head">
              <span className={`badge ${p.severity === 'failure' ? 'audit-check-fail' : 'audit-notice'}`}>
                <span aria-hidden="true">{p.severity === 'failure' ? '✗ ' : 'ℹ '}</span>
                {p.severity === 'failure' ? t('问题', 'Failure') : t('提示', 'Notice')}
              </span>
              <span className="audit-problem-check">{t(checkLabels[p.check] ?? { zh: p.check, en: p.check })}</span>
              <Where problem={p} events={events} onShow={onShow} />
              {p.agency && p.revision === undefined ? <span>{t(agencyLabel(p.agency))}</span> : null}
            </div>
            <p className="audit-problem-text">{t(p.text)}</p>
            <p className="audit-small muted">
              {t('代码', 'Code')} <code>{p.kind}</code>
              {problemKindLabels[p.kind] ? (
                <>
                  {pn.open}
                  {t(problemKindLabels[p.kind]!)}
                  {pn.close}
                </>
              ) : null}
              {p.source ? (
                <>
                  {' '}
                  ·{' '}
                  {p.source === 'store'
                    ? t('存储中的记录', 'record in the store')
                    : p.source === 'agency-copy'
                      ? t('机构自存副本', "agency's own copy")
                      : p.source}
                </>
              ) : null}
            </p>
            <Compared problem={p} />
          </li>
        ))}
      </ol>
    </section>
  );
}
