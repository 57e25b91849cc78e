/**
 * /cases — the case directory (hub GET /api/cases): search by text, category and status, most
 * recently active first, 50 a page; the filters live in the URL so Back returns to the same list.
 * Liaisons can open a new case here (登记新案件) with the generic command form.
 */
import { agencyShortNames, categories, commandCatalog } from '@hub/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CaseSearch } from '@hub/hub-service/wire';
import { agencyApi, hub, withQuery } from '../../app/api.ts';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { hasRole, useSignedIn } from '../../app/session.tsx';
import { DateText, Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import { CaseNumberText } from '../../components/CaseNumber.tsx';
import { CommandForm } from '../case/form/CommandForm.tsx';
import { caseName, CaseStatus, StageText } from './shared.tsx';
import './inbox.css';

const PAGE = 50;

export default function CasesPage() {
  const { t, lang } = useI18n();
  const session = useSignedIn();
  const [params, setParams] = useSearchParams();
  const [opening, setOpening] = useState(false);
  const formId = useId();
  const q = params.get('q') ?? '';
  const category = params.get('category') ?? '';
  const status = params.get('status') ?? '';
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);

  const query = useQuery({
    queryKey: ['cases', { q, category, status, page }],
    queryFn: ({ signal }) => hub<CaseSearch>(withQuery('/cases', { q, category, status, limit: PAGE, offset: page * PAGE }), { signal }),
    placeholderData: keepPreviousData,
  });

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['q', 'category', 'status']) {
      const value = String(form.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }

  const goTo = (n: number) => {
    const next = new URLSearchParams(params);
    if (n > 0) next.set('page', String(n));
    else next.delete('page');
    setParams(next);
  };

  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE));
  const mayOpen = hasRole(session, ...commandCatalog.OpenCase.roles);
  return (
    <>
      <PageTitle title={{ zh: '案件', en: 'Cases' }}>
        {mayOpen ? (
          <button
            type="button"
            className={opening ? undefined : 'primary'}
            aria-expanded={opening}
            aria-controls={opening ? formId : undefined}
            onClick={() => setOpening(!opening)}
          >
            {t('登记新案件', 'Open a new case')}
          </button>
        ) : null}
      </PageTitle>

      {opening ? <OpenCasePanel id={formId} onClose={() => setOpening(false)} /> : null}

      <form className="filters case-filters" role="search" aria-label={t('查找案件', 'Find cases')} onSubmit={search} key={`${q}|${category}|${status}`}>
        <div className="field">
          <label htmlFor={`${formId}-q`}>{t('关键词', 'Search')}</label>
          <input
            id={`${formId}-q`}
            type="search"
            name="q"
            defaultValue={q}
            maxLength={200}
            placeholder={t('案号、用人单位、信用代码、案情', 'Case number, employer, USCC, summary')}
            aria-describedby={`${formId}-q-hint`}
          />
          <span id={`${formId}-q-hint`} className="small muted">
            {t('案号可只输入一部分；括号写作 [ ] 或 ( ) 均可，“第”可省略', 'Part of a case number will do; brackets as [ ] or ( ), 第 may be left out')}
          </span>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-category`}>{t('类别', 'Category')}</label>
          <select id={`${formId}-category`} name="category" defaultValue={category}>
            <option value="">{t('全部类别', 'All categories')}</option>
            {categories.values.map((c) => (
              <option key={c} value={c}>
                {t(categories.labels[c])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${formId}-status`}>{t('办理状态', 'Status')}</label>
          <select id={`${formId}-status`} name="status" defaultValue={status}>
            <option value="">{t('全部', 'All')}</option>
            <option value="open">{t('办理中', 'Open')}</option>
            <option value="closed">{t('已销号', 'Closed')}</option>
          </select>
        </div>
        <button type="submit" className="primary">
          {t('查询', 'Search')}
        </button>
        {q || category || status ? (
          <button type="button" onClick={() => setParams(new URLSearchParams())}>
            {t('清除条件', 'Clear')}
          </button>
        ) : null}
      </form>

      <section className="card" aria-labelledby="cases-results">
        <h2 id="cases-results">
          {t('查询结果', 'Results')}
          {query.data ? <span className="muted small">{t(`（共 ${formatNumber(total, lang)} 件）`, ` (${formatNumber(total, lang)} in all)`)}</span> : null}
        </h2>
        {query.isPending ? <Loading /> : null}
        <ProblemMessage error={query.error} />
        {query.data && query.data.cases.length === 0 ? <Empty>{t('没有符合条件的案件', 'No case matches')}</Empty> : null}
        {query.data && query.data.cases.length > 0 ? (
          <div className="table-wrap">
            <table aria-busy={query.isFetching || undefined}>
              <caption className="visually-hidden">{t('案件列表，最近有动态的在前', 'Cases, most recently active first')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('案号', 'Case number')}</th>
                  <th scope="col">{t('用人单位', 'Employer')}</th>
                  <th scope="col">{t('类别', 'Category')}</th>
                  <th scope="col">{t('来源渠道', 'Channel')}</th>
                  <th scope="col">{t('登记日期', 'Opened')}</th>
                  <th scope="col">{t('环节', 'Stage')}</th>
                  <th scope="col">{t('状态', 'Status')}</th>
                  <th scope="col">{t('参与机构', 'Agencies')}</th>
                  <th scope="col">{t('本机构承办人', 'Our handler')}</th>
                </tr>
              </thead>
              <tbody>
                {query.data.cases.map((c) => {
                  const name = caseName(c);
                  return (
                    <tr key={c.caseId}>
                      <td>
                        <Link to={`/cases/${c.caseId}`}>
                          <CaseNumberText caseNumber={c.caseNumber} />
                          {name ? <span className="visually-hidden">（{t(name)}）</span> : null}
                        </Link>
                      </td>
                      <td>
                        <Link to={`/cases/${c.caseId}`}>{name ? t(name) : (c.caseNumber ?? t('查看案件', 'Open case'))}</Link>
                      </td>
                      <td>{(c.labels.categories ?? [c.labels.category]).map((l) => t(l)).join(t('、', ', '))}</td>
                      <td>{t(c.labels.channel)}</td>
                      <td className="nowrap">
                        <DateText value={c.openedAt} />
                      </td>
                      <td>
                        <StageText entry={c} />
                      </td>
                      <td>
                        <CaseStatus status={c.status} />
                      </td>
                      <td>{c.agencies.map((a) => t(agencyShortNames[a])).join(t('、', ', '))}</td>
                      <td>{c.handlers[session.user.agency] ?? <span className="muted">—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
        {pages > 1 ? (
          <nav className="pager" aria-label={t('分页', 'Pages')}>
            <button type="button" disabled={page === 0} onClick={() => goTo(page - 1)}>
              {t('上一页', 'Previous')}
            </button>
            <span>{t(`第 ${page + 1} / ${pages} 页`, `Page ${page + 1} of ${pages}`)}</span>
            <button type="button" disabled={page + 1 >= pages} onClick={() => goTo(page + 1)}>
              {t('下一页', 'Next')}
            </button>
          </nav>
        ) : null}
      </section>
    </>
  );
}

function OpenCasePanel({ id, onClose }: { id: string; onClose: () => void }) {
  const session = useSignedIn();
  const navigate = useNavigate();
  const definition = commandCatalog.OpenCase;
  return (
    <section id={id} className="card open-case">
      <CommandForm
        name={definition.name}
        label={definition.label}
        input={definition.input}
        send={(body) => agencyApi(session.user.agency, '/cases', { body })}
        onDone={(result) => {
          const caseId = (result as { caseId?: string } | null)?.caseId;
          if (caseId) void navigate(`/cases/${caseId}`);
          else onClose();
        }}
        onCancel={onClose}
      />
    </section>
  );
}
