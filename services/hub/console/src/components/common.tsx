/** Small pieces every page uses: headings, loading and error states, deadline badges, agency names. */
import { agencyShortNames } from '@hub/contracts/words';
import type { AgencyId } from '@hub/contracts';
import { useEffect, useRef, type ReactNode } from 'react';
import { ApiError } from '../app/api.ts';
import { formatDate, formatDateTime, useI18n, type Label } from '../app/i18n.tsx';
import { type DeadlineState, deadlineStateWords } from './deadlineState.ts';

/** The page's h1, also the document title; focus moves to it on navigation for screen readers. */
export function PageTitle({ title, children }: { title: Label; children?: ReactNode }) {
  const { t } = useI18n();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${t(title)} · ${t('劳动维权协同平台', 'Labor case hub')}`;
  }, [t, title]);
  useEffect(() => ref.current?.focus({ preventScroll: true }), []);
  return (
    <div className="page-title">
      <h1 ref={ref} tabIndex={-1}>
        {t(title)}
      </h1>
      {children ? <div className="page-title-actions">{children}</div> : null}
    </div>
  );
}

export function Loading({ what }: { what?: Label }) {
  const { t } = useI18n();
  return (
    <p className="loading" role="status" aria-live="polite">
      {what ? t(what) : t('正在加载…', 'Loading…')}
    </p>
  );
}

/** A failure in the server's own words (zh or en), with the rule id when a rule refused it. */
export function ProblemMessage({ error, id }: { error: unknown; id?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const label: Label = error instanceof ApiError ? error.label : { zh: '出现意外错误', en: (error as Error).message ?? 'Unexpected error' };
  const ruleId = error instanceof ApiError ? error.problem.ruleId : undefined;
  return (
    <p className="problem" role="alert" id={id} tabIndex={-1}>
      {t(label)}
      {ruleId ? <RuleIdNote ruleId={ruleId} /> : null}
    </p>
  );
}

/** The rule a refusal cites, small, for staff who ask support: the message itself says what to do (issue 14.2). */
export function RuleIdNote({ ruleId }: { ruleId: string }) {
  const { t } = useI18n();
  return <small className="rule-id">{t(`规则编号 ${ruleId}，供技术支持参考`, `Rule ${ruleId}, for support`)}</small>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="empty">{children}</p>;
}

export function AgencyName({ agency }: { agency: AgencyId | null | undefined }) {
  const { t } = useI18n();
  if (!agency) return <>—</>;
  return <span className={`agency agency-${agency}`}>{t(agencyShortNames[agency])}</span>;
}

export function DateText({ value, time = false }: { value: string | null | undefined; time?: boolean }) {
  const { lang } = useI18n();
  if (!value) return <>—</>;
  return <time dateTime={value}>{time ? formatDateTime(value, lang) : formatDate(value, lang)}</time>;
}

export type { DeadlineState } from './deadlineState.ts';

/** Colour and words together (never colour alone), with an icon-like mark for print and colour blindness. */
export function DeadlineBadge({ status }: { status: DeadlineState }) {
  const { t } = useI18n();
  const words = deadlineStateWords[status];
  return (
    <span className={`badge deadline-${status}`}>
      <span aria-hidden="true">{words.mark} </span>
      {t(words.label)}
    </span>
  );
}
