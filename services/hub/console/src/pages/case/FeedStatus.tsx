/** The live feed's state, small and in words (实时 / 连接中 / 已断开), with a mark that is not colour alone. */
import type { Label } from '@hub/contracts';
import { useState } from 'react';
import { useI18n } from '../../app/i18n.tsx';
import type { FeedStatus as Status } from '../../app/live.ts';
import { type Connection, FEED_WORDS, feedAnnouncement } from './feedAnnouncement.ts';
import './feed.css';

/**
 * The words on screen, and a polite status region beside them that tells screen readers when the
 * feed drops (已断开) or comes back (实时) — once per change, not on every render.
 */
export function FeedStatus({ status, problem }: { status: Status; problem: Label | null }) {
  const { t } = useI18n();
  const words = FEED_WORDS[status];
  const [said, setSaid] = useState<{ status: Status; connection: Connection | null; message: Label | null }>({
    status,
    connection: null,
    message: null,
  });
  if (said.status !== status) {
    const next = feedAnnouncement(said.connection, status);
    setSaid({ status, connection: next.connection, message: next.message ?? said.message });
  }
  return (
    <>
      <span className={`feed-status feed-${status}`} title={problem ? t(problem) : undefined}>
        <span aria-hidden="true">{words.mark} </span>
        {t('实时更新：', 'Live updates: ')}
        {t(words.label)}
        {problem ? <span className="visually-hidden">（{t(problem)}）</span> : null}
      </span>
      <span className="visually-hidden feed-announcement" role="status" aria-live="polite" aria-atomic="true">
        {said.message ? t(said.message) : ''}
      </span>
    </>
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
