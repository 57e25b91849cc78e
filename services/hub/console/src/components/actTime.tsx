/**
 * Business time and machine acts as people see them (issue 13.4 and 13.8): when an act happened,
 * marked 补录 with both times when it was recorded more than an hour later, and 「系统接口·…」 for
 * an act a machine client (the 12351 platform) recorded through an API key.
 */
import { formatDateTime, useI18n } from '../app/i18n.tsx';
import { DateText } from './common.tsx';
import './actTime.css';

/** 5小时20分 / 5 h 20 min */
export function delayText(ms: number, lang: 'zh' | 'en'): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const [days, hours, rest] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  if (lang === 'zh') return `${days ? `${days}天` : ''}${hours ? `${hours}小时` : ''}${rest || minutes === 0 ? `${rest}分` : ''}`;
  return [days ? `${days} d` : '', hours ? `${hours} h` : '', rest || minutes === 0 ? `${rest} min` : ''].filter(Boolean).join(' ');
}

/** When the act happened; with 补录, when it was recorded and how much later. */
export function ActWhen({ occurredAt, recordedAt, late }: { occurredAt: string; recordedAt: string; late: boolean }) {
  const { t, lang } = useI18n();
  if (!late) return <DateText value={occurredAt} time />;
  const delay = Date.parse(recordedAt) - Date.parse(occurredAt);
  return (
    <span className="act-when">
      <span className="badge badge-late" title={t('发生后超过 1 小时才记录', 'Recorded more than an hour after it happened')}>
        {t('补录', 'Recorded late')}
      </span>{' '}
      <span>
        {t('发生于 ', 'Happened ')}
        <DateText value={occurredAt} time />
      </span>
      <span className="act-recorded">
        {t(
          `记录于 ${formatDateTime(recordedAt, 'zh')}（晚 ${delayText(delay, 'zh')}）`,
          `recorded ${formatDateTime(recordedAt, lang)} (${delayText(delay, 'en')} later)`,
        )}
      </span>
    </span>
  );
}

/** Who recorded it: a person's name, or 系统接口·<the service account> for a machine client. */
export function Recorder({ name, via }: { name: string | null; via: 'api_key' | null }) {
  const { t } = useI18n();
  if (via === 'api_key') {
    return (
      <span className="badge badge-machine" title={t('通过 API 密钥由系统接口记录', 'Recorded by a machine client with an API key')}>
        {t(`系统接口·${name ?? 'API'}`, `System API · ${name ?? 'API'}`)}
      </span>
    );
  }
  return name ? <span>{name}</span> : null;
}
