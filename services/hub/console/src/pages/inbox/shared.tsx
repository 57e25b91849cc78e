/** Bits the inbox and the case list share: how a case is named and where it stands. */
import type { Label } from '@hub/contracts';
import type { CaseEntry } from '@hub/hub-service/wire';
import { Link } from 'react-router';
import { useI18n } from '../../app/i18n.tsx';

/** A case by its employers: 杭州某某有限公司 (等 3 家). */
export function caseName(entry: Pick<CaseEntry, 'employers'> | undefined): Label | null {
  const first = entry?.employers[0]?.name;
  if (!entry || !first) return null;
  const more = entry.employers.length - 1;
  return more > 0 ? { zh: `${first} 等 ${entry.employers.length} 家`, en: `${first} and ${more} more` } : { zh: first, en: first };
}

/** Open or closed, in words and a mark (never colour alone). */
export function CaseStatus({ status }: { status: 'open' | 'closed' }) {
  const { t } = useI18n();
  return status === 'closed' ? (
    <span className="badge badge-closed">
      <span aria-hidden="true">✓ </span>
      {t('已销号', 'Closed')}
    </span>
  ) : (
    <span className="badge badge-open">
      <span aria-hidden="true">● </span>
      {t('办理中', 'Open')}
    </span>
  );
}

/** The furthest step on the chain, with 督 when supervision is under way. */
export function StageText({ entry }: { entry: CaseEntry }) {
  const { t } = useI18n();
  return (
    <>
      {entry.labels.stage ? t(entry.labels.stage) : <span className="muted">{t('登记', 'Opened')}</span>}
      {entry.supervisionUnderWay ? (
        <span className="badge badge-supervision" title={t('监督进行中', 'Supervision under way')}>
          {t('督', 'Supervised')}
          <span className="visually-hidden">{t('（监督进行中）', '')}</span>
        </span>
      ) : null}
    </>
  );
}

/**
 * A link that names its case: 案号 and employers. A case known by neither (not among the cases
 * loaded here) is named by `about` (a lead's summary), so no two cases share one link text.
 */
export function CaseLink({
  caseId,
  entry,
  caseNumber,
  about,
}: {
  caseId: string;
  entry: CaseEntry | undefined;
  caseNumber?: string | null | undefined;
  about?: string | undefined;
}) {
  const { t } = useI18n();
  const name = caseName(entry);
  // The deadline list names its case's 案号 itself, for a case not among the cases loaded here.
  const number = entry?.caseNumber ?? caseNumber;
  return (
    <Link to={`/cases/${caseId}`}>
      {number ? <span className="case-number">{number}</span> : null} {name ? t(name) : number ? null : t('查看案件', 'Open case')}
      {!name && !number && about ? <span className="visually-hidden">：{about}</span> : null}
    </Link>
  );
}

export function NewBadge() {
  const { t } = useI18n();
  return <span className="badge badge-new">{t('新', 'New')}</span>;
}
