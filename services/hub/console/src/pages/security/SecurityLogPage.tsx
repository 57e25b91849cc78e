/**
 * /security-log — 安全日志 for admins and auditors (docs/security-log.md): the agency's own log
 * (through the gateway, /agencies/<agency>/api/admin/security-log) or the hub's (exports), newest
 * first, filtered by kind and Beijing day, 100 a page; whether the chain verifies; the CSV.
 */
import { agencyNames, type AgencyId } from '@hub/contracts';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { SECURITY_KINDS, SECURITY_OUTCOMES, type SecurityEntry, type SecurityKind } from '@hub/hub-service/wire';
import { agencyApi, hub, withQuery } from '../../app/api.ts';
import { downloadUrl } from '../../app/files.ts';
import { useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { DateText, Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import './security.css';

type Source = 'agency' | 'hub';
interface Page {
  entries: SecurityEntry[];
  next: number | null;
}
interface Verification {
  ok: boolean;
  entries: number;
  broken?: { seq: number; reason: string };
}

const PAGE = 100;
const KINDS = Object.keys(SECURITY_KINDS) as SecurityKind[];

const fetchFrom = <T,>(source: Source, agency: AgencyId, path: string, signal?: AbortSignal) =>
  source === 'hub' ? hub<T>(path, signal ? { signal } : {}) : agencyApi<T>(agency, path, signal ? { signal } : {});

export default function SecurityLogPage() {
  const { t } = useI18n();
  const session = useSignedIn();
  const agency = session.user.agency;
  const formId = useId();
  const [source, setSource] = useState<Source>('agency');
  const [filters, setFilters] = useState({ kind: '', from: '', to: '' });
  const [before, setBefore] = useState<number[]>([]);
  const cursor = before.at(-1);
  const query = { kind: filters.kind, from: filters.from, to: filters.to };

  const page = useQuery({
    queryKey: ['security-log', source, agency, query, cursor],
    queryFn: ({ signal }) => fetchFrom<Page>(source, agency, withQuery('/admin/security-log', { ...query, limit: PAGE, before: cursor }), signal),
    placeholderData: keepPreviousData,
  });
  const verify = useQuery({
    queryKey: ['security-log-verify', source, agency],
    queryFn: ({ signal }) => fetchFrom<Verification>(source, agency, '/admin/security-log/verify', signal),
  });
  const csv = useMutation({
    mutationFn: () =>
      downloadUrl(
        withQuery(source === 'hub' ? '/api/admin/security-log.csv' : `/agencies/${agency}/api/admin/security-log.csv`, query),
        `安全日志-${source === 'hub' ? '协同中枢' : agencyNames[agency].zh}.csv`,
      ),
  });

  if (!hasRole(session, 'admin', 'auditor')) {
    return (
      <>
        <PageTitle title={{ zh: '安全日志', en: 'Security log' }} />
        <Empty>{t('安全日志仅供管理员和审计人员查看', 'The security log is for admins and auditors only')}</Empty>
      </>
    );
  }

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setFilters({ kind: String(form.get('kind') ?? ''), from: String(form.get('from') ?? ''), to: String(form.get('to') ?? '') });
    setBefore([]);
  }

  const entries = page.data?.entries ?? [];
  return (
    <>
      <PageTitle title={{ zh: '安全日志', en: 'Security log' }}>
        <button type="button" disabled={csv.isPending} onClick={() => csv.mutate()}>
          {t('导出 CSV', 'Export CSV')}
        </button>
      </PageTitle>
      <ProblemMessage error={csv.error} />

      <form className="filters" aria-label={t('筛选安全日志', 'Filter the security log')} onSubmit={apply}>
        <div className="field">
          <label htmlFor={`${formId}-source`}>{t('日志来源', 'Which log')}</label>
          <select
            id={`${formId}-source`}
            value={source}
            onChange={(e) => {
              setSource(e.target.value as Source);
              setBefore([]);
            }}
          >
            <option value="agency">{t(`本机构（${agencyNames[agency].zh}）`, `This agency (${agencyNames[agency].en})`)}</option>
            <option value="hub">{t('协同中枢（案件导出）', 'The hub (case exports)')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-kind`}>{t('事件', 'Kind')}</label>
          <select id={`${formId}-kind`} name="kind" defaultValue={filters.kind}>
            <option value="">{t('全部', 'All')}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {SECURITY_KINDS[k]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-from`}>{t('起始日期', 'From')}</label>
          <input id={`${formId}-from`} type="date" name="from" defaultValue={filters.from} />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-to`}>{t('截止日期', 'To')}</label>
          <input id={`${formId}-to`} type="date" name="to" defaultValue={filters.to} />
        </div>
        <button type="submit" className="primary">
          {t('查询', 'Search')}
        </button>
      </form>

      <p role="status" className={verify.data && !verify.data.ok ? 'security-verdict problem' : 'security-verdict success'}>
        {verify.data
          ? verify.data.ok
            ? t(`哈希链校验通过（${verify.data.entries} 条）`, `The hash chain verifies (${verify.data.entries} entries)`)
            : t(
                `哈希链校验未通过：第 ${verify.data.broken?.seq} 条（${verify.data.broken?.reason}）`,
                `The hash chain does not verify: entry ${verify.data.broken?.seq} (${verify.data.broken?.reason})`,
              )
          : null}
      </p>
      <ProblemMessage error={verify.error} />

      <section className="card" aria-labelledby={`${formId}-results`}>
        <h2 id={`${formId}-results`}>{t('日志条目（最新在前）', 'Entries (newest first)')}</h2>
        {page.isPending ? <Loading /> : null}
        <ProblemMessage error={page.error} />
        {page.data && entries.length === 0 ? <Empty>{t('没有符合条件的条目', 'No entry matches')}</Empty> : null}
        {entries.length > 0 ? (
          <div className="table-wrap">
            <table aria-busy={page.isFetching || undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('序号', 'Seq')}</th>
                  <th scope="col">{t('时间', 'Time')}</th>
                  <th scope="col">{t('事件', 'Kind')}</th>
                  <th scope="col">{t('结果', 'Outcome')}</th>
                  <th scope="col">{t('操作人', 'Actor')}</th>
                  <th scope="col">{t('对象', 'Subject')}</th>
                  <th scope="col">{t('来源地址', 'Source')}</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.seq}>
                    <td>{e.seq}</td>
                    <td>
                      <DateText value={e.at} time />
                    </td>
                    <td>{SECURITY_KINDS[e.kind] ?? e.kind}</td>
                    <td>{SECURITY_OUTCOMES[e.outcome] ?? e.outcome}</td>
                    <td>{e.actor.name ?? (typeof e.detail['username'] === 'string' ? `（${t('尝试', 'tried')}）${e.detail['username']}` : '—')}</td>
                    <td className="small">{e.subject}</td>
                    <td className="small">{e.forwardedFor ? `${e.forwardedFor}（${t('经', 'via')} ${e.sourceIp ?? '—'}）` : (e.sourceIp ?? '—')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        <nav className="security-pager" aria-label={t('分页', 'Pages')}>
          <button type="button" disabled={before.length === 0} onClick={() => setBefore(before.slice(0, -1))}>
            {t('较新', 'Newer')}
          </button>
          <button type="button" disabled={!page.data?.next} onClick={() => page.data?.next && setBefore([...before, page.data.next])}>
            {t('更早', 'Older')}
          </button>
        </nav>
      </section>
    </>
  );
}
