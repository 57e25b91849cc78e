import { describe, expect, it } from 'vitest';
import { LiveClient, LiveConnectError } from '../../src/live/client.js';
import { CloseCode } from '../../src/live/protocol.js';
import { id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { liveClient, liveUrl, POLL, rawSocket, type Closed } from './support.js';
import { WebSocket } from 'ws';

const HOUR = 60 * 60 * 1000;

describe('live feed: sessions', () => {
  it('closes with 4401 a socket that sends no auth in time, or something else first, or a bad token', async () => {
    const fx = await hubFixture({ live: { authTimeoutMs: 1_000 } });

    const silent = await rawSocket(fx);
    expect(await silent.closed).toEqual({ code: CloseCode.unauthorized, reason: 'authentication required' });
    expect(silent.messages).toEqual([expect.objectContaining({ type: 'error', status: 401, detail: expect.any(String), detailEn: expect.any(String) })]);

    const eager = await rawSocket(fx);
    eager.send({ type: 'subscribe', id: 's1', scope: { kind: 'all' }, after: 'start' });
    expect(await eager.closed).toEqual({ code: CloseCode.unauthorized, reason: 'authentication required' });

    const forged = await rawSocket(fx);
    forged.send({ type: 'auth', token: 'eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl' });
    expect(await forged.closed).toEqual({ code: CloseCode.unauthorized, reason: 'session invalid' });
    expect(forged.messages.map((m) => m.type)).toEqual(['error']);

    // A token in the URL is not a credential (access logs record URLs): still no ready, then 4401.
    const inUrl = new WebSocket(`${liveUrl(fx)}?token=${await fx.token('union')}`);
    const messages: any[] = [];
    inUrl.on('message', (data) => messages.push(JSON.parse(String(data))));
    const closed = await new Promise<Closed>((resolve) => inUrl.on('close', (code, reason) => resolve({ code, reason: String(reason) })));
    expect(closed.code).toBe(CloseCode.unauthorized);
    expect(messages.some((m) => m.type === 'ready')).toBe(false);

    await expect(LiveClient.connect(fx.url, 'not-a-token')).rejects.toMatchObject({ code: CloseCode.unauthorized, reason: 'session invalid' });
  });

  it('accepts a valid session with its viewer and the feed position, and closes it with 4401 the moment it expires', async () => {
    const fx = await hubFixture({ live: { sessionCheckMs: 50 } });
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    await fx.settle();

    const ready = await rawSocket(fx);
    // The client need not wait for `ready` before subscribing: messages sent meanwhile are kept.
    ready.send({ type: 'auth', token: await fx.token('procuratorate', ['liaison', 'secretary']) });
    ready.send({ type: 'subscribe', id: 'now', scope: { kind: 'all' }, after: 'now' });
    const hello = await ready.next((m) => m.type === 'ready');
    expect(hello).toMatchObject({
      viewer: { agency: 'procuratorate', roles: ['liaison', 'secretary'], userId: 'procuratorate-liaison' },
      position: fx.hub.live.stats().position,
      sessionExpiresAt: new Date(fx.now().getTime() + HOUR).toISOString(),
    });
    expect(hello.position).not.toBeNull();
    await ready.next((m) => m.type === 'live' && m.sub === 'now');

    const closes: (Closed & { reconnecting: boolean })[] = [];
    const client = await liveClient(fx, 'union', ['liaison'], { onClose: (info) => closes.push(info) });
    expect(client.viewer).toEqual({ agency: 'union', roles: ['liaison'], userId: 'union-liaison' });
    fx.advance(HOUR - 60_000);
    // A minute to go: the socket still serves (a round trip), and has not been closed.
    const markers: unknown[] = [];
    client.subscribe({ kind: 'inbox' }, 'start', { onLive: (position) => markers.push(position) });
    await expect.poll(() => markers.length, POLL).toBe(1);
    expect(closes).toEqual([]);
    fx.advance(60_000);
    await expect.poll(() => closes.length, POLL).toBe(1);
    // The session is over: the client does not retry with the same token.
    expect(closes[0]).toEqual({ code: CloseCode.unauthorized, reason: 'session expired', reconnecting: false });
    await expect.poll(async () => (await ready.closed).code, POLL).toBe(CloseCode.unauthorized);
    expect(ready.messages.at(-1)).toMatchObject({ type: 'error', status: 401 });

    // A token already expired when presented (past the verifier's skew tolerance) gets the same answer.
    const stale = await fx.token('union');
    fx.advance(HOUR + 60_000);
    await expect(LiveClient.connect(fx.url, stale)).rejects.toBeInstanceOf(LiveConnectError);
    await expect(LiveClient.connect(fx.url, stale)).rejects.toMatchObject({ code: CloseCode.unauthorized, reason: 'session expired' });
  });
});
