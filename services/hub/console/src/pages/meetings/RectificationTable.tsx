/** The rectification items as a table: on screen and on paper, for the list and for a meeting's agenda. */
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';
import { AgencyName, DateText, DeadlineBadge } from '../../components/common.tsx';
import { deadlineStateWords, itemDeadlineState } from '../../components/deadlineState.ts';
import { CaseNumberOf } from '../../components/CaseNumber.tsx';
import { SortHeader, type ListState } from '../../components/lists.tsx';
import { employerNames, partyLabel, rectificationStatusLabels, rectificationStatusMarks } from './labels.ts';
import type { RectificationItem } from './types.ts';

export function ItemStatus({ item }: { item: RectificationItem }) {
  const { t } = useI18n();
  // Done late is not the green of done in time: the deadline beside it says 逾期完成.
  return (
    <span className={`badge mtg-status mtg-status-${item.status}${item.met?.late ? ' mtg-status-late' : ''}`}>
      <span aria-hidden="true">{item.met?.late ? deadlineStateWords.late.mark : rectificationStatusMarks[item.status]} </span>
      {t(rectificationStatusLabels[item.status])}
    </span>
  );
}

export function ItemDeadline({ item }: { item: RectificationItem }) {
  const { t } = useI18n();
  const state = itemDeadlineState(item);
  return (
    <div className="mtg-deadline">
      {state ? <DeadlineBadge status={state} /> : null}
      <DateText value={item.deadline} />
      {item.extensions > 0 ? (
        <span className="muted mtg-small">
          {t('已延期', 'Extended')} {item.extensions} {t('次，原期限', '×, first due')} <DateText value={item.originalDeadline} />
        </span>
      ) : null}
    </div>
  );
}

/** 案件 and its 案号; with the employers, unseen, when known: a screen reader's list of links says which case each opens. */
export function CaseLink({ caseId, employers }: { caseId: string; employers?: string | undefined }) {
  const { t } = useI18n();
  return (
    <Link className="mtg-case" to={`/cases/${caseId}`}>
      {t('案件', 'Case')} <CaseNumberOf caseId={caseId} />
      {employers ? <span className="visually-hidden">（{employers}）</span> : null}
    </Link>
  );
}

function Responsible({ item }: { item: RectificationItem }) {
  const { t } = useI18n();
  const party = item.responsibleParty;
  // Most often the employer must rectify itself: say so rather than repeat its name.
  const itself = party.kind === 'enterprise' && item.employers.length === 1 && item.employers[0]!.name === party.name;
  return (
    <>
      {itself ? t('企业自身', 'The employer itself') : t(partyLabel(party))}
      <span className="muted mtg-small">
        {itself ? '' : `${party.kind === 'enterprise' ? t('企业', 'Enterprise') : t('机构', 'Agency')} · `}
        {t('下达：', 'ordered by ')}
        <AgencyName agency={item.orderedBy} />
      </span>
    </>
  );
}

export interface RectificationTableProps {
  items: readonly RectificationItem[];
  caption: string;
  /** Tick boxes to put items on a new meeting's agenda (secretaries). */
  selection?: { isSelected(item: RectificationItem): boolean; toggle(item: RectificationItem): void; canSelect(item: RectificationItem): boolean } | undefined;
  /** A last column: the meeting's decision on the item. */
  decision?: { heading: string; render(item: RectificationItem): ReactNode } | undefined;
  /** Column headers that sort the list (the hub sorts): the rectification list on screen. */
  sort?: Pick<ListState<RectificationSortKey>, 'sort' | 'dir' | 'sortBy'> | undefined;
  id?: string | undefined;
  /** The rows are being fetched again (aria-busy). */
  busy?: boolean | undefined;
}

export type RectificationSortKey =
  | 'description'
  | 'caseId'
  | 'employer'
  | 'responsible'
  | 'deadline'
  | 'status'
  | 'orderedAt'
  | 'orderedBy'
  | 'region'
  | 'updatedAt';

/** A plain header, or one that sorts when the table is given a sort. */
function Header({ label, column, className, sort }: { label: string; column: RectificationSortKey; className: string; sort: RectificationTableProps['sort'] }) {
  if (sort) return <SortHeader label={label} column={column} list={sort} className={className} />;
  return (
    <th scope="col" className={className}>
      {label}
    </th>
  );
}

export function RectificationTable({ items, caption, selection, decision, sort, id, busy }: RectificationTableProps) {
  const { t } = useI18n();
  return (
    <div className="table-wrap mtg-table-wrap">
      <table id={id} aria-busy={busy || undefined} className={decision ? 'mtg-table mtg-has-decision' : 'mtg-table'}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {selection ? (
              <th scope="col" className="no-print mtg-select">
                {t('列入议程', 'On agenda')}
              </th>
            ) : null}
            <Header label={t('整改事项', 'Item')} column="description" className="mtg-col-item" sort={sort} />
            <Header label={t('案件', 'Case')} column="caseId" className="mtg-col-case" sort={sort} />
            <Header label={t('企业', 'Employer')} column="employer" className="mtg-col-employer" sort={sort} />
            <Header label={t('责任方', 'Responsible')} column="responsible" className="mtg-col-party" sort={sort} />
            <Header label={t('整改期限', 'Deadline')} column="deadline" className="mtg-col-deadline" sort={sort} />
            <Header label={t('状态', 'Status')} column="status" className="mtg-col-status" sort={sort} />
            {decision ? (
              <th scope="col" className="mtg-col-decision">
                {decision.heading}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.itemId} className={item.overdue ? 'mtg-overdue' : undefined}>
              {selection ? (
                <td className="no-print mtg-select">
                  {selection.canSelect(item) ? (
                    <input
                      type="checkbox"
                      checked={selection.isSelected(item)}
                      onChange={() => selection.toggle(item)}
                      aria-label={`${t('列入议程', 'Put on the agenda')}：${item.description}（${employerNames(item)}）`}
                    />
                  ) : (
                    <span className="muted" title={t('已核实或已销项的事项无需审议', 'Verified or closed items need no decision')}>
                      —
                    </span>
                  )}
                </td>
              ) : null}
              <th scope="row" className="mtg-item">
                {item.description}
              </th>
              <td>
                <CaseLink caseId={item.caseId} employers={employerNames(item)} />
              </td>
              <td>{employerNames(item)}</td>
              <td>
                <Responsible item={item} />
              </td>
              <td>
                <ItemDeadline item={item} />
              </td>
              <td>
                <ItemStatus item={item} />
              </td>
              {decision ? <td>{decision.render(item)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
