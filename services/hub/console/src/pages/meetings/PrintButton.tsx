import { useI18n } from '../../app/i18n.tsx';

/** 打印: the browser's print dialog; the page's @media print rules lay it out for A4. */
export function PrintButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="no-print" onClick={() => window.print()}>
      {t('打印', 'Print')}
    </button>
  );
}
