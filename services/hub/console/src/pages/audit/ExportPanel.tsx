/** 导出: the proof file for the offline verifier, tables for people, and the printable report. */
import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { ProblemMessage } from '../../components/common.tsx';
import { downloadExport, fetchPrintable } from './queries.ts';

type Format = 'json' | 'csv' | 'xlsx' | 'print';

/**
 * Prints the hub's HTML export from a hidden frame: the page keeps its place, and the report's
 * own content security policy (no scripts, nothing fetched) stays in force inside the frame,
 * which is sandboxed too — same origin so that its print() may be called, modals so that
 * print() is allowed, no scripts of its own.
 */
function usePrintFrame() {
  const frame = useRef<HTMLIFrameElement | null>(null);
  useEffect(() => () => frame.current?.remove(), []);
  return (html: string, title: string) =>
    new Promise<void>((resolve, reject) => {
      frame.current?.remove();
      const f = document.createElement('iframe');
      f.setAttribute('sandbox', 'allow-same-origin allow-modals');
      f.title = title;
      f.className = 'audit-print-frame';
      f.setAttribute('aria-hidden', 'true');
      f.tabIndex = -1;
      f.onload = () => {
        try {
          f.contentWindow?.focus();
          f.contentWindow?.print();
          resolve();
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      };
      f.srcdoc = html;
      document.body.append(f);
      frame.current = f;
    });
}

export function ExportPanel({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const print = usePrintFrame();
  const run = useMutation({
    mutationFn: async (format: Format): Promise<{ format: Format; filename?: string }> => {
      if (format === 'print') {
        await print(await fetchPrintable(caseId), t('案件审计报告（打印）', 'Case audit report (print)'));
        return { format };
      }
      return { format, filename: await downloadExport(caseId, format) };
    },
  });
  const busy = run.isPending;
  const button = (format: Format, label: string, primary = false) => (
    <button
      type="button"
      className={primary ? 'primary' : undefined}
      disabled={busy}
      onClick={() => run.mutate(format)}
      aria-busy={busy && run.variables === format ? true : undefined}
    >
      {label}
    </button>
  );
  return (
    <>
      <p className="muted audit-small">
        {t(
          'JSON 文件含全部事件、签名记录、见证记录和公钥，可交离线核验工具（向系统管理员索取）或下方“核验导出文件”核对；CSV、XLSX 和打印件供阅读，个人信息已遮蔽。',
          'The JSON file holds every event, signature record, witness record and key: check it with the offline verifier (ask your system administrator for it) or with “Verify an exported file” below. CSV, XLSX and the printout are for reading; personal data is masked.',
        )}
      </p>
      <div className="audit-buttons">
        {button('json', t('导出 JSON（含证明）', 'Export JSON (with proofs)'), true)}
        {button('csv', t('导出 CSV', 'Export CSV'))}
        {button('xlsx', t('导出 XLSX', 'Export XLSX'))}
        {button('print', t('打印', 'Print'))}
      </div>
      <div aria-live="polite">
        {busy ? (
          <p role="status" className="loading">
            {run.variables === 'print' ? t('正在准备打印…', 'Preparing the printout…') : t('正在导出…', 'Exporting…')}
          </p>
        ) : null}
        {run.isSuccess && run.data.filename ? (
          <p className="success" role="status">
            {t(`已下载：${run.data.filename}`, `Downloaded: ${run.data.filename}`)}
          </p>
        ) : null}
        {run.isSuccess && run.data.format === 'print' ? (
          <p className="muted" role="status">
            {t('已打开打印对话框。', 'The print dialog was opened.')}
          </p>
        ) : null}
      </div>
      <ProblemMessage error={run.error} />
    </>
  );
}
