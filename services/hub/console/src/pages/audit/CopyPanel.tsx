/**
 * 核验导出文件: an exported JSON proof file, handed back by the auditor, checked by the hub with
 * the offline verifier's own code and the hub's trusted keys (POST /api/audit/verify-export).
 */
import { CaseIdDetail, CaseNumberText } from '../../components/CaseNumber.tsx';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { formatNumber, useI18n } from '../../app/i18n.tsx';
import { DateText, ProblemMessage } from '../../components/common.tsx';
import { eventLabel } from './labels.ts';
import { CheckStatus, ProblemList } from './Problems.tsx';
import { postExportFile } from './queries.ts';
import type { EventRef, VerifiedExport, ShownProblem } from './types.ts';

export interface CheckedFile {
  readonly name: string;
  readonly result: VerifiedExport;
  /** The file's events by revision, read here so each problem can name its event. */
  readonly events: ReadonlyMap<string, EventRef>;
}

/** The events the file itself holds (whatever the verdict): revision → type label, agency, time. */
function eventsOf(text: string): Map<string, EventRef> {
  const out = new Map<string, EventRef>();
  try {
    const doc = JSON.parse(text) as { events?: unknown };
    if (!Array.isArray(doc.events)) return out;
    for (const e of doc.events as { revision?: unknown; type?: unknown; metadata?: { agency?: unknown; recordedAt?: unknown } }[]) {
      if (typeof e?.revision !== 'string' || typeof e.type !== 'string') continue;
      out.set(e.revision, {
        revision: e.revision,
        label: eventLabel(e.type),
        agency: typeof e.metadata?.agency === 'string' ? e.metadata.agency : null,
        recordedAt: typeof e.metadata?.recordedAt === 'string' ? e.metadata.recordedAt : null,
      });
    }
  } catch {
    // not JSON: the hub says so
  }
  return out;
}

export const shownFile = (r: VerifiedExport): ShownProblem[] => [
  ...r.checks.flatMap((c) =>
    c.problems.map(
      (p): ShownProblem => ({
        check: p.check,
        severity: 'failure',
        kind: p.kind,
        revision: p.revision,
        agency: p.agency,
        source: p.source,
        expected: p.expected,
        found: p.found,
        text: { zh: p.zh, en: p.en },
      }),
    ),
  ),
];

function Verdict({ file, caseId }: { file: CheckedFile; caseId: string }) {
  const { t, lang } = useI18n();
  const r = file.result;
  const tone = r.exitCode === 0 ? 'success' : r.exitCode === 3 ? 'audit-warning' : 'problem';
  const text =
    r.exitCode === 0
      ? t('文件核验通过：内容未被改动，签名有效，最后一版已被见证。', 'The file verifies: nothing altered, every signature valid, the last revision witnessed.')
      : r.exitCode === 3
        ? t('文件核验通过，但无法证明完整：没有见证记录覆盖最后一版。', 'The file verifies, but is not proven complete: no witness covers its last revision.')
        : t(`文件核验未通过：发现 ${r.failures} 个问题，见下。`, `The file FAILS verification: ${r.failures} problem(s), listed below.`);
  return (
    <>
      <p className={tone}>
        <span aria-hidden="true">{r.exitCode === 0 ? '✓ ' : r.exitCode === 3 ? '⚠ ' : '✗ '}</span>
        {text}
      </p>
      <dl className="audit-facts">
        <div>
          <dt>{t('文件', 'File')}</dt>
          <dd>{file.name}</dd>
        </div>
        <div>
          <dt>{t('案号', 'Case number')}</dt>
          <dd>
            <CaseNumberText caseNumber={r.caseNumber} />
            {r.caseId !== caseId ? <strong className="audit-fail-text">{t('（不是本页的案件）', ' (not this page’s case)')}</strong> : null}
            <CaseIdDetail caseId={r.caseId} />
          </dd>
        </div>
        <div>
          <dt>{t('导出时间', 'Exported')}</dt>
          <dd>{typeof r.exportedAt === 'string' ? <DateText value={r.exportedAt} time /> : '—'}</dd>
        </div>
        <div>
          <dt>{t('内容', 'Contents')}</dt>
          <dd>
            {t(
              `事件 ${formatNumber(r.counts.events, lang)} 个，签名记录 ${r.counts.signatures} 条，见证记录 ${r.counts.witnesses} 条`,
              `${r.counts.events} events, ${r.counts.signatures} signature records, ${r.counts.witnesses} witness records`,
            )}
          </dd>
        </div>
        <div>
          <dt>{t('所用密钥', 'Keys')}</dt>
          <dd>{t(`中枢信任的公钥（${r.keys.count} 个），不用文件自带的`, `the hub's trusted keys (${r.keys.count}), not the file's own`)}</dd>
        </div>
      </dl>
    </>
  );
}

function FileChecks({ r }: { r: VerifiedExport }) {
  const { t } = useI18n();
  const names: Record<string, [string, string]> = {
    identity: ['案件标识', 'Case identity'],
    chain: ['哈希链', 'Hash chain'],
    signatures: ['签名', 'Signatures'],
    witnesses: ['见证', 'Witnesses'],
  };
  return (
    <div className="table-wrap">
      <table className="audit-checks">
        <thead>
          <tr>
            <th scope="col">{t('检查', 'Check')}</th>
            <th scope="col">{t('结果', 'Result')}</th>
            <th scope="col">{t('问题数 / 说明', 'Problems / notes')}</th>
          </tr>
        </thead>
        <tbody>
          {r.checks.map((c) => (
            <tr key={c.id} className={c.ok ? 'audit-row-ok' : 'audit-row-fail'}>
              <th scope="row">{t(...(names[c.id] ?? [c.zh, c.en]))}</th>
              <td>
                <CheckStatus ok={c.ok} />
              </td>
              <td>{c.problems.length}</td>
            </tr>
          ))}
          <tr className={r.completeness.proven ? 'audit-row-ok' : 'audit-row-warn'}>
            <th scope="row">{t('完整性', 'Completeness')}</th>
            <td>
              {r.completeness.proven ? (
                <CheckStatus ok />
              ) : (
                <span className="badge audit-warn-badge">
                  <span aria-hidden="true">⚠ </span>
                  {t('无法证明', 'Not proven')}
                </span>
              )}
            </td>
            <td>
              {r.completeness.lines.map((l, i) => (
                <span key={i} className="audit-small audit-block">
                  {t(l).replace(/^警告 WARNING: /, '')}
                </span>
              ))}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function CopyPanel({
  caseId,
  onShow,
  onResult,
}: {
  caseId: string;
  /** Moves the replay to a revision, for a file of this page's case. */
  onShow: (revision: string) => void;
  onResult: (file: CheckedFile | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const check = useMutation({
    mutationFn: async (file: File): Promise<CheckedFile> => {
      const [result, text] = await Promise.all([postExportFile<VerifiedExport>(file), file.text()]);
      return { name: file.name, result, events: eventsOf(text) };
    },
    onSuccess: (checked) => onResult(checked),
    onError: () => onResult(null),
  });
  const checked = check.data;
  const sameCase = checked?.result.caseId === caseId;
  return (
    <>
      <p className="muted audit-small">
        {t(
          '选择之前导出的 JSON 文件（例如别人交来的副本）。中枢用离线核验工具的同一段代码、以中枢信任的公钥核验它，并指出哪一版、哪一项不符。',
          'Choose a JSON file exported earlier (a copy someone handed you, say). The hub checks it with the offline verifier’s own code and the keys the hub trusts, and names the revision and the check where it fails.',
        )}
      </p>
      <div className="field audit-file">
        <label htmlFor={`${id}-file`}>{t('选择导出文件', 'Choose an exported file')}</label>
        <input
          id={`${id}-file`}
          type="file"
          accept=".json,application/json"
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            if (file) check.mutate(file);
            // Cleared, so the same file chosen again (after editing it, say) is checked again.
            e.currentTarget.value = '';
          }}
        />
        <span id={`${id}-hint`} className="hint">
          {t('选择后立即核验；文件不会被保存。', 'Checked as soon as it is chosen; the file is not kept.')}
        </span>
      </div>
      {check.isPending ? (
        <p role="status" className="loading">
          {t('正在核验文件…', 'Checking the file…')}
        </p>
      ) : null}
      <ProblemMessage error={check.error} />
      <div aria-live="polite">
        {checked && !check.isPending ? (
          <div className="audit-result">
            <Verdict file={checked} caseId={caseId} />
            <FileChecks r={checked.result} />
          </div>
        ) : null}
      </div>
      {checked && !check.isPending ? (
        <>
          <ProblemList
            problems={shownFile(checked.result)}
            events={checked.events}
            onShow={sameCase ? onShow : undefined}
            title={{ zh: '文件中的问题', en: 'Problems in the file' }}
          />
          {checked.result.notices.length > 0 ? (
            <ProblemList
              problems={checked.result.notices.map((n) => ({
                check: 'keys',
                severity: 'notice',
                kind: n.kind,
                agency: n.agency,
                // A file key's notice names the key; the verifier's signed-later notice has none.
                found: 'keyId' in n ? n.keyId : undefined,
                text: { zh: n.zh, en: n.en },
              }))}
              events={checked.events}
              title={{ zh: '提示', en: 'Notices' }}
            />
          ) : null}
        </>
      ) : null}
    </>
  );
}
