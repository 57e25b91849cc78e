/**
 * What the long lists share (issue 14.4): the list's state in the URL (filters, sort, page), so a
 * link or Back keeps them; column headers that sort (a button in each, aria-sort on the header);
 * and a pager. The hub sorts and pages; the console only asks.
 */
import { useCallback, useRef, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { formatNumber, useI18n } from '../app/i18n.tsx';

export type Direction = 'asc' | 'desc';

export interface ListState<K extends string> {
  /** A filter's value from the URL, '' when absent. */
  get(key: string): string;
  sort: K;
  dir: Direction;
  page: number;
  /** Sets (or with '' / undefined clears) URL parameters; any change but the page's goes back to page 1. */
  set(changes: Record<string, string | undefined>): void;
  /** Sorts by the column: again on the sorted column turns its direction. */
  sortBy(key: K, firstDir?: Direction): void;
}

/**
 * The list's state, kept in the URL under `prefix` (so two lists on one page keep theirs apart).
 * `sorts` are the columns the hub accepts; anything else in the URL falls back to the default.
 */
export function useListState<K extends string>(sorts: readonly K[], fallback: { sort: K; dir: Direction }, prefix = ''): ListState<K> {
  const [params, setParams] = useSearchParams();
  const sortRaw = params.get(`${prefix}sort`);
  const dirRaw = params.get(`${prefix}dir`);
  const sort = sorts.includes(sortRaw as K) ? (sortRaw as K) : fallback.sort;
  const dir: Direction = dirRaw === 'asc' || dirRaw === 'desc' ? dirRaw : sortRaw === null ? fallback.dir : 'asc';
  const page = Math.max(0, Number(params.get(`${prefix}page`) ?? 0) || 0);
  // The parameters as last set: react-router hands a functional update the parameters of the last
  // render, so two changes made before the page renders again (one filter cleared, another chosen
  // at once) would otherwise lose the first.
  const latest = useRef(params);
  const rendered = useRef(params.toString());
  if (params.toString() !== rendered.current) {
    // The URL moved (a change of ours arrived, or the back button): that is the state now.
    rendered.current = params.toString();
    latest.current = params;
  }
  const set = useCallback(
    (changes: Record<string, string | undefined>) => {
      const next = new URLSearchParams(latest.current);
      for (const [k, v] of Object.entries(changes)) {
        if (v) next.set(`${prefix}${k}`, v);
        else next.delete(`${prefix}${k}`);
      }
      if (!('page' in changes)) next.delete(`${prefix}page`);
      latest.current = next;
      setParams(next);
    },
    [setParams, prefix],
  );
  const sortBy = useCallback(
    (key: K, firstDir: Direction = 'asc') => set({ sort: key, dir: key === sort ? (dir === 'asc' ? 'desc' : 'asc') : firstDir }),
    [set, sort, dir],
  );
  return { get: (key: string) => params.get(`${prefix}${key}`) ?? '', sort, dir, page, set, sortBy };
}

/** A column header that sorts the list by its column; screen readers hear which way it is sorted (aria-sort). */
export function SortHeader<K extends string>({
  label,
  column,
  list,
  firstDir = 'asc',
  className,
}: {
  label: string;
  column: K;
  list: Pick<ListState<K>, 'sort' | 'dir' | 'sortBy'>;
  /** The first click's direction: descending for dates and amounts people want newest or largest first. */
  firstDir?: Direction;
  className?: string | undefined;
}) {
  const { t } = useI18n();
  const active = list.sort === column;
  const next = active ? (list.dir === 'asc' ? 'desc' : 'asc') : firstDir;
  return (
    <th scope="col" className={className} aria-sort={active ? (list.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="sort-button"
        onClick={() => list.sortBy(column, firstDir)}
        title={next === 'asc' ? t(`按${label}升序排列`, `Sort by ${label}, ascending`) : t(`按${label}降序排列`, `Sort by ${label}, descending`)}
      >
        {/* The mark (▲ ▼ ↕) is drawn by CSS from aria-sort: no text of its own, so the column's name stays its label (phone cards). */}
        {label}
      </button>
    </th>
  );
}

/** 上一页 / 第 n / m 页 / 下一页, and how many in all. */
export function Pager({ page, total, size, onPage }: { page: number; total: number; size: number; onPage(page: number): void }) {
  const { t, lang } = useI18n();
  const pages = Math.max(1, Math.ceil(total / size));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t('分页', 'Pages')}>
      <button type="button" disabled={page === 0} onClick={() => onPage(0)}>
        {t('首页', 'First')}
      </button>
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        {t('上一页', 'Previous')}
      </button>
      <span>{t(`第 ${formatNumber(page + 1, lang)} / ${formatNumber(pages, lang)} 页`, `Page ${page + 1} of ${pages}`)}</span>
      <button type="button" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {t('下一页', 'Next')}
      </button>
      <button type="button" disabled={page + 1 >= pages} onClick={() => onPage(pages - 1)}>
        {t('末页', 'Last')}
      </button>
    </nav>
  );
}

/** One filter chosen from a list (the inbox's filter bars): a labelled select whose first option is "all". */
export function FilterChoice({
  id,
  label,
  all,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  value: string;
  options: readonly (readonly [string, string])[];
  onChange(value: string): void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A date range, both ends inclusive (Shanghai dates, as the hub reads them): 自 … 至 …. */
export function FilterDates({
  id,
  label,
  from,
  to,
  onChange,
}: {
  id: string;
  label: string;
  from: string;
  to: string;
  onChange(range: { from?: string; to?: string }): void;
}) {
  const { t } = useI18n();
  return (
    <>
      <div className="field">
        <label htmlFor={`${id}-from`}>{t(`${label}自`, `${label} from`)}</label>
        <input id={`${id}-from`} type="date" value={from} max={to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('至', 'to')}</label>
        <input id={`${id}-to`} type="date" value={to} min={from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
      </div>
    </>
  );
}

/** A list's filter bar: a search landmark named for its list, and 清除条件 once anything is chosen. */
export function FilterBar<K extends string>({
  name,
  list,
  keys,
  onSubmit,
  children,
}: {
  name: string;
  list: ListState<K>;
  keys: readonly string[];
  onSubmit?: (form: FormData) => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const active = keys.some((k) => list.get(k) !== '');
  return (
    <form
      className="filters inbox-filters"
      role="search"
      aria-label={name}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit?.(new FormData(e.currentTarget));
      }}
    >
      {children}
      {active ? (
        <button type="button" onClick={() => list.set(Object.fromEntries(keys.map((k) => [k, undefined])))}>
          {t('清除条件', 'Clear')}
        </button>
      ) : null}
    </form>
  );
}

/**
 * A short list the page holds whole (one person's cases, the workload per person), sorted here by
 * the column the list state names: values compared as numbers or as text (Chinese by pinyin
 * order), rows without a value last either way, ties in the order given.
 */
export function sortRows<T, K extends string>(
  rows: readonly T[],
  list: Pick<ListState<K>, 'sort' | 'dir'>,
  columns: Readonly<Record<K, (row: T) => string | number | null | undefined>>,
): T[] {
  const value = columns[list.sort];
  const sign = list.dir === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      if (a.key == null || b.key == null) return a.key == null ? (b.key == null ? a.index - b.index : 1) : -1;
      const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : String(a.key).localeCompare(String(b.key), 'zh-CN');
      return sign * order || a.index - b.index;
    })
    .map((r) => r.row);
}
