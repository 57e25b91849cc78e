/** The case as of a step, in words: the domain's folded state (masked), section by section. */
import { CaseNumberText } from '../../components/CaseNumber.tsx';
import {
  agencyIdSchema,
  agencyShortNames,
  categories,
  channels,
  creditLists,
  letterKinds,
  negotiationOutcomes,
  resolutions,
  type AgencyId,
} from '@hub/contracts';
import type { ReplayDeadline } from '@hub/hub-service/wire';
import { createContext, useContext, type ReactNode } from 'react';
import { formatMoney, formatNumber, useI18n, type Label } from '../../app/i18n.tsx';
import { DateText, DeadlineBadge } from '../../components/common.tsx';
import { chainOf, StageChain } from '../../components/StageChain.tsx';
import {
  agencyLabel,
  arbitrationStatusLabels,
  enforcementStatusLabels,
  itemStatusLabels,
  itemStatusMarks,
  leadStatusLabels,
  litigationStatusLabels,
  mediationStatusLabels,
  personalFieldLabels,
  punctuation,
} from './labels.ts';
import type { CaseState, OpenedCase, Party } from './types.ts';

const labelIn = (labels: Readonly<Record<string, Label>>, code: string): Label => labels[code] ?? { zh: code, en: code };

/** An agency's name; `short` (工会, 检察院…) in table cells. */
function Agency({ agency, short = false }: { agency: AgencyId | string | null; short?: boolean }) {
  const { t } = useI18n();
  const known = agencyIdSchema.safeParse(agency);
  const label = short && known.success ? agencyShortNames[known.data] : agencyLabel(agency);
  return <span className={`agency agency-${agency ?? 'none'}`}>{t(label)}</span>;
}

function PartyName({ party }: { party: Party }) {
  const { t, lang } = useI18n();
  const p = punctuation(lang);
  if (party.kind === 'agency' && party.agencyId) return <>{t(agencyLabel(party.agencyId))}</>;
  const uscc = party.kind === 'enterprise' ? party.uscc : undefined;
  return (
    <>
      {party.name}
      {uscc ? (
        <span className="muted audit-small">
          {p.open}
          {uscc}
          {p.close}
        </span>
      ) : null}
    </>
  );
}

/** The replayed case's deadlines by `kind:ref`: whether each was met late, as of the step shown. */
const Deadlines = createContext<ReadonlyMap<string, ReplayDeadline>>(new Map());

/** Whether the deadline `kind:ref` was met after it was due, as of the step shown. */
function useMetLate(deadline: string | undefined): boolean {
  const deadlines = useContext(Deadlines);
  return deadline !== undefined && deadlines.get(deadline)?.late === true;
}

/**
 * Done or not; with `deadline` (its `kind:ref`), done after the deadline shows as 逾期完成 (met
 * late), never as the green ✓ of a deadline met on time, as everywhere in the console.
 */
function YesNo({ value, yes, no, deadline }: { value: boolean; yes: Label; no: Label; deadline?: string }) {
  const { t } = useI18n();
  const late = useMetLate(deadline);
  if (value && late) {
    return (
      <span className="audit-late">
        <DeadlineBadge status="late" /> <span className="muted audit-small">{t(yes)}</span>
      </span>
    );
  }
  return (
    <span className={value ? 'audit-yes' : 'audit-no'}>
      <span aria-hidden="true">{value ? '✓ ' : '○ '}</span>
      {t(value ? yes : no)}
    </span>
  );
}

/** A titled table, shown only when it has rows. */
function Section({ title, count, head, children }: { title: Label; count: number; head: readonly Label[]; children: ReactNode }) {
  const { t, lang } = useI18n();
  const p = punctuation(lang);
  if (count === 0) return null;
  return (
    <section className="audit-state-section">
      <h4>
        {t(title)}{' '}
        <span className="muted">
          {p.open}
          {count}
          {p.close}
        </span>
      </h4>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              {head.map((h) => (
                <th key={h.zh} scope="col">
                  {t(h)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
    </section>
  );
}

/** 督 under way as of this step: the hub's directory rule (services/hub/src/read-models/cases), on the replayed state. */
const supervised = (c: OpenedCase): boolean =>
  c.status === 'open' &&
  (Object.values(c.letters).some((l) => !l.replied) ||
    Object.values(c.items).some((i) => i.status !== 'verified' && i.status !== 'closed') ||
    Object.values(c.leads).some((l) => l.to === 'procuratorate' && l.status !== 'declined' && !l.feedbackGiven) ||
    (c.supportIds.length > 0 && !Object.values(c.litigations).some((l) => l.status === 'judged')));

function Overview({ c }: { c: OpenedCase }) {
  const { t, lang } = useI18n();
  const p = punctuation(lang);
  const workers = Object.values(c.workers);
  const chain = chainOf(c);
  return (
    <>
      <StageChain current={chain.current} reached={chain.reached} supervised={supervised(c)} closed={c.status === 'closed'} />
      <dl className="audit-facts audit-overview">
        <div>
          {/* As of this step: 未编号案件 before its CaseNumberAssigned (the opening's own append, or a later numbering). */}
          <dt>{t('案号', 'Case number')}</dt>
          <dd>
            <CaseNumberText caseNumber={c.caseNumber} />
          </dd>
        </div>
        <div>
          <dt>{t('案件状态', 'Status')}</dt>
          <dd>
            <span className={`badge ${c.status === 'closed' ? 'badge-closed' : 'audit-open'}`}>
              {c.status === 'closed' ? t('已销号', 'Closed') : t('办理中', 'Open')}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('登记机构', 'Opened by')}</dt>
          <dd>
            <Agency agency={c.openedBy} />
          </dd>
        </div>
        <div>
          <dt>{t('来源渠道', 'Channel')}</dt>
          <dd>{t(labelIn(channels.labels, c.channel))}</dd>
        </div>
        <div>
          <dt>{t('案件类别', 'Category')}</dt>
          <dd>{(c.categories ?? [c.category]).map((category) => t(labelIn(categories.labels, category))).join(t('、', ', '))}</dd>
        </div>
        <div>
          <dt>{t('行政区划代码', 'Region')}</dt>
          <dd>{c.region}</dd>
        </div>
        <div>
          <dt>{t('职工人数', 'Workers')}</dt>
          <dd>{formatNumber(c.workerCount, lang)}</dd>
        </div>
        <div>
          <dt>{t('请求金额', 'Amount claimed')}</dt>
          <dd className="number">{formatMoney(c.amountClaimedFen)}</dd>
        </div>
        <div>
          <dt>{t('职工反馈', 'Worker feedback')}</dt>
          <dd>
            <YesNo
              value={c.workerFeedback.given}
              yes={{ zh: '已反馈', en: 'Given' }}
              no={{ zh: '未反馈', en: 'Not given' }}
              deadline={`worker_feedback:${c.caseId}`}
            />
            <span className="muted audit-small">
              {' '}
              · {t('期限', 'due')} <DateText value={c.workerFeedback.dueAt} time /> · <Agency agency={c.workerFeedback.owedBy} />
            </span>
          </dd>
        </div>
        {c.closure ? (
          <div>
            <dt>{t('办结', 'Closure')}</dt>
            <dd>
              {t(labelIn(resolutions.labels, c.closure.resolution))} · {t('追回金额', 'recovered')}{' '}
              <span className="number">{formatMoney(c.closure.amountRecoveredFen)}</span>
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="audit-small">
        <strong>
          {t('用人单位', 'Employers')}
          {p.colon}
        </strong>
        {c.employers.map((e) => `${e.name}${p.open}${e.uscc}${p.close}`).join(p.semi) || '—'}
      </p>
      {workers.length > 0 ? (
        <p className="audit-small">
          <strong>
            {t('职工个人信息', 'Personal data')}
            {p.colon}
          </strong>
          {t(`${workers.length} 名职工，`, `${workers.length} worker(s); `)}
          {workers.some((w) => w.erased)
            ? t(`其中 ${workers.filter((w) => w.erased).length} 名已删除个人信息；`, `${workers.filter((w) => w.erased).length} erased; `)
            : null}
          {t('存有', 'held')}
          {p.colon}
          {[...new Set(workers.flatMap((w) => w.fields))].map((f) => t(labelIn(personalFieldLabels, f))).join(p.list) || '—'}
          <span className="muted">{t('（加密保存，此处不显示）', ' (encrypted; not shown here)')}</span>
        </p>
      ) : null}
    </>
  );
}

function Tables({ c }: { c: OpenedCase }) {
  const { t, lang } = useI18n();
  const leads = Object.values(c.leads);
  const mediations = Object.values(c.mediations);
  const arbitrations = Object.values(c.arbitrations);
  const courts = [
    ...Object.values(c.litigations).map((l) => ({ id: l.litigationId, kind: { zh: '诉讼', en: 'Litigation' }, status: litigationStatusLabels[l.status] })),
    ...Object.values(c.enforcements).map((e) => ({ id: e.enforcementId, kind: { zh: '执行', en: 'Enforcement' }, status: enforcementStatusLabels[e.status] })),
  ];
  const letters = Object.values(c.letters);
  const items = Object.values(c.items);
  const negotiations = Object.entries(c.negotiations);
  return (
    <>
      <Section
        title={{ zh: '线索', en: 'Leads' }}
        count={leads.length}
        head={[
          { zh: '移送机构', en: 'From' },
          { zh: '接收机构', en: 'To' },
          { zh: '状态', en: 'Status' },
          { zh: '反馈期限', en: 'Feedback due' },
          { zh: '反馈', en: 'Feedback' },
        ]}
      >
        {leads.map((l) => (
          <tr key={l.leadId}>
            <td>
              <Agency short agency={l.from} />
            </td>
            <td>
              <Agency short agency={l.to} />
            </td>
            <td>{t(leadStatusLabels[l.status])}</td>
            <td>
              <DateText value={l.feedbackDueAt} />
            </td>
            <td>
              <YesNo
                value={l.feedbackGiven}
                yes={{ zh: '已反馈', en: 'Given' }}
                no={{ zh: '未反馈', en: 'Not given' }}
                deadline={`lead_feedback:${l.leadId}`}
              />
            </td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '协商', en: 'Negotiations' }}
        count={negotiations.length}
        head={[
          { zh: '序号', en: 'No.' },
          { zh: '结果', en: 'Outcome' },
        ]}
      >
        {negotiations.map(([id, n], i) => (
          <tr key={id}>
            <td>{i + 1}</td>
            <td>{t(labelIn(negotiationOutcomes.labels, n.outcome))}</td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '调解', en: 'Mediations' }}
        count={mediations.length}
        head={[
          { zh: '调解组织', en: 'Mediator' },
          { zh: '调解室', en: 'Room' },
          { zh: '状态', en: 'Status' },
          { zh: '履行期限', en: 'Fulfilment due' },
          { zh: '来源', en: 'Origin' },
        ]}
      >
        {mediations.map((m) => (
          <tr key={m.mediationId}>
            <td>{m.mediator ? <Agency short agency={m.mediator} /> : t('待定', 'not yet')}</td>
            <td>{m.mediationRoom ?? '—'}</td>
            <td>{t(mediationStatusLabels[m.status])}</td>
            <td>
              <DateText value={m.fulfilmentDueAt} />
            </td>
            <td>{m.arbitrationId ? t('仲裁委托（裁调对接）', 'Delegated by arbitration') : t('直接调解', 'Direct')}</td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '仲裁', en: 'Arbitrations' }}
        count={arbitrations.length}
        head={[
          { zh: '状态', en: 'Status' },
          { zh: '请求类别', en: 'Claims' },
          { zh: '受理期限', en: 'Acceptance due' },
          { zh: '审结期限', en: 'Conclusion due' },
        ]}
      >
        {arbitrations.map((a) => (
          <tr key={a.arbitrationId}>
            <td>{t(arbitrationStatusLabels[a.status])}</td>
            <td>{a.claimCategories.map((k) => t(labelIn(categories.labels, k))).join(punctuation(lang).list)}</td>
            <td>
              <DateText value={a.acceptanceDueAt} />
            </td>
            <td>
              <DateText value={a.conclusionDueAt} />
              {a.extended ? <span className="badge audit-extended">{t('已延长', 'Extended')}</span> : null}
            </td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '诉讼与执行', en: 'Litigation and enforcement' }}
        count={courts.length}
        head={[
          { zh: '程序', en: 'Proceeding' },
          { zh: '状态', en: 'Status' },
        ]}
      >
        {courts.map((x) => (
          <tr key={x.id}>
            <td>{t(x.kind)}</td>
            <td>{t(x.status)}</td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '监督文书', en: 'Supervision letters' }}
        count={letters.length}
        head={[
          { zh: '种类', en: 'Kind' },
          { zh: '发文机构', en: 'Issued by' },
          { zh: '收文对象', en: 'Addressee' },
          { zh: '回复期限', en: 'Reply due' },
          { zh: '回复', en: 'Reply' },
        ]}
      >
        {letters.map((l) => (
          <tr key={l.letterId}>
            <td>
              {t(labelIn(letterKinds.labels, l.kind))}
              {l.urgent ? <span className="badge audit-urgent">{t('紧急', 'Urgent')}</span> : null}
            </td>
            <td>
              <Agency short agency={l.issuedBy} />
            </td>
            <td>
              <PartyName party={l.addressee} />
            </td>
            <td>
              <DateText value={l.replyDueAt} />
            </td>
            <td>
              <YesNo value={l.replied} yes={{ zh: '已回复', en: 'Replied' }} no={{ zh: '未回复', en: 'Not replied' }} deadline={`letter_reply:${l.letterId}`} />
            </td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '整改事项', en: 'Rectification items' }}
        count={items.length}
        head={[
          { zh: '整改内容', en: 'What to rectify' },
          { zh: '责任单位', en: 'Responsible' },
          { zh: '下达机构', en: 'Ordered by' },
          { zh: '整改期限', en: 'Deadline' },
          { zh: '状态', en: 'Status' },
        ]}
      >
        {items.map((i) => (
          <tr key={i.itemId}>
            <td>{i.description}</td>
            <td>
              <PartyName party={i.responsibleParty} />
            </td>
            <td>
              <Agency short agency={i.orderedBy} />
            </td>
            <td>
              <DateText value={i.deadline} />
            </td>
            <td>
              <ItemStatus itemId={i.itemId} status={i.status} />
              {i.escalated ? (
                <span className="badge audit-escalated">
                  <span aria-hidden="true">▲ </span>
                  {t('已升级督办', 'Escalated')}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </Section>
      <Section
        title={{ zh: '失信名单', en: 'Credit listings' }}
        count={c.creditListings.length}
        head={[
          { zh: '统一社会信用代码', en: 'USCC' },
          { zh: '名单', en: 'List' },
        ]}
      >
        {c.creditListings.map((l) => (
          <tr key={`${l.uscc}:${l.list}`}>
            <td>{l.uscc}</td>
            <td>{t(labelIn(creditLists.labels, l.list))}</td>
          </tr>
        ))}
      </Section>
    </>
  );
}

/** Counts of what carries no further state (reviews, legal aid…), and what the case has none of yet. */
function Counts({ c }: { c: OpenedCase }) {
  const { t, lang } = useI18n();
  const p = punctuation(lang);
  const counts: [Label, number][] = [
    [{ zh: '共同研判', en: 'Joint reviews' }, c.reviewIds.length],
    [{ zh: '法律援助', en: 'Legal aid' }, c.legalAidIds.length],
    [{ zh: '支持起诉', en: 'Prosecution supported' }, c.supportIds.length],
    [{ zh: '整改清单', en: 'Rectification lists' }, c.rectificationIds.length],
    [{ zh: '回头看', en: 'Follow-ups' }, c.followUpIds.length],
  ];
  const none: Label[] = [
    ...(Object.keys(c.leads).length ? [] : [{ zh: '线索', en: 'leads' }]),
    ...(Object.keys(c.negotiations).length ? [] : [{ zh: '协商', en: 'negotiations' }]),
    ...(Object.keys(c.mediations).length ? [] : [{ zh: '调解', en: 'mediations' }]),
    ...(Object.keys(c.arbitrations).length ? [] : [{ zh: '仲裁', en: 'arbitrations' }]),
    ...(Object.keys(c.litigations).length + Object.keys(c.enforcements).length ? [] : [{ zh: '诉讼与执行', en: 'litigation or enforcement' }]),
    ...(Object.keys(c.letters).length ? [] : [{ zh: '监督文书', en: 'letters' }]),
    ...(Object.keys(c.items).length ? [] : [{ zh: '整改事项', en: 'rectification items' }]),
  ];
  return (
    <>
      <ul className="audit-counts">
        {counts.map(([label, n]) => (
          <li key={label.zh}>
            {t(label)}
            {p.colon}
            <strong>{n}</strong>
          </li>
        ))}
      </ul>
      {none.length > 0 ? (
        <p className="muted audit-small">
          {t('此时尚无', 'None yet at this step')}
          {p.colon}
          {none.map((l) => t(l)).join(p.list)}
        </p>
      ) : null}
    </>
  );
}

/** An item's status; reported or verified after its deadline, with the mark and words of 逾期完成 rather than a ✓. */
function ItemStatus({ itemId, status }: { itemId: string; status: keyof typeof itemStatusLabels }) {
  const { t } = useI18n();
  const late = useMetLate(`rectification_item:${itemId}`) && status !== 'open';
  if (late) {
    return (
      <>
        <span className={`badge audit-item-${status} audit-item-late`}>{t(itemStatusLabels[status])}</span> <DeadlineBadge status="late" />
      </>
    );
  }
  return (
    <span className={`badge audit-item-${status}`}>
      <span aria-hidden="true">{itemStatusMarks[status]} </span>
      {t(itemStatusLabels[status])}
    </span>
  );
}

export function StateView({ state, deadlines = [] }: { state: CaseState; deadlines?: readonly ReplayDeadline[] }) {
  const { t } = useI18n();
  if (state.status === 'none') return <p className="empty">{t('此时案件尚未登记。', 'The case was not opened yet at this step.')}</p>;
  return (
    <Deadlines.Provider value={new Map(deadlines.map((d) => [`${d.kind}:${d.ref}`, d]))}>
      <div className="audit-state">
        <Overview c={state} />
        <Counts c={state} />
        <Tables c={state} />
      </div>
    </Deadlines.Provider>
  );
}
