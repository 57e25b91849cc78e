/** The case at a glance: what it is about, who opened it when, where it stands; its deadlines and workers. */
import { agencyShortNames, categories, channels, moneyKinds, type AgencyId, type MoneyItem } from '@hub/contracts';
import type { CaseEntry } from '@hub/hub-service/wire';
import { useI18n, formatMoney, formatNumber } from '../../app/i18n.tsx';
import { useState } from 'react';
import { agencyApi } from '../../app/api.ts';
import { AgencyName, DateText, DeadlineBadge, Empty, ProblemMessage } from '../../components/common.tsx';
import { CaseIdDetail, CaseNumberText } from '../../components/CaseNumber.tsx';
import { chainOf, StageChain } from '../../components/StageChain.tsx';
import { byUrgency, deadlineKindLabel } from './deadlineKinds.ts';
import type { CaseView, RevealedWorker } from './types.ts';

export function CaseSummary({ view, entry }: { view: CaseView; entry: CaseEntry | undefined }) {
  const { t, lang } = useI18n();
  const chain = chainOf(view);
  const closed = view.status === 'closed';
  return (
    <section className="card case-summary" aria-label={t('案件概况', 'Case summary')}>
      {/* 督 as the hub's case directory has it (the same badge as in the lists): supervision under way. */}
      <StageChain current={chain.current} reached={chain.reached} supervised={entry?.supervisionUnderWay ?? false} closed={closed} />
      {entry?.summary ? <p className="case-text">{entry.summary}</p> : null}
      <dl className="facts">
        <div>
          <dt>{t('案号', 'Case number')}</dt>
          <dd>
            <CaseNumberText caseNumber={view.caseNumber ?? entry?.caseNumber} />
          </dd>
        </div>
        <div>
          <dt>{t('用人单位', 'Employers')}</dt>
          <dd>
            <ul className="plain-list employer-list">
              {view.employers.map((e, i) => (
                <li key={`${i}:${e.name}`}>
                  {e.name} <span className="muted small">{e.uscc ?? t('（未提供统一社会信用代码）', '(no USCC given)')}</span>
                </li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>{t('案件类别', 'Categories')}</dt>
          <dd>{(view.categories ?? [view.category]).map((c) => t(categories.labels[c])).join(t('、', ', '))}</dd>
        </div>
        <div>
          <dt>{t('来源渠道', 'Channel')}</dt>
          <dd>{t(channels.labels[view.channel])}</dd>
        </div>
        <div>
          <dt>{t('登记日期', 'Opened')}</dt>
          <dd>
            <DateText value={entry?.openedAt} />
          </dd>
        </div>
        <div>
          <dt>{t('登记机构', 'Opened by')}</dt>
          <dd>
            <AgencyName agency={view.openedBy} />
          </dd>
        </div>
        <div>
          <dt>{t('状态', 'Status')}</dt>
          <dd>
            {closed ? <span className="badge badge-closed">{t('已销号', 'Closed')}</span> : <span className="badge badge-open">{t('办理中', 'Open')}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('职工人数', 'Workers')}</dt>
          <dd>{formatNumber(view.workerCount, lang)}</dd>
        </div>
        <div>
          <dt>{t('请求金额', 'Amount claimed')}</dt>
          <dd>
            <MoneyItems total={view.amountClaimedFen} items={view.claimedItems} label={t('请求金额分项', 'Amount claimed by kind')} />
          </dd>
        </div>
        {view.closure ? (
          <div>
            <dt>{t('追回金额', 'Recovered')}</dt>
            <dd>
              <MoneyItems total={view.closure.amountRecoveredFen} items={view.closure.recoveredItems} label={t('追回金额分项', 'Recovered by kind')} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t('参与机构', 'Agencies')}</dt>
          <dd>{view.participants.map((a) => t(agencyShortNames[a])).join(t('、', ', '))}</dd>
        </div>
        <div>
          <dt>{t('承办人', 'Handlers')}</dt>
          <dd className="case-handlers">
            {view.participants.map((a) => {
              const handler = view.handlers?.[a];
              return (
                <span key={a} className="case-handler">
                  {t(agencyShortNames[a])}
                  {t('：', ': ')}
                  {handler ? handler.displayName : <span className="muted">{t('未指定', 'not assigned')}</span>}
                </span>
              );
            })}
          </dd>
        </div>
      </dl>
      <CaseIdDetail caseId={view.caseId} />
    </section>
  );
}

/** A total and, when there is more than the total to say, its items by kind (issue 13.6). */
function MoneyItems({ total, items, label }: { total: number; items: readonly MoneyItem[] | undefined; label: string }) {
  const { t } = useI18n();
  return (
    <>
      <span className="number">{formatMoney(total)}</span>
      {items && items.length > 0 ? (
        <table className="money-items" aria-label={label}>
          <tbody>
            {items.map((item) => (
              <tr key={item.kind}>
                <th scope="row">{t(moneyKinds.labels[item.kind])}</th>
                <td className="number">{formatMoney(item.amountFen)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

export function CaseDeadlines({ view }: { view: CaseView }) {
  const { t } = useI18n();
  const list = [...view.deadlines].sort(byUrgency);
  return (
    <section className="card" aria-labelledby="case-deadlines-heading">
      <h2 id="case-deadlines-heading">{t('本案期限', 'Deadlines of this case')}</h2>
      {list.length === 0 ? (
        <Empty>{t('没有未完成的期限', 'No open deadlines')}</Empty>
      ) : (
        <ul className="deadline-list">
          {list.map((d) => (
            <li key={`${d.kind}:${d.ref}`}>
              <DeadlineBadge status={d.status} />
              <span className="deadline-what">{t(deadlineKindLabel(d.kind))}</span>
              <span className="deadline-who">
                <AgencyName agency={d.agency} />
                {d.party ? <span className="muted"> · {d.party}</span> : null}
              </span>
              <span className="deadline-due">
                {t('期限', 'Due')} <DateText value={d.dueAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The case's workers. The handling agency sees each name with the ID number and phone masked; a
 * person who needs them presses 显示 (one request per press, written to the agency's access log)
 * and 隐藏 to mask them again. Nothing is revealed by loading the page.
 */
export function CaseWorkers({ view, agency, caseId }: { view: CaseView; agency: AgencyId; caseId: string }) {
  const { t } = useI18n();
  const [shown, setShown] = useState<Record<string, RevealedWorker['worker']>>({});
  const [pending, setPending] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  if (view.workers.length === 0) return null;

  const reveal = async (workerId: string) => {
    setFailure(null);
    setPending(workerId);
    try {
      const answer = await agencyApi<RevealedWorker>(agency, `/cases/${caseId}/workers/${workerId}/reveal`, { method: 'POST' });
      setShown((s) => ({ ...s, [workerId]: answer.worker }));
    } catch (error) {
      setFailure(error);
    } finally {
      setPending(null);
    }
  };
  const hide = (workerId: string) =>
    setShown((s) => {
      const { [workerId]: _gone, ...rest } = s;
      return rest;
    });

  return (
    <section className="card" aria-labelledby="case-workers-heading">
      <h2 id="case-workers-heading">{t('职工', 'Workers')}</h2>
      {view.workers.some((w) => w.masked && !w.erased) ? (
        <p className="muted small">{t('职工个人信息仅对办理该职工事项的机构显示。', "Workers' personal data is shown only to the agency handling them.")}</p>
      ) : null}
      {view.workers.some((w) => !w.masked && (w.idNumber || w.phone)) ? (
        <p className="muted small">
          {t(
            '身份证号和手机号默认遮蔽；点“显示”查看，每次查看都记入本机构的访问日志。',
            'ID numbers and phones are masked; press Show to see them. Each time is written to your agency’s access log.',
          )}
        </p>
      ) : null}
      <ProblemMessage error={failure} />
      <ul className="worker-list">
        {view.workers.map((w, i) => {
          if (w.erased) {
            return (
              <li key={w.workerId}>
                <span className="muted">{t(`职工 ${i + 1}（个人信息已删除）`, `Worker ${i + 1} (personal data erased)`)}</span>
              </li>
            );
          }
          if (w.masked) {
            return (
              <li key={w.workerId}>
                <span>{t(`职工 ${i + 1}（姓名已隐藏）`, `Worker ${i + 1} (name hidden)`)}</span>
              </li>
            );
          }
          const clear = shown[w.workerId];
          const idNumber = clear ? clear.idNumber : w.idNumber;
          const phone = clear ? clear.phone : w.phone;
          const hidden = w.idNumber !== undefined || w.phone !== undefined;
          return (
            <li key={w.workerId} data-worker={w.workerId}>
              <span>{w.name}</span>
              {idNumber ? (
                <span className="muted">
                  {' '}
                  · {t('身份证', 'ID')} <span className="worker-pii">{idNumber}</span>
                </span>
              ) : null}
              {phone ? (
                <span className="muted">
                  {' '}
                  · {t('手机', 'Mobile')} <span className="worker-pii">{phone}</span>
                </span>
              ) : null}
              {hidden ? (
                clear ? (
                  <button
                    type="button"
                    className="link-button small no-print reveal-button"
                    onClick={() => hide(w.workerId)}
                    aria-label={t(`隐藏${w.name}的身份证号和手机号`, `Hide ${w.name}'s ID number and phone`)}
                  >
                    {t('隐藏', 'Hide')}
                  </button>
                ) : (
                  <button
                    type="button"
                    className="link-button small no-print reveal-button"
                    disabled={pending === w.workerId}
                    onClick={() => void reveal(w.workerId)}
                    aria-label={t(`显示${w.name}的身份证号和手机号（记入访问日志）`, `Show ${w.name}'s ID number and phone (written to the access log)`)}
                  >
                    {pending === w.workerId ? t('正在显示…', 'Showing…') : t('显示', 'Show')}
                  </button>
                )
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
