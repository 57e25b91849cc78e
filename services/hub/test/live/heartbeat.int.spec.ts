import { describe, expect, it } from 'vitest';
import { id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { authedSocket, POLL } from './support.js';

describe('live feed: heartbeat', () => {
  it('sends heartbeats with the feed position and drops a peer that stops answering pings', async () => {
    const fx = await hubFixture({ live: { heartbeatMs: 250 } });
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    await fx.settle();

    const healthy = await authedSocket(fx, 'union');
    const beat = await healthy.next((m) => m.type === 'heartbeat');
    expect(beat).toEqual({ type: 'heartbeat', position: fx.hub.live.stats().position, at: fx.now().toISOString() });
    expect(beat.position).not.toBeNull();

    // A peer whose ws never answers pings (autoPong off) is cut after two silent intervals;
    // the healthy one, connected longer, stays.
    const deaf = await authedSocket(fx, 'court', ['liaison'], { autoPong: false });
    const closed = await deaf.closed;
    expect(closed.code).toBe(1006);
    expect(fx.hub.live.stats().timedOut).toBe(1);
    expect(deaf.messages.filter((m) => m.type === 'heartbeat').length).toBeGreaterThanOrEqual(2);
    expect(healthy.ws.readyState).toBe(healthy.ws.OPEN);
    const beats = healthy.messages.filter((m) => m.type === 'heartbeat').length;
    await expect.poll(() => healthy.messages.filter((m) => m.type === 'heartbeat').length, POLL).toBeGreaterThan(beats);
  });
});
