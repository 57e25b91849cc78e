/**
 * A region chosen by name (行政区划, GB/T 2260): 省 → 市 → 区县, each a list of names; the value is
 * the code or its prefix (33 all of Zhejiang, 3301 Hangzhou, 330106 西湖区), which the hub's lists
 * filter by. The divisions come once from the hub (GET /api/regions) and are kept for the session.
 */
import type { Division, RegionsAnswer } from '@hub/hub-service/wire';
import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { hub } from '../app/api.ts';
import { useI18n } from '../app/i18n.tsx';

export function useRegions() {
  return useQuery({
    queryKey: ['regions'],
    queryFn: ({ signal }) => hub<RegionsAnswer>('/regions', { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: Number.POSITIVE_INFINITY,
  });
}

/** The division a code names, and the ones above it: [province, city?, district?]. */
export function divisionPath(divisions: readonly Division[], code: string): Division[] {
  const path: Division[] = [];
  let level: readonly Division[] | undefined = divisions;
  for (const length of [2, 4, 6]) {
    if (code.length < length || !level) break;
    const found: Division | undefined = level.find((d) => d.code === code.slice(0, length));
    if (!found) break;
    path.push(found);
    level = found.children;
  }
  return path;
}

/** A region's name as people say it (浙江省杭州市西湖区), or its code while the divisions load or when unknown. */
export function RegionName({ code }: { code: string }) {
  const regions = useRegions();
  const path = regions.data ? divisionPath(regions.data.divisions, code) : [];
  if (path.length === 0) return <span className="nowrap">{code}</span>;
  // 市辖区 and 县 under a municipality say nothing on their own.
  const names = path.map((d) => d.name).filter((n) => n !== '市辖区' && n !== '县');
  return <span title={code}>{names.slice(-2).join('')}</span>;
}

export function RegionChooser({ value, onChange }: { value: string; onChange(code: string): void }) {
  const { t } = useI18n();
  const id = useId();
  const regions = useRegions();
  const divisions = regions.data?.divisions ?? [];
  const [province, city, district] = divisionPath(divisions, value);
  const level = (label: string, key: string, options: readonly Division[] | undefined, chosen: Division | undefined, parent: string) => (
    <div className="field region-level">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <select id={`${id}-${key}`} value={chosen?.code ?? ''} disabled={!options || options.length === 0} onChange={(e) => onChange(e.target.value || parent)}>
        <option value="">{t('全部', 'All')}</option>
        {(options ?? []).map((d) => (
          <option key={d.code} value={d.code}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="region-chooser" aria-busy={regions.isPending || undefined}>
      <legend>{t('地区（行政区划）', 'Region')}</legend>
      {level(t('省级', 'Province'), 'p', divisions, province, '')}
      {level(t('地市级', 'City'), 'c', province?.children, city, province?.code ?? '')}
      {level(t('区县级', 'District'), 'd', city?.children, district, city?.code ?? '')}
    </fieldset>
  );
}
