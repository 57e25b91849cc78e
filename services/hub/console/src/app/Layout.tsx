import { agencyNames, roleLabels } from '@hub/contracts/words';
import { Suspense } from 'react';
import { Navigate, NavLink, Outlet, useLocation } from 'react-router';
import { Loading } from '../components/common.tsx';
import { useI18n } from './i18n.tsx';
import { closeBrowserLiveClient } from './live.ts';
import { hasRole, useSession } from './session.tsx';

/** Pages behind a session: without one, off to sign-in, and back here afterwards. */
export function RequireSession() {
  const { session, resolving } = useSession();
  const location = useLocation();
  // A tab just opened asks the console's other tabs for their session first (see session.tsx).
  if (!session && resolving) return <Loading what={{ zh: '正在确认登录…', en: 'Checking your sign-in…' }} />;
  if (!session) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  return <Layout />;
}

export function LanguageSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <button type="button" className="link-button lang-switch" onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')} lang={lang === 'zh' ? 'en' : 'zh-CN'}>
      {lang === 'zh' ? 'English' : '中文'}
    </button>
  );
}

function Layout() {
  const { t } = useI18n();
  const { session, signOut } = useSession();
  if (!session) return null;
  const { user } = session;
  const links = [
    { to: '/', label: t('工作台', 'Inbox'), end: true },
    { to: '/cases', label: t('案件', 'Cases'), end: false },
    { to: '/meetings', label: t('联席会议', 'Joint meetings'), end: false },
    { to: '/reports', label: t('统计报表', 'Reports'), end: false },
    ...(hasRole(session, 'admin', 'auditor') ? [{ to: '/security-log', label: t('安全日志', 'Security log'), end: false }] : []),
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('跳到正文', 'Skip to content')}
      </a>
      <header className="app-header">
        <div className="brand">{t('劳动维权协同平台', 'Labor case hub')}</div>
        <nav aria-label={t('主导航', 'Main')}>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink to={link.to} end={link.end}>
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="whoami">
          <span>
            {t(agencyNames[user.agency])} · {user.displayName}
            {t('（', ' (')}
            {user.roles.map((r) => t(roleLabels[r])).join(t('、', ', '))}
            {t('）', ')')}
          </span>
          {hasRole(session, 'auditor') ? <span className="badge">{t('审计', 'Audit')}</span> : null}
          <NavLink to="/sessions" className="link-button">
            {t('登录会话', 'Sessions')}
          </NavLink>
          <LanguageSwitch />
          <button
            type="button"
            className="link-button"
            onClick={() => {
              closeBrowserLiveClient();
              void signOut();
            }}
          >
            {t('退出', 'Sign out')}
          </button>
        </div>
      </header>
      <main id="main" className="app-main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
