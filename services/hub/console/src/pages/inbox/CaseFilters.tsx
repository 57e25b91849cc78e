/**
 * The case list's filters (issue 14.4): text (案号, employer, USCC, summary) and 承办人 apply on
 * 查询; the choices (agency, category, channel, stage, status, deadline state, region, opening
 * dates) apply as soon as they are chosen. Everything lives in the URL (useListState).
 */
import { agencyIds, agencyShortNames, categories, channels, stages } from '@hub/contracts/words';
import { useId, type FormEvent } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import { FilterChoice, type ListState } from '../../components/lists.tsx';
import { RegionChooser } from '../../components/RegionChooser.tsx';

export const CASE_FILTERS = [
  'q',
  'handler',
  'agency',
  'category',
  'channel',
  'stage',
  'status',
  'deadline',
  'region',
  'openedFrom',
  'openedTo',
  // A report chart's bar (docs/lists.md): the cases behind it.
  'report',
  'reportPeriod',
  'reportKey',
  'reportSeries',
] as const;

const CHAIN = ['negotiation', 'mediation', 'arbitration', 'litigation', 'enforcement'] as const;

export const deadlineStateLabels = {
  overdue: { zh: '已逾期', en: 'Overdue' },
  due_soon: { zh: '临近期限', en: 'Due soon' },
  pending: { zh: '未到期', en: 'Not yet due' },
  none: { zh: '无待办期限', en: 'Nothing due' },
} as const;

export function CaseFilters<K extends string>({ list }: { list: ListState<K> }) {
  const { t } = useI18n();
  const id = useId();
  const value = (key: string) => list.get(key);
  const active = CASE_FILTERS.some((k) => value(k) !== '');

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    list.set({ q: String(form.get('q') ?? '').trim(), handler: String(form.get('handler') ?? '').trim() });
  }

  const choice = (key: string, label: string, all: string, options: readonly (readonly [string, string])[]) => (
    <FilterChoice id={`${id}-${key}`} label={label} all={all} value={value(key)} options={options} onChange={(v) => list.set({ [key]: v })} />
  );

  return (
    <form className="filters case-filters" role="search" aria-label={t('查找案件', 'Find cases')} onSubmit={search} key={`${value('q')}|${value('handler')}`}>
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('关键词', 'Search')}</label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          defaultValue={value('q')}
          maxLength={200}
          placeholder={t('案号、用人单位、信用代码、案情', 'Case number, employer, USCC, summary')}
          aria-describedby={`${id}-q-hint`}
        />
        <span id={`${id}-q-hint`} className="small muted">
          {t('案号可只输入一部分；括号写作 [ ] 或 ( ) 均可，“第”可省略', 'Part of a case number will do; brackets as [ ] or ( ), 第 may be left out')}
        </span>
      </div>
      <div className="field">
        <label htmlFor={`${id}-handler`}>{t('承办人', 'Handler')}</label>
        <input id={`${id}-handler`} type="search" name="handler" defaultValue={value('handler')} maxLength={200} placeholder={t('姓名', 'Name')} />
      </div>
      {choice(
        'agency',
        t('参与机构', 'Agency'),
        t('全部机构', 'All agencies'),
        agencyIds.map((a) => [a, t(agencyShortNames[a])]),
      )}
      {choice(
        'category',
        t('类别', 'Category'),
        t('全部类别', 'All categories'),
        categories.values.map((c) => [c, t(categories.labels[c])]),
      )}
      {choice(
        'channel',
        t('来源渠道', 'Channel'),
        t('全部渠道', 'All channels'),
        channels.values.map((c) => [c, t(channels.labels[c])]),
      )}
      {choice('stage', t('环节', 'Stage'), t('全部环节', 'All stages'), [
        ...CHAIN.map((s) => [s, t(stages.labels[s])] as const),
        ['none', t('尚未进入商调裁执', 'Not yet on the chain')],
      ])}
      {choice('status', t('办理状态', 'Status'), t('全部', 'All'), [
        ['open', t('办理中', 'Open')],
        ['closed', t('已销号', 'Closed')],
      ])}
      {choice(
        'deadline',
        t('期限状态', 'Deadlines'),
        t('全部', 'All'),
        Object.entries(deadlineStateLabels).map(([k, l]) => [k, t(l)]),
      )}
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('登记日期自', 'Opened from')}</label>
        <input
          id={`${id}-from`}
          type="date"
          value={value('openedFrom')}
          max={value('openedTo') || undefined}
          onChange={(e) => list.set({ openedFrom: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('至', 'to')}</label>
        <input
          id={`${id}-to`}
          type="date"
          value={value('openedTo')}
          min={value('openedFrom') || undefined}
          onChange={(e) => list.set({ openedTo: e.target.value })}
        />
      </div>
      <RegionChooser value={value('region')} onChange={(region) => list.set({ region })} />
      <button type="submit" className="primary">
        {t('查询', 'Search')}
      </button>
      {active ? (
        <button type="button" onClick={() => list.set(Object.fromEntries(CASE_FILTERS.map((k) => [k, undefined])))}>
          {t('清除条件', 'Clear')}
        </button>
      ) : null}
    </form>
  );
}
