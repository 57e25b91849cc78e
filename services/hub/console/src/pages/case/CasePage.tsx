/**
 * /cases/:caseId — one case: its summary and place on 商→调→裁→执 (督 beside), what this user may
 * do on it now, its deadlines, and its live timeline (newest first; what arrives while the page
 * is open is marked 新 and makes the case and the list of acts reload).
 */
import { categories } from '@hub/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { CaseAnswer } from '@hub/hub-service/wire';
import { agencyApi, hub } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useLiveFeed, type TimelineEntry } from '../../app/live.ts';
import { useSignedIn } from '../../app/session.tsx';
import { Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import { CaseNumberText } from '../../components/CaseNumber.tsx';
import { Actions, commandsKey } from './Actions.tsx';
import { CaseDeadlines, CaseSummary, CaseWorkers } from './CaseSummary.tsx';
import { Documents, documentsKey } from './Documents.tsx';
import { Announcer, FeedStatus } from './FeedStatus.tsx';
import { Timeline } from './Timeline.tsx';
import type { CaseView } from './types.ts';
import './case.css';

/** One page per case: moving to another case starts afresh (no form or draft carried across). */
export default function CasePage() {
  const { caseId = '' } = useParams();
  return <CaseScreen key={caseId} caseId={caseId} />;
}

function CaseScreen({ caseId }: { caseId: string }) {
  const session = useSignedIn();
  const agency = session.user.agency;
  const { t } = useI18n();
  const client = useQueryClient();
  const [announcement, setAnnouncement] = useState('');

  const caseQuery = useQuery({
    queryKey: ['case', agency, caseId],
    queryFn: ({ signal }) => agencyApi<CaseView>(agency, `/cases/${caseId}`, { signal }),
  });
  const entryQuery = useQuery({
    queryKey: ['case-entry', caseId],
    queryFn: ({ signal }) => hub<CaseAnswer>(`/cases/${caseId}`, { signal }).then((r) => r.case),
  });

  const refresh = useCallback(() => {
    void client.invalidateQueries({ queryKey: ['case', agency, caseId] });
    void client.invalidateQueries({ queryKey: commandsKey(agency, caseId) });
    void client.invalidateQueries({ queryKey: ['case-entry', caseId] });
    void client.invalidateQueries({ queryKey: documentsKey(agency, caseId) });
    // The inbox and the case list show this case too.
    void client.invalidateQueries({ queryKey: ['inbox'] });
    void client.invalidateQueries({ queryKey: ['cases'] });
  }, [client, agency, caseId]);

  const onEvents = useCallback(
    (events: TimelineEntry[], live: boolean) => {
      if (!live) return;
      refresh();
      const last = events[events.length - 1];
      if (last) setAnnouncement(t(`新动态：${last.label.zh}`, `New: ${last.label.en}`));
    },
    [refresh, t],
  );

  const feed = useLiveFeed(session.token, { kind: 'case', caseId }, { after: 'start', onEvents });

  const view = caseQuery.data;
  const entry = entryQuery.data;
  // 案号 first: what people call the case (the caseId stays in the URL).
  const caseNumber = view?.caseNumber ?? entry?.caseNumber ?? null;
  const numbered = (text: string) => (caseNumber ? `${caseNumber} · ${text}` : text);
  const title = view
    ? {
        zh: numbered(
          `${view.employers[0]?.name ?? '案件'}${view.employers.length > 1 ? ` 等 ${view.employers.length} 家` : ''} · ${categories.labels[view.category].zh}`,
        ),
        en: numbered(
          `${view.employers[0]?.name ?? 'Case'}${view.employers.length > 1 ? ` and ${view.employers.length - 1} more` : ''} · ${categories.labels[view.category].en}`,
        ),
      }
    : { zh: '案件', en: 'Case' };

  return (
    <div className="case-page">
      <p className="breadcrumb no-print">
        <Link to="/cases">{t('← 案件列表', '← Cases')}</Link>
      </p>
      <PageTitle title={title}>
        <FeedStatus status={feed.status} problem={feed.problem} />
        <Link className="button" to={`/cases/${caseId}/audit`}>
          {t('审计回放', 'Audit replay')}
        </Link>
      </PageTitle>
      <Announcer message={announcement} />
      {caseQuery.isPending ? <Loading what={{ zh: '正在加载案件…', en: 'Loading the case…' }} /> : null}
      {caseQuery.isError ? <ProblemMessage error={caseQuery.error} /> : null}
      {view ? (
        <>
          <CaseSummary view={view} entry={entry} />
          <Actions agency={agency} caseId={caseId} view={view} onDone={refresh} />
          <div className="two-columns">
            <section className="card" aria-labelledby="case-timeline-heading">
              <h2 id="case-timeline-heading">
                {t('案件动态', 'Timeline')} · <CaseNumberText caseNumber={caseNumber} />{' '}
                <span className="muted small">{t('（最新在前）', '(newest first)')}</span>
              </h2>
              {feed.status === 'refused' && feed.problem ? (
                <p className="problem" role="alert">
                  {t(feed.problem)}
                </p>
              ) : null}
              <Timeline entries={feed.entries} fresh={feed.fresh} loading={feed.status !== 'live' && feed.status !== 'refused'} />
            </section>
            <div>
              <CaseDeadlines view={view} />
              <CaseWorkers view={view} agency={agency} caseId={caseId} />
            </div>
          </div>
          <Documents agency={agency} caseId={caseId} view={view} acts={feed.entries} />
        </>
      ) : null}
    </div>
  );
}
