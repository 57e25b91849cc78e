/**
 * 案件审计 (/cases/:caseId/audit): replay the case as of any step of its history, verify it as the
 * store holds it, export it, and verify an exported copy. Everything is read from the store by
 * the hub's audit routes (services/hub/src/http/audit.ts), never from a read model.
 */
import { useCallback, useId, useMemo, useState, type ReactNode } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useI18n, type Label } from '../../app/i18n.tsx';
import { Empty, Loading, PageTitle, ProblemMessage } from '../../components/common.tsx';
import './audit.css';
import { CopyPanel, shownFile, type CheckedFile } from './CopyPanel.tsx';
import { CurrentStep } from './CurrentStep.tsx';
import { ExportPanel } from './ExportPanel.tsx';
import { HistoryList } from './HistoryList.tsx';
import { LateActs, TimeReplay } from './BusinessTime.tsx';
import { checkLabels } from './labels.ts';
import { useCaseSummary, useHistory, useReplay } from './queries.ts';
import { ReplayControls } from './ReplayControls.tsx';
import { StateView } from './StateView.tsx';
import type { EventRef, HistoryStep, ShownProblem, Verification } from './types.ts';
import { shownLive, VerifyPanel } from './VerifyPanel.tsx';
import { CaseNumberText } from '../../components/CaseNumber.tsx';

const TITLE: Label = { zh: '案件审计', en: 'Case audit' };
const REPLAY_ID = 'audit-replay';

/** A titled region of the page: its h2 names it for assistive technology too. */
function Region({ title, className, children, anchor }: { title: Label; className?: string; children: ReactNode; anchor?: string }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <section id={anchor} className={`card ${className ?? ''}`} aria-labelledby={id}>
      <h2 id={id}>{t(title)}</h2>
      {children}
    </section>
  );
}

/** Revision → the checks that found fault there, for the history list. */
function marksOf(sources: readonly { problems: readonly ShownProblem[]; prefix: Label }[]): Map<string, Label[]> {
  const marks = new Map<string, Label[]>();
  for (const { problems, prefix } of sources) {
    for (const p of problems) {
      if (p.severity !== 'failure' || p.revision === undefined) continue;
      const check = checkLabels[p.check] ?? { zh: p.check, en: p.check };
      const label = { zh: `${prefix.zh}：${check.zh}`, en: `${prefix.en}: ${check.en}` };
      const list = marks.get(p.revision) ?? [];
      if (!list.some((l) => l.zh === label.zh)) list.push(label);
      marks.set(p.revision, list);
    }
  }
  return marks;
}

function Replay({
  caseId,
  steps,
  index,
  onMove,
  marks,
}: {
  caseId: string;
  steps: readonly HistoryStep[];
  index: number;
  onMove: (i: number) => void;
  marks: ReadonlyMap<string, readonly Label[]>;
}) {
  const { t } = useI18n();
  const step = steps[index]!;
  const replay = useReplay(caseId, step.revision);
  const stale = replay.isPlaceholderData || replay.data?.asOf?.revision !== step.revision;
  return (
    <div className="audit-replay">
      <div className="audit-replay-main">
        <ReplayControls steps={steps} index={index} onMove={onMove} />
        <CurrentStep step={step} index={index} total={steps.length} event={replay.data?.event ?? null} />
        <h3>{t(`第 ${step.revision} 版之后的案件状态`, `The case after revision ${step.revision}`)}</h3>
        <ProblemMessage error={replay.error} />
        {replay.data ? (
          <div aria-busy={stale} className={stale ? 'audit-stale' : undefined}>
            <StateView state={replay.data.state} deadlines={replay.data.deadlines} />
            <details className="audit-raw">
              <summary>{t('案件状态（JSON，个人信息已遮蔽）', 'Case state (JSON, personal data masked)')}</summary>
              <pre>{JSON.stringify(replay.data.state, null, 2)}</pre>
            </details>
          </div>
        ) : replay.isPending ? (
          <Loading />
        ) : null}
      </div>
      <nav className="audit-replay-side" aria-label={t('历史步骤', 'History steps')}>
        <h3>
          {t('历史步骤', 'History steps')} <span className="muted">{t(`（${steps.length}）`, `(${steps.length})`)}</span>
        </h3>
        <HistoryList steps={steps} index={index} onMove={onMove} marks={marks} />
      </nav>
    </div>
  );
}

export default function AuditPage() {
  const { caseId = '' } = useParams();
  // A fresh page per case: nothing (the step, the results) carries over to another case.
  return <CaseAudit key={caseId} caseId={caseId} />;
}

function CaseAudit({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [search, setSearch] = useSearchParams();
  const history = useHistory(caseId);
  const summary = useCaseSummary(caseId);
  const [verification, setVerification] = useState<Verification | null>(null);
  const [checkedFile, setCheckedFile] = useState<CheckedFile | null>(null);

  const steps = useMemo(() => history.data?.steps ?? [], [history.data]);
  // The step shown: the page's own state, so the slider follows every key press at once; copied
  // to the address (?revision=) so a step can be linked to. The first step by default.
  const [chosen, setChosen] = useState<string | null>(() => search.get('revision'));
  const found = steps.findIndex((s) => s.revision === chosen);
  const index = Math.max(found, 0);
  const move = useCallback(
    (i: number) => {
      const step = steps[Math.max(0, Math.min(steps.length - 1, i))];
      if (!step) return;
      setChosen(step.revision);
      setSearch({ revision: step.revision }, { replace: true, preventScrollReset: true });
    },
    [steps, setSearch],
  );
  const showRevision = useCallback(
    (revision: string) => {
      const i = steps.findIndex((s) => s.revision === revision);
      if (i < 0) return;
      move(i);
      // To the replay, with the keyboard's focus on its slider.
      const replay = document.getElementById(REPLAY_ID);
      replay?.scrollIntoView({ block: 'start' });
      replay?.querySelector<HTMLInputElement>('input[type="range"]')?.focus({ preventScroll: true });
    },
    [steps, move],
  );

  const events = useMemo(
    () => new Map<string, EventRef>(steps.map((s) => [s.revision, { revision: s.revision, label: s.label, agency: s.agency, recordedAt: s.recordedAt }])),
    [steps],
  );
  const marks = useMemo(
    () =>
      marksOf([
        ...(verification ? [{ problems: shownLive(verification), prefix: { zh: '核验', en: 'Verification' } }] : []),
        ...(checkedFile && checkedFile.result.caseId === caseId
          ? [{ problems: shownFile(checkedFile.result), prefix: { zh: '导出文件', en: 'Exported file' } }]
          : []),
      ]),
    [verification, checkedFile, caseId],
  );

  return (
    <div className="audit-page">
      <PageTitle title={TITLE}>
        <Link to={`/cases/${caseId}`} className="button">
          {t('返回案件', 'Back to the case')}
        </Link>
      </PageTitle>
      <p className="audit-subtitle">
        {summary.data ? <span>{summary.data.case.summary}</span> : null}
        <span className="muted audit-small">
          {' '}
          {t('案号', 'Case number')} <CaseNumberText caseNumber={summary.data?.case.caseNumber} />
        </span>
      </p>

      <Region title={{ zh: '历史回放', en: 'Replay' }} anchor={REPLAY_ID}>
        {history.isPending ? <Loading /> : null}
        <ProblemMessage error={history.error} />
        {history.data && steps.length === 0 ? <Empty>{t('该案件没有任何事件。', 'The case has no events.')}</Empty> : null}
        {steps.length > 0 ? <Replay caseId={caseId} steps={steps} index={index} onMove={move} marks={marks} /> : null}
      </Region>

      <Region title={{ zh: '按时刻回放', en: 'Replay as of a moment' }}>
        <TimeReplay caseId={caseId} />
      </Region>
      <Region title={{ zh: '补录记录', en: 'Acts recorded late' }}>
        <LateActs caseId={caseId} />
      </Region>

      <div className="audit-lower">
        <Region title={{ zh: '核验', en: 'Verification' }}>
          <VerifyPanel caseId={caseId} events={events} onShow={showRevision} onResult={setVerification} />
        </Region>
        <Region title={{ zh: '导出', en: 'Export' }} className="no-print">
          <ExportPanel caseId={caseId} />
        </Region>
      </div>

      <Region title={{ zh: '核验导出文件', en: 'Verify an exported file' }} className="no-print">
        <CopyPanel caseId={caseId} onShow={showRevision} onResult={setCheckedFile} />
      </Region>
    </div>
  );
}
