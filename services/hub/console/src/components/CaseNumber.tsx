/**
 * 案号 as people read a case: the number its agency's register issued (e.g. 〔2026〕浙0106工维字第12号).
 * The caseId stays in URLs and machine fields; a case opened before numbering (and not yet
 * numbered by the one-off CLI) reads 未编号案件. docs/case-numbers.md.
 */
import type { CaseAnswer } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useState } from 'react';
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

/**
 * Numbers a page already has for the cases it names (a meeting's answer carries caseNumbers):
 * CaseNumberOf reads them first, so a meeting's minutes name every case by its number even for an
 * agency that takes no part in it (whose own look-up of the case is refused).
 */
export const KnownCaseNumbers = createContext<Readonly<Record<string, string | null>>>({});

/** The number of a case known only by its id (a meeting's agenda, a rectification item): known to the page, or read from the hub's directory. */
export function CaseNumberOf({ caseId }: { caseId: string }) {
  const known = useContext(KnownCaseNumbers);
  return caseId in known ? <CaseNumberText caseNumber={known[caseId]} /> : <CaseNumberLookedUp caseId={caseId} />;
}

function CaseNumberLookedUp({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const entry = useCaseEntry(caseId);
  if (entry.isPending) return <span className="case-number muted">{t('案件…', 'Case…')}</span>;
  return <CaseNumberText caseNumber={entry.data?.caseNumber} />;
}

/**
 * The machine id, for support only: folded away under a small 技术支持 line (so it is not what
 * people read, nor in the page's text until opened), selectable and copyable when asked for.
 */
export function CaseIdDetail({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(caseId).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };
  return (
    <details className="case-id-detail small muted">
      <summary>{t('技术支持信息', 'For support')}</summary>
      {t('案件标识（系统内部编号）：', 'Case id (internal): ')}
      <code className="case-id">{caseId}</code>{' '}
      <button type="button" className="link-button" onClick={copy}>
        {copied ? t('已复制', 'Copied') : t('复制', 'Copy')}
      </button>
    </details>
  );
}
