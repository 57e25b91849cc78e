/**
 * Chinese first, English on request. Every label in the system is already a `{ zh, en }` pair
 * (contracts, rule book, problems), so the console needs no message catalogue: `t()` picks the
 * side, and the console's own words are pairs written where they are used.
 */
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

export type Lang = 'zh' | 'en';
export interface Label {
  readonly zh: string;
  readonly en: string;
}

const STORAGE_KEY = 'hub.lang';
const TIME_ZONE = 'Asia/Shanghai';

interface I18n {
  readonly lang: Lang;
  setLang(lang: Lang): void;
  /** The side of a label for the current language; `t('中文', 'English')` for the console's own words. */
  t(label: Label | string, en?: string): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  const lang: Lang = globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  return lang;
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (label, en) => (typeof label === 'string' ? (lang === 'zh' ? label : (en ?? label)) : label[lang]),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

// ---- Formats: Chinese conventions, Beijing time, whatever the browser's own zone. ----

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(lang: Lang, key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${lang}:${key}`;
  let format = cache.get(id) as Intl.DateTimeFormat | undefined;
  if (!format) {
    format = new Intl.DateTimeFormat(locale(lang), { timeZone: TIME_ZONE, ...options });
    cache.set(id, format);
  }
  return format;
}

/** 2026年11月22日 (en: 22 November 2026). */
export function formatDate(value: string | Date, lang: Lang): string {
  return dateFormat(lang, 'date', { year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(value));
}

/** 2026年11月22日 14:05 */
export function formatDateTime(value: string | Date, lang: Lang): string {
  return dateFormat(lang, 'datetime', { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(value),
  );
}

/** 2026年11月 */
export function formatMonth(month: string, lang: Lang): string {
  return dateFormat(lang, 'month', { year: 'numeric', month: 'long' }).format(new Date(`${month}-15T04:00:00Z`));
}

/** Money is stored in fen (rule 9): 107246 → ¥1,072.46. */
export function formatMoney(fen: number | bigint | string): string {
  const n = typeof fen === 'number' ? fen : Number(fen);
  return new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(n / 100);
}

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang)).format(n);
}

/** 0.625 → 62.5% */
export function formatPercent(ratio: number | null, lang: Lang): string {
  if (ratio === null || Number.isNaN(ratio)) return '—';
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** Today's date in Beijing, YYYY-MM-DD (for date pickers and "today"). */
export function shanghaiDate(at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
