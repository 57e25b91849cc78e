/** 核验: the case as the store holds it now — hash chain, agency signatures, cross-agency witnesses. */
import { useMutation } from '@tanstack/react-query';
import { hub } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { DateText, ProblemMessage } from '../../components/common.tsx';
import { agencyLabel, notComparedReasons, punctuation, shortHash } from './labels.ts';
import { CheckStatus, ProblemList } from './Problems.tsx';
import type { EventRef, ShownProblem, Verification } from './types.ts';

export const shownLive = (v: Verification): ShownProblem[] =>
  v.problems.map((p) => ({
    check: p.check,
    severity: p.severity,
    kind: p.kind,
    revision: p.revision,
    agency: p.agency,
    source: p.source,
    expected: p.expected,
    found: p.found,
    text: { zh: p.detail, en: p.detailEn },
  }));

function Checks({ v }: { v: Verification }) {
  const { t, lang } = useI18n();
  const p = punctuation(lang);
  const { chain, signatures, witnesses } = v.checks;
  const agencies = (list: readonly string[]) => list.map((a) => t(agencyLabel(a))).join(p.list) || t('无', 'none');
  return (
    <div className="table-wrap">
      <table className="audit-checks">
        <thead>
          <tr>
            <th scope="col">{t('检查', 'Check')}</th>
            <th scope="col">{t('结果', 'Result')}</th>
            <th scope="col">{t('核验了什么', 'What was checked')}</th>
          </tr>
        </thead>
        <tbody>
          <tr className={chain.ok ? 'audit-row-ok' : 'audit-row-fail'}>
            <th scope="row">{t('哈希链', 'Hash chain')}</th>
            <td>
              <CheckStatus ok={chain.ok} />
            </td>
            <td>
              {t(`${chain.events} 个事件逐一重算哈希、核对链接`, `${chain.events} events re-hashed and their links checked`)}
              {chain.brokenAt !== null ? (
                <strong className="audit-fail-text">{t(`；首个断点：第 ${chain.brokenAt} 版`, `; first break at revision ${chain.brokenAt}`)}</strong>
              ) : null}
              <span className="audit-small muted">
                {' '}
                · {t('最新哈希', 'head')} <code title={chain.headHash ?? undefined}>{shortHash(chain.headHash)}</code>
              </span>
            </td>
          </tr>
          <tr className={signatures.ok ? 'audit-row-ok' : 'audit-row-fail'}>
            <th scope="row">{t('签名', 'Signatures')}</th>
            <td>
              <CheckStatus ok={signatures.ok} />
            </td>
            <td>
              {t(
                `${signatures.records} 条签名记录；${signatures.signedEvents}/${chain.events} 个事件有其机构的有效签名`,
                `${signatures.records} signature records; ${signatures.signedEvents} of ${chain.events} events validly signed by their agency`,
              )}
            </td>
          </tr>
          <tr className={witnesses.ok ? 'audit-row-ok' : 'audit-row-fail'}>
            <th scope="row">{t('见证', 'Witnesses')}</th>
            <td>
              <CheckStatus ok={witnesses.ok} />
            </td>
            <td>
              {t(
                `见证记录：存储中 ${witnesses.records.store} 条，机构自存副本 ${witnesses.records.agencyCopies} 条`,
                `witness records: ${witnesses.records.store} in the store, ${witnesses.records.agencyCopies} in agencies' own copies`,
              )}
              {p.semi}
              {t('已比对', 'compared')}
              {p.colon}
              {agencies(witnesses.compared)}
              {witnesses.notCompared.length > 0 ? (
                <>
                  {p.semi}
                  {t('未比对', 'not compared')}
                  {p.colon}
                  {witnesses.notCompared
                    .map((n) => `${t(agencyLabel(n.agency))}${p.open}${t(notComparedReasons[n.reason] ?? { zh: n.reason, en: n.reason })}${p.close}`)
                    .join(p.list)}
                </>
              ) : null}
              {p.semi}
              {witnesses.witnessedRevision !== null
                ? t(`已见证到第 ${witnesses.witnessedRevision} 版`, `witnessed up to revision ${witnesses.witnessedRevision}`)
                : t('尚无见证', 'nothing witnessed yet')}
            </td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

export function VerifyPanel({
  caseId,
  events,
  onShow,
  onResult,
}: {
  caseId: string;
  events: ReadonlyMap<string, EventRef>;
  onShow: (revision: string) => void;
  onResult: (v: Verification | null) => void;
}) {
  const { t } = useI18n();
  const verify = useMutation({
    mutationFn: () => hub<Verification>(`/cases/${caseId}/verify`, { method: 'POST' }),
    onSuccess: (v) => onResult(v),
    onError: () => onResult(null),
  });
  const v = verify.data;
  const problems = v ? shownLive(v) : [];
  const failures = problems.filter((p) => p.severity === 'failure');
  const notices = problems.filter((p) => p.severity === 'notice');
  return (
    <>
      <p className="muted audit-small">
        {t(
          '直接读取存储中的事件（不经读模型），重算每个哈希，用中枢信任的公钥核对各机构签名，并与各机构自存的见证副本比对。',
          "Reads the events from the store itself (not a read model), recomputes every hash, checks each agency's signatures with the keys the hub trusts, and compares the agencies' own witness copies.",
        )}
      </p>
      <button type="button" className="primary" onClick={() => verify.mutate()} disabled={verify.isPending}>
        {t('核验', 'Verify')}
      </button>
      {verify.isPending ? (
        <p role="status" className="loading">
          {t('正在核验…', 'Verifying…')}
        </p>
      ) : null}
      <ProblemMessage error={verify.error} />
      <div aria-live="polite">
        {v ? (
          <div className="audit-result">
            <p className={v.ok ? 'success' : 'problem'}>
              <span aria-hidden="true">{v.ok ? '✓ ' : '✗ '}</span>
              {v.ok
                ? t('核验通过：哈希链、签名、见证三项检查全部通过。', 'Verified: the hash chain, the signatures and the witnesses all hold.')
                : t(`核验未通过：发现 ${failures.length} 个问题，见下。`, `Verification FAILED: ${failures.length} problem(s), listed below.`)}
              <span className="audit-small">
                {' '}
                {t('核验时间', 'at')} <DateText value={v.verifiedAt} time />
              </span>
            </p>
            <Checks v={v} />
          </div>
        ) : null}
      </div>
      {v ? (
        <>
          <ProblemList problems={failures} events={events} onShow={onShow} title={{ zh: '问题', en: 'Problems' }} />
          <ProblemList problems={notices} events={events} onShow={onShow} title={{ zh: '提示', en: 'Notices' }} />
        </>
      ) : null}
    </>
  );
}
