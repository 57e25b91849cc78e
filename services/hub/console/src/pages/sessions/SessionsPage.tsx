/**
 * 我的登录会话 (issue 15.2): the signed-in person's active sessions at their agency — where and
 * when each began, when it was last used, when it ends — and a button to end any of them. Ending
 * this one is signing out. The agency records the end, so the hub refuses the session too.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { agencyApi } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSession, useSignedIn } from '../../app/session.tsx';
import { DateText, Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';

interface ActiveSession {
  sessionId: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  address: string | null;
  current: boolean;
}

/** "Chrome on Windows" is more than most people need: the browser's own words, shortened. */
function deviceOf(userAgent: string | null): string {
  if (!userAgent) return '—';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : '';
  const system = /Windows/.test(userAgent)
    ? 'Windows'
    : /Android/.test(userAgent)
      ? 'Android'
      : /iPhone|iPad/.test(userAgent)
        ? 'iOS'
        : /Mac OS/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return [browser, system].filter(Boolean).join(' · ') || userAgent.slice(0, 40);
}

export default function SessionsPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const { signOut } = useSession();
  const agency = session.user.agency;
  const client = useQueryClient();
  const key = ['sessions', agency, session.user.id];
  const query = useQuery({ queryKey: key, queryFn: () => agencyApi<{ sessions: ActiveSession[] }>(agency, '/sessions') });
  const end = useMutation({
    mutationFn: (s: ActiveSession) => agencyApi(agency, `/sessions/${encodeURIComponent(s.sessionId)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
  const sessions = query.data?.sessions ?? [];
  return (
    <section className="card">
      <PageTitle title={{ zh: '我的登录会话', en: 'My sessions' }} />
      <p className="muted">
        {t(
          '以下是您当前有效的登录。不认识的登录请立即结束，并修改密码。长时间不操作的登录会自动结束。',
          'These are your active sign-ins. End any you do not recognise, and change your password. A sign-in left unused ends by itself.',
        )}
      </p>
      <ProblemMessage error={query.error ?? end.error} />
      {query.isPending ? <Loading /> : null}
      {query.isSuccess && sessions.length === 0 ? <Empty>{t('没有有效的登录', 'No active sessions')}</Empty> : null}
      {sessions.length > 0 ? (
        <table>
          <caption className="visually-hidden">{t('有效的登录会话，最近的在前', 'Active sessions, newest first')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('设备', 'Device')}</th>
              <th scope="col">{t('网络地址', 'Address')}</th>
              <th scope="col">{t('登录时间', 'Signed in')}</th>
              <th scope="col">{t('最近使用', 'Last used')}</th>
              <th scope="col">{t('到期', 'Ends')}</th>
              <th scope="col">{t('操作', 'Action')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.sessionId}>
                <td>
                  {deviceOf(s.userAgent)} {s.current ? <span className="badge">{t('本次登录', 'This one')}</span> : null}
                </td>
                <td>{s.address ?? '—'}</td>
                <td className="nowrap">
                  <DateText value={s.createdAt} time />
                </td>
                <td className="nowrap">
                  <DateText value={s.lastSeenAt} time />
                </td>
                <td className="nowrap">
                  <DateText value={s.expiresAt} time />
                </td>
                <td>
                  {s.current ? (
                    <button type="button" className="link-button" onClick={() => void signOut()}>
                      {t('退出本次登录', 'Sign out here')}
                    </button>
                  ) : (
                    <button type="button" disabled={end.isPending} onClick={() => end.mutate(s)}>
                      {t('结束这个会话', 'End this session')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
