/**
 * The rectification list's filters by what the item's case is: its channel, one of its categories,
 * and its 承办人 by name (issue 14.4). The 承办人 applies when the field is left (or on Enter), not
 * on every key, so typing a name does not send a query per character.
 */
import { categories, channels } from '@hub/contracts/words';
import { useId } from 'react';
import { useI18n } from '../../app/i18n.tsx';

export interface ItemCaseFilterValues {
  channel?: string | undefined;
  category?: string | undefined;
  handler?: string | undefined;
}

export function ItemCaseFilters({ value, onChange }: { value: ItemCaseFilterValues; onChange: (changes: Record<string, string | undefined>) => void }) {
  const { t } = useI18n();
  const id = useId();
  const commitHandler = (text: string) => {
    const handler = text.trim() || undefined;
    if (handler !== value.handler) onChange({ handler });
  };
  return (
    <>
      <label className="field">
        <span>{t('来源渠道', 'Channel')}</span>
        <select value={value.channel ?? ''} onChange={(e) => onChange({ channel: e.target.value || undefined })}>
          <option value="">{t('全部渠道', 'All channels')}</option>
          {channels.values.map((c) => (
            <option key={c} value={c}>
              {t(channels.labels[c])}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('类别', 'Category')}</span>
        <select value={value.category ?? ''} onChange={(e) => onChange({ category: e.target.value || undefined })}>
          <option value="">{t('全部类别', 'All categories')}</option>
          {categories.values.map((c) => (
            <option key={c} value={c}>
              {t(categories.labels[c])}
            </option>
          ))}
        </select>
      </label>
      <div className="field">
        <label htmlFor={`${id}-handler`}>{t('承办人', 'Handler')}</label>
        <input
          id={`${id}-handler`}
          key={value.handler ?? ''}
          type="search"
          defaultValue={value.handler ?? ''}
          maxLength={200}
          placeholder={t('姓名', 'Name')}
          onBlur={(e) => commitHandler(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commitHandler(e.currentTarget.value);
            }
          }}
        />
      </div>
    </>
  );
}
