/**
 * What the live-status region says to screen readers: only a change between 实时 and 已断开,
 * never the in-between 连接中, never the same state twice, and not the first 实时 of a page
 * (nothing has changed then). Plain data, so the rule is tested without a browser.
 */
import type { Label } from '@hub/contracts';
import type { FeedStatus } from '../../app/feedStatus.ts';

export type Connection = 'live' | 'down';

export const FEED_WORDS: Record<FeedStatus, { label: Label; mark: string }> = {
  connecting: { label: { zh: '连接中', en: 'Connecting' }, mark: '◌' },
  'catching-up': { label: { zh: '连接中', en: 'Connecting' }, mark: '◌' },
  live: { label: { zh: '实时', en: 'Live' }, mark: '●' },
  offline: { label: { zh: '已断开，正在重连', en: 'Disconnected, reconnecting' }, mark: '○' },
  refused: { label: { zh: '已断开', en: 'Disconnected' }, mark: '✕' },
};

/** What is said on a change: its own words, not a copy of the status text on screen. */
const SAID: Record<'live' | 'offline' | 'refused', Label> = {
  live: { zh: '实时更新已恢复', en: 'Live updates are back' },
  offline: { zh: '实时更新已断开，正在重连', en: 'Live updates disconnected, reconnecting' },
  refused: { zh: '实时更新已断开', en: 'Live updates disconnected' },
};

/** Live or down; null while connecting (no news yet). */
export function connectionOf(status: FeedStatus): Connection | null {
  if (status === 'live') return 'live';
  return status === 'offline' || status === 'refused' ? 'down' : null;
}

/**
 * The connection after `status` and what to announce, given the connection announced before
 * (null: none yet). `message` is null when there is nothing new to say.
 */
export function feedAnnouncement(before: Connection | null, status: FeedStatus): { connection: Connection | null; message: Label | null } {
  const now = connectionOf(status);
  if (now === null || now === before) return { connection: before, message: null };
  if (before === null && now === 'live') return { connection: now, message: null };
  return { connection: now, message: SAID[status === 'live' ? 'live' : status === 'offline' ? 'offline' : 'refused'] };
}
