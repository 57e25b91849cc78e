/**
 * What official minutes record beside the decisions (issue 14.5): 会议地点, 主持人, 记录人, the people
 * attending by unit (出席单位及人员) and the matters agreed (议定事项). Part of the hold form; the
 * record is JointMeetingHeld version 2's.
 */
import { useId } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { HoldMeetingBody, MeetingPerson } from './types.ts';

export interface MinutesDraft {
  location: string;
  chairUnit: string;
  chairName: string;
  chairPost: string;
  recorderName: string;
  recorderPost: string;
  /** Unit name → its people, one a line: 姓名 职务. */
  persons: Record<string, string>;
  /** One matter agreed a line. */
  resolutions: string;
}

export const emptyMinutes = (hostUnit: string, recorderName: string): MinutesDraft => ({
  location: '',
  chairUnit: hostUnit,
  chairName: '',
  chairPost: '',
  recorderName,
  recorderPost: '',
  persons: {},
  resolutions: '',
});

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

/** "李明 副主席" → 李明 with the post 副主席; a line without a space is a name alone. */
function personOf(unit: string, line: string): MeetingPerson {
  const [name = '', ...post] = line.split(/[\s\u3000]+/);
  return post.length > 0 ? { unit, name, post: post.join(' ') } : { unit, name };
}

const person = (unit: string, name: string, post: string): MeetingPerson =>
  post.trim() ? { unit, name: name.trim(), post: post.trim() } : { unit, name: name.trim() };

export type MinutesRecord = Pick<HoldMeetingBody, 'location' | 'chair' | 'recorder' | 'resolutions'> & { persons: MeetingPerson[] };

/** The record as the hold's body carries it; the people only of units still attending. */
export function minutesRecord(d: MinutesDraft, units: readonly string[], recorderUnit: string): MinutesRecord {
  return {
    location: d.location.trim(),
    chair: person(d.chairUnit, d.chairName, d.chairPost),
    recorder: person(recorderUnit, d.recorderName, d.recorderPost),
    resolutions: lines(d.resolutions),
    persons: units.flatMap((unit) => lines(d.persons[unit] ?? '').map((line) => personOf(unit, line))),
  };
}

/** The fields that must be filled, as field → message. */
export function minutesErrors(d: MinutesDraft, t: (zh: string, en: string) => string): Record<string, string> {
  const found: Record<string, string> = {};
  if (!d.location.trim()) found['location'] = t('请填写会议地点', 'Enter where the meeting was held');
  if (!d.chairName.trim()) found['chair'] = t('请填写主持人', 'Enter who chaired the meeting');
  if (!d.recorderName.trim()) found['recorder'] = t('请填写记录人', 'Enter who took the minutes');
  if (lines(d.resolutions).length === 0) found['resolutions'] = t('请填写议定事项，每行一项', 'Enter the matters agreed, one a line');
  return found;
}

function Text({
  label,
  value,
  onChange,
  error,
  required,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
  error?: string | undefined;
  required?: boolean;
}) {
  const id = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        value={value}
        maxLength={200}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? id : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? (
        <span className="field-error" id={id}>
          {error}
        </span>
      ) : null}
    </label>
  );
}

export function MinutesFields({
  draft,
  units,
  errors,
  onChange,
}: {
  draft: MinutesDraft;
  /** The attending units by name: the agencies ticked, then the other bodies. */
  units: readonly string[];
  errors: Record<string, string>;
  onChange(d: MinutesDraft): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<MinutesDraft>) => onChange({ ...draft, ...patch });
  return (
    <>
      <Text label={t('会议地点', 'Place')} value={draft.location} onChange={(location) => set({ location })} error={errors['location']} required />
      <fieldset className="mtg-fieldset mtg-row">
        <legend>{t('主持人', 'Chair')}</legend>
        <label className="field">
          <span>{t('主持人单位', 'Chair’s unit')}</span>
          <select value={draft.chairUnit} onChange={(e) => set({ chairUnit: e.target.value })}>
            {units.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
        <Text label={t('主持人姓名', 'Chair’s name')} value={draft.chairName} onChange={(chairName) => set({ chairName })} error={errors['chair']} required />
        <Text label={t('主持人职务（可选）', 'Chair’s post (optional)')} value={draft.chairPost} onChange={(chairPost) => set({ chairPost })} />
      </fieldset>
      <fieldset className="mtg-fieldset mtg-row">
        <legend>{t('记录人', 'Minutes taken by')}</legend>
        <Text
          label={t('记录人姓名', 'Recorder’s name')}
          value={draft.recorderName}
          onChange={(recorderName) => set({ recorderName })}
          error={errors['recorder']}
          required
        />
        <Text label={t('记录人职务（可选）', 'Recorder’s post (optional)')} value={draft.recorderPost} onChange={(recorderPost) => set({ recorderPost })} />
      </fieldset>
      <fieldset className="mtg-fieldset">
        <legend>{t('出席人员（每行一人：姓名 职务）', 'People attending (one a line: name post)')}</legend>
        {units.map((unit) => (
          <label key={unit} className="field">
            <span>{t(`${unit}出席人员`, `Attending for ${unit}`)}</span>
            <textarea rows={2} value={draft.persons[unit] ?? ''} onChange={(e) => set({ persons: { ...draft.persons, [unit]: e.target.value } })} />
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>{t('议定事项（每行一项）', 'Matters agreed (one a line)')}</span>
        <textarea
          value={draft.resolutions}
          rows={4}
          maxLength={20000}
          required
          aria-invalid={errors['resolutions'] ? true : undefined}
          aria-describedby={errors['resolutions'] ? `${id}-resolutions` : undefined}
          onChange={(e) => set({ resolutions: e.target.value })}
        />
        {errors['resolutions'] ? (
          <span className="field-error" id={`${id}-resolutions`}>
            {errors['resolutions']}
          </span>
        ) : null}
      </label>
    </>
  );
}
