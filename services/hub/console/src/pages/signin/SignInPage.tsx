import { agencyIds, agencyNames, type AgencyId } from '@hub/contracts';
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
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  if (session) return <Navigate to={from} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(LAST_AGENCY, agency);
      await signIn(agency, username.trim(), password);
    } catch (failure) {
      setError(failure instanceof ApiError ? failure : new ApiError({ status: 0, detail: '登录失败', detailEn: 'Sign-in failed' }));
      setPassword('');
    } finally {
      setBusy(false);
    }
  }

  const message = error ? t(error.label) : ended ? t(ended) : null;
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
        <button type="submit" className="primary" disabled={busy || !username || !password}>
          {busy ? t('正在登录…', 'Signing in…') : t('登录', 'Sign in')}
        </button>
      </form>
    </main>
  );
}
