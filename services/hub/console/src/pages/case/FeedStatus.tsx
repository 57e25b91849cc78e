/** The live feed's state, small and in words (实时 / 连接中 / 已断开), with a mark that is not colour alone. */
import type { Label } from '@hub/contracts';
import { useI18n } from '../../app/i18n.tsx';
import type { FeedStatus as Status } from '../../app/live.ts';
import './feed.css';

const WORDS: Record<Status, { label: Label; mark: string }> = {
  connecting: { label: { zh: '连接中', en: 'Connecting' }, mark: '◌' },
  'catching-up': { label: { zh: '连接中', en: 'Connecting' }, mark: '◌' },
  live: { label: { zh: '实时', en: 'Live' }, mark: '●' },
  offline: { label: { zh: '已断开，正在重连', en: 'Disconnected, reconnecting' }, mark: '○' },
  refused: { label: { zh: '已断开', en: 'Disconnected' }, mark: '✕' },
};

export function FeedStatus({ status, problem }: { status: Status; problem: Label | null }) {
  const { t } = useI18n();
  const words = WORDS[status];
  return (
    <span className={`feed-status feed-${status}`} title={problem ? t(problem) : undefined}>
      <span aria-hidden="true">{words.mark} </span>
      {t('实时更新：', 'Live updates: ')}
      {t(words.label)}
      {problem ? <span className="visually-hidden">（{t(problem)}）</span> : null}
    </span>
  );
}

/** A polite live region: what just arrived, said once to screen readers and shown briefly. */
export function Announcer({ message }: { message: string }) {
  return (
    <p className="visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </p>
  );
}
