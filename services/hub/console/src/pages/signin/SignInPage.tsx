import type { AgencyId } from '@hub/contracts';
import { agencyIds, agencyNames } from '@hub/contracts/words';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageTitle } from '../../components/common.tsx';

const LAST_AGENCY = 'hub.lastAgency';

export default function SignInPage() {
  const { t } = useI18n();
  const { session, ended, signIn } = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const [agency, setAgency] = useState<AgencyId>(() => (localStorage.getItem(LAST_AGENCY) as AgencyId | null) ?? 'union');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  // The password was right but must be changed first (set by an admin, or too old): a second step.
  const [mustChange, setMustChange] = useState<ApiError | null>(null);
  const [newPassword, setNewPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  if (session) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(LAST_AGENCY, agency);
      if (mustChange && newPassword !== repeated) {
        throw new ApiError({ status: 400, detail: '两次输入的新密码不一致', detailEn: 'The two new passwords differ' });
      }
      await signIn(agency, username.trim(), password, mustChange ? newPassword : undefined);
    } catch (failure) {
      const problem = failure instanceof ApiError ? failure : new ApiError({ status: 0, detail: '登录失败', detailEn: 'Sign-in failed' });
      if (problem.slug === 'password-change-required' || problem.slug === 'password-expired') {
        setMustChange(problem);
      } else {
        setError(problem);
        // A refused new password keeps the current one typed: only the new ones are asked again.
        if (!mustChange || problem.status !== 400) setPassword('');
      }
      setNewPassword('');
      setRepeated('');
    } finally {
      setBusy(false);
    }
  }

  const message = error ? t(error.label) : ended && !mustChange ? t(ended) : null;
  return (
    <main id="main" className="signin">
      <form className="card signin-card" onSubmit={submit} aria-describedby={message ? errorId : undefined} noValidate>
        <PageTitle title={{ zh: '登录协同平台', en: 'Sign in' }} />
        <p className="muted">
          {t('劳动维权多部门协同：工会 · 检察院 · 人社局 · 法院', 'Labor rights, worked together: union · procuratorate · HR bureau · court')}
        </p>
        {message ? (
          <p className="problem" role="alert" id={errorId}>
            {message}
          </p>
        ) : null}
        <label className="field">
          <span>{t('所属机构', 'Agency')}</span>
          <select name="agency" value={agency} onChange={(e) => setAgency(e.target.value as AgencyId)}>
            {agencyIds.map((a) => (
              <option key={a} value={a}>
                {t(agencyNames[a])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('用户名', 'Username')}</span>
          <input
            name="username"
            autoComplete="username"
            required
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            aria-invalid={error?.status === 401}
          />
        </label>
        <label className="field">
          <span>{t('密码', 'Password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={error?.status === 401}
          />
        </label>
        {mustChange ? (
          <fieldset className="signin-change">
            <legend>{t('设置新密码', 'Choose a new password')}</legend>
            <p className="notice" role="status">
              {t(mustChange.label)}
            </p>
            <p className="muted">
              {t(
                '至少 10 个字符，包含大写字母、小写字母、数字、符号中的至少三类；不能包含用户名，也不能是常见密码。',
                'At least 10 characters, with three of: upper case, lower case, digits, symbols; not containing the username, not a common password.',
              )}
            </p>
            <label className="field">
              <span>{t('新密码', 'New password')}</span>
              <input
                name="newPassword"
                type="password"
                autoComplete="new-password"
                required
                value={newPassword}
                onChange={(e) => setNewPassword(e.target.value)}
                aria-invalid={error?.status === 400}
              />
            </label>
            <label className="field">
              <span>{t('再输入一次新密码', 'New password again')}</span>
              <input
                name="repeatedPassword"
                type="password"
                autoComplete="new-password"
                required
                value={repeated}
                onChange={(e) => setRepeated(e.target.value)}
                aria-invalid={error?.status === 400}
              />
            </label>
          </fieldset>
        ) : null}
        <button type="submit" className="primary" disabled={busy || !username || !password || (mustChange !== null && (!newPassword || !repeated))}>
          {busy ? t('正在登录…', 'Signing in…') : mustChange ? t('修改密码并登录', 'Change password and sign in') : t('登录', 'Sign in')}
        </button>
      </form>
    </main>
  );
}
