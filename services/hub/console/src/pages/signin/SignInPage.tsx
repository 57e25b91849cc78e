import type { AgencyId } from '@hub/contracts';
import { agencyIds, agencyNames } from '@hub/contracts/words';
import { useId, useState, type FormEvent } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { SecondFactorEnrolment } from '@hub/hub-service/wire';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession } from '../../app/session.tsx';
import { PageTitle } from '../../components/common.tsx';

const LAST_AGENCY = 'hub.lastAgency';

export default function SignInPage() {
  const { t } = useI18n();
  const { session, ended, signIn, startEnrolment, confirmEnrolment } = useSession();
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
  // The second factor: asked for after the password (a code, or a recovery code instead) …
  const [needCode, setNeedCode] = useState<ApiError | null>(null);
  const [useRecovery, setUseRecovery] = useState(false);
  const [code, setCode] = useState('');
  // … or set up first (the secret shown once), then the recovery codes shown once before entering.
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [recovery, setRecovery] = useState<{ codes: string[]; enter: () => void } | null>(null);
  const [busy, setBusy] = useState(false);
  const errorId = useId();

  if (session) return <Navigate to={from} replace />;

  const asProblem = (failure: unknown) => (failure instanceof ApiError ? failure : new ApiError({ status: 0, detail: '登录失败', detailEn: 'Sign-in failed' }));

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const { recoveryCodes, enter } = await confirmEnrolment(agency, username.trim(), password, code.trim());
      setRecovery({ codes: recoveryCodes, enter });
      setEnrolment(null);
    } catch (failure) {
      setError(asProblem(failure));
    } finally {
      setCode('');
      setBusy(false);
    }
  }

  if (recovery) {
    return (
      <main id="main" className="signin">
        <section className="card signin-card">
          <PageTitle title={{ zh: '保存恢复码', en: 'Keep your recovery codes' }} />
          <p className="notice" role="status">
            {t(
              '动态口令已绑定。下面 10 个恢复码只显示这一次：手机不在身边时，每个可代替动态验证码登录一次。请抄写或打印后妥善保存。',
              'The second factor is set up. These 10 recovery codes are shown this once: without your phone, each signs you in once instead of a code. Write them down or print them and keep them safe.',
            )}
          </p>
          <ol className="recovery-codes" aria-label={t('恢复码', 'Recovery codes')}>
            {recovery.codes.map((c) => (
              <li key={c}>
                <code>{c}</code>
              </li>
            ))}
          </ol>
          <button type="button" className="primary" onClick={() => recovery.enter()}>
            {t('我已保存恢复码，进入平台', 'I have kept them: continue')}
          </button>
        </section>
      </main>
    );
  }

  if (enrolment) {
    const message = error ? t(error.label) : null;
    return (
      <main id="main" className="signin">
        <form className="card signin-card" onSubmit={confirm} aria-describedby={message ? errorId : undefined} noValidate>
          <PageTitle title={{ zh: '绑定动态口令', en: 'Set up the second factor' }} />
          <p className="muted">
            {t(
              '您的角色登录时需要动态口令（双因素认证）。请在手机上打开身份验证器应用（如 Microsoft Authenticator、Google 身份验证器、FreeOTP），扫描下面的二维码；二维码和密钥只显示这一次。',
              'Your role signs in with a second factor. Open an authenticator app on your phone (Microsoft Authenticator, Google Authenticator, FreeOTP…) and scan the QR code below; the code and the secret are shown this once.',
            )}
          </p>
          {message ? (
            <p className="problem" role="alert" id={errorId}>
              {message}
            </p>
          ) : null}
          <img
            className="totp-qr"
            src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(enrolment.qrSvg)}`}
            alt={t('动态口令二维码', 'QR code of the second factor')}
          />
          <p>
            {t('无法扫码时，在应用中手动输入密钥：', 'Cannot scan? Type this secret into the app: ')}
            <code className="totp-secret">{enrolment.secret}</code>
          </p>
          <label className="field">
            <span>{t('应用显示的 6 位验证码', 'The 6-digit code the app shows')}</span>
            <input
              name="enrolmentCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value)}
              aria-invalid={error?.status === 401}
            />
          </label>
          <button type="submit" className="primary" disabled={busy || code.trim().length !== 6}>
            {busy ? t('正在验证…', 'Checking…') : t('绑定并登录', 'Set up and sign in')}
          </button>
        </form>
      </main>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      localStorage.setItem(LAST_AGENCY, agency);
      if (mustChange && newPassword !== repeated) {
        throw new ApiError({ status: 400, detail: '两次输入的新密码不一致', detailEn: 'The two new passwords differ' });
      }
      const secondFactor = needCode ? (useRecovery ? { recoveryCode: code.trim() } : { code: code.trim() }) : undefined;
      await signIn(agency, username.trim(), password, mustChange ? newPassword : undefined, secondFactor);
    } catch (failure) {
      const problem = asProblem(failure);
      if (problem.slug === 'password-change-required' || problem.slug === 'password-expired') {
        setMustChange(problem);
      } else if (problem.slug === 'second-factor-required') {
        setNeedCode(problem);
      } else if (problem.slug === 'second-factor-enrolment-required') {
        // After a forced change the new password is the one to enrol with.
        const current = mustChange ? newPassword : password;
        setPassword(current);
        setMustChange(null);
        try {
          setEnrolment(await startEnrolment(agency, username.trim(), current));
        } catch (again) {
          setError(asProblem(again));
        }
      } else if (problem.slug === 'second-factor-failed') {
        setError(problem);
        setCode('');
      } else {
        setError(problem);
        // A refused new password keeps the current one typed: only the new ones are asked again.
        if (!mustChange || problem.status !== 400) setPassword('');
      }
      setNewPassword('');
      setRepeated('');
      setCode('');
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
        {needCode ? (
          <fieldset className="signin-change">
            <legend>{t('动态口令', 'Second factor')}</legend>
            <p className="notice" role="status">
              {useRecovery ? t('请输入一个未用过的恢复码（每个只能用一次）', 'Enter a recovery code you have not used (each works once)') : t(needCode.label)}
            </p>
            <label className="field">
              <span>{useRecovery ? t('恢复码', 'Recovery code') : t('动态验证码', 'Code')}</span>
              <input
                name={useRecovery ? 'recoveryCode' : 'code'}
                inputMode={useRecovery ? 'text' : 'numeric'}
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.target.value)}
                aria-invalid={error?.status === 401}
              />
            </label>
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setUseRecovery(!useRecovery);
                setCode('');
              }}
            >
              {useRecovery ? t('改用动态验证码', 'Use a code from the app') : t('手机不在身边？改用恢复码', 'No phone? Use a recovery code')}
            </button>
          </fieldset>
        ) : null}
        <button
          type="submit"
          className="primary"
          disabled={busy || !username || !password || (mustChange !== null && (!newPassword || !repeated)) || (needCode !== null && !code.trim())}
        >
          {busy
            ? t('正在登录…', 'Signing in…')
            : mustChange
              ? t('修改密码并登录', 'Change password and sign in')
              : needCode
                ? t('验证并登录', 'Verify and sign in')
                : t('登录', 'Sign in')}
        </button>
      </form>
    </main>
  );
}
