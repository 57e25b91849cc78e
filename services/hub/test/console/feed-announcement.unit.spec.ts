import { describe, expect, it } from 'vitest';
import { feedAnnouncement } from '../../console/src/pages/case/feedAnnouncement.js';

describe('what the live-status region tells screen readers (console)', () => {
  it('given a page that connects, the first 实时 is not announced, nor the 连接中 before it', () => {
    expect(feedAnnouncement(null, 'connecting')).toEqual({ connection: null, message: null });
    expect(feedAnnouncement(null, 'catching-up')).toEqual({ connection: null, message: null });
    expect(feedAnnouncement(null, 'live')).toEqual({ connection: 'live', message: null });
  });

  it('given a live feed that drops and comes back, each change is announced once', () => {
    const dropped = feedAnnouncement('live', 'offline');
    expect(dropped).toEqual({ connection: 'down', message: { zh: '实时更新已断开，正在重连', en: 'Live updates disconnected, reconnecting' } });
    // Still down while it reconnects: nothing new to say.
    expect(feedAnnouncement('down', 'connecting')).toEqual({ connection: 'down', message: null });
    expect(feedAnnouncement('down', 'refused').message).toBeNull();
    expect(feedAnnouncement('down', 'live')).toEqual({ connection: 'live', message: { zh: '实时更新已恢复', en: 'Live updates are back' } });
    expect(feedAnnouncement('live', 'live').message).toBeNull();
  });

  it('given a feed refused before it was ever live, the drop is announced', () => {
    expect(feedAnnouncement(null, 'refused')).toEqual({ connection: 'down', message: { zh: '实时更新已断开', en: 'Live updates disconnected' } });
  });
});
