/** The fields a refused body named (a 400's `errors`), in the server's words ("中文 · English"). */
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';

/** Server messages read "中文 · English": the side for the current language. */
export function sideOf(message: string, lang: 'zh' | 'en'): string {
  const [zh, en] = message.split(' · ');
  return (lang === 'en' ? en : zh) ?? message;
}

export function FieldIssues({ error, describe }: { error: unknown; describe?: (path: string) => string | null }) {
  const { t, lang } = useI18n();
  // A rule's refusal already says it all in ProblemMessage; a body's bad fields are listed here.
  if (!(error instanceof ApiError) || !error.problem.errors?.length || error.problem.ruleId) return null;
  return (
    <ul className="field-error mtg-issues">
      {error.problem.errors.map((issue, i) => (
        <li key={i}>
          {describe?.(issue.path) ?? (issue.path ? `${t('字段', 'Field')} ${issue.path}` : t('请求', 'Request'))}：{sideOf(issue.message, lang)}
        </li>
      ))}
    </ul>
  );
}
