/**
 * 案号 as people read a case: the number its agency's register issued (e.g. 〔2026〕浙0106工维字第12号).
 * The caseId stays in URLs and machine fields; a case opened before numbering (and not yet
 * numbered by the one-off CLI) reads 未编号案件. docs/case-numbers.md.
 */
import type { CaseAnswer } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { hub } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';

/** The hub's directory entry of a case, shared (same key) with the case page. */
export function useCaseEntry(caseId: string) {
  return useQuery({
    queryKey: ['case-entry', caseId],
    queryFn: ({ signal }) => hub<CaseAnswer>(`/cases/${caseId}`, { signal }).then((r) => r.case),
    staleTime: 60_000,
    retry: false,
  });
}

/** The number as text; 未编号案件 without one. */
export function CaseNumberText({ caseNumber }: { caseNumber: string | null | undefined }) {
  const { t } = useI18n();
  return caseNumber ? <span className="case-number">{caseNumber}</span> : <span className="case-number muted">{t('未编号案件', 'Unnumbered case')}</span>;
}

/** The number of a case known only by its id (a meeting's agenda, a rectification item): read from the hub's directory. */
export function CaseNumberOf({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const entry = useCaseEntry(caseId);
  if (entry.isPending) return <span className="case-number muted">{t('案件…', 'Case…')}</span>;
  return <CaseNumberText caseNumber={entry.data?.caseNumber} />;
}
