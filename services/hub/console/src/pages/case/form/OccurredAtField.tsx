/**
 * 发生时间 (issue 13.4): every act may say when it happened. The field starts at now, in Beijing
 * time; left as it is, nothing is sent and the service takes the time it records the act. Changed
 * (a call or a meeting recorded later, 补录), the form sends it with the +08:00 offset.
 */
import type { Label } from '@hub/contracts';
import { useI18n } from '../../../app/i18n.tsx';

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The Beijing wall clock of an instant as a datetime-local value: 2026-12-07T14:05. */
export function beijingLocal(instant: Date): string {
  return new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 16);
}

/** What the form sends for a changed value: the wall time with Beijing's offset; null when it is not a time. */
export function occurredAtBody(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  return `${local}:00+08:00`;
}

export const OCCURRED_AT_KEY = 'occurredAt';

export function OccurredAtField({ id, value, onChange, issue }: { id: string; value: string; onChange: (value: string) => void; issue: Label | undefined }) {
  const { t } = useI18n();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="field field-occurred">
      <label htmlFor={id}>{t('发生时间', 'When it happened')}</label>
      <input
        id={id}
        type="datetime-local"
        value={value}
        min="1900-01-01T00:00"
        max="2199-12-31T23:59"
        onChange={(e) => onChange(e.currentTarget.value)}
        aria-invalid={issue ? true : undefined}
        aria-describedby={[hintId, issue ? errorId : ''].filter(Boolean).join(' ')}
      />
      <span className="hint" id={hintId}>
        {t(
          '北京时间；默认为现在。补录电话、会议等已发生的行为时，改为实际发生的时间',
          'Beijing time; now by default. For an act recorded later, give when it really happened',
        )}
      </span>
      {issue ? (
        <span className="field-error" id={errorId}>
          {t(issue)}
        </span>
      ) : null}
    </div>
  );
}
