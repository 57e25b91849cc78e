/**
 * 「查看/打印文书」 on a letter issued as a document: fetches its PDF from the user's own agency
 * service (which renders it again from the signed event and checks the recorded SHA-256) and opens
 * it in a new tab, where the browser's viewer shows and prints it. A link stays beside the button
 * in case the browser blocked the new tab.
 */
import { useEffect, useState } from 'react';
import { ApiError, auth, problemOf } from '../../app/api.ts';
import { useI18n } from '../../app/i18n.tsx';
import { useSignedIn } from '../../app/session.tsx';
import { ProblemMessage } from '../../components/common.tsx';
import './letters.css';

interface IssuedLetter {
  readonly letterId: string;
  readonly documentNo: string;
  readonly document: { readonly sha256: string; readonly pages: number };
}

/** A SupervisionLetterIssued whose data carries the document (version 2, issued with a register number). */
export function issuedAsDocument(type: string, data: unknown): IssuedLetter | null {
  if (type !== 'SupervisionLetterIssued' || typeof data !== 'object' || data === null) return null;
  const d = data as Partial<IssuedLetter>;
  return typeof d.letterId === 'string' && typeof d.documentNo === 'string' && typeof d.document === 'object' && d.document !== null
    ? (d as IssuedLetter)
    : null;
}

export function LetterPrint({ caseId, letter }: { caseId: string; letter: IssuedLetter }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const [state, setState] = useState<{ busy: boolean; url: string | null; error: unknown }>({ busy: false, url: null, error: null });
  useEffect(() => () => void (state.url && URL.revokeObjectURL(state.url)), [state.url]);

  async function open() {
    // Opened now, while the click still counts as the user's: a tab opened after the fetch may be blocked.
    const tab = window.open('', '_blank');
    setState((s) => ({ ...s, busy: true, error: null }));
    try {
      const path = `/agencies/${session.user.agency}/api/cases/${caseId}/letters/${letter.letterId}/pdf`;
      const response = await fetch(path, { headers: { accept: 'application/pdf', ...(auth.token ? { authorization: `Bearer ${auth.token}` } : {}) } });
      if (!response.ok) throw new ApiError(await problemOf(response));
      const url = URL.createObjectURL(await response.blob());
      if (tab) tab.location.href = url;
      setState({ busy: false, url, error: null });
    } catch (error) {
      tab?.close();
      setState({ busy: false, url: null, error });
    }
  }

  return (
    <div className="letter-print">
      <button
        type="button"
        onClick={() => void open()}
        disabled={state.busy}
        aria-label={t(`查看/打印文书 ${letter.documentNo}`, `View/print letter ${letter.documentNo}`)}
      >
        {state.busy ? t('正在生成文书…', 'Rendering the letter…') : t('查看/打印文书', 'View/print letter')}
      </button>
      {state.url ? (
        <a href={state.url} target="_blank" rel="noreferrer" download={`${letter.documentNo}.pdf`}>
          {t(`打开 ${letter.documentNo}.pdf`, `Open ${letter.documentNo}.pdf`)}
        </a>
      ) : null}
      <span className="muted letter-hash" title="SHA-256">
        SHA-256 {letter.document.sha256.slice(0, 12)}…
      </span>
      <ProblemMessage error={state.error} />
    </div>
  );
}
