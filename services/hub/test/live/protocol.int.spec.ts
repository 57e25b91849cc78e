import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CloseCode } from '../../src/live/protocol.js';
import { id, openCase } from '../support/cases.js';
import { hubFixture } from '../support/fixture.js';
import { authedSocket, liveClient, liveUrl, note, POLL, rawSocket, type Closed } from './support.js';

describe('live feed: protocol edges', () => {
  it('refuses upgrades on other paths and serves /api/live', async () => {
    const fx = await hubFixture();
    await expect(rawSocket(fx).then(() => 'open')).resolves.toBe('open');
    const status = await new Promise<number | undefined>((resolve) => {
      const ws = new WebSocket(liveUrl(fx, '/api/other'));
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      ws.on('error', () => resolve(undefined));
    });
    expect(status).toBe(404);
  });

  it('answers malformed messages with a bilingual 400, keeps the socket, and closes it with 4400 on repeated abuse', async () => {
    const fx = await hubFixture();
    const socket = await authedSocket(fx, 'union');
    socket.send('{not json');
    socket.send({ type: 'subscribe', id: 's1', scope: { kind: 'everything' }, after: 'start' });
    socket.send({ type: 'subscribe', id: 's2', scope: { kind: 'all' }, after: '-5' });
    socket.send({ type: 'shout' });
    await expect.poll(() => socket.messages.filter((m) => m.type === 'error').length, POLL).toBe(4);
    const errors = socket.messages.filter((m) => m.type === 'error');
    for (const error of errors)
      expect(error).toMatchObject({ status: 400, detail: expect.stringMatching(/消息格式不正确/), detailEn: expect.stringMatching(/^Malformed message/) });
    expect(errors.map((e) => e.sub)).toEqual([undefined, 's1', 's2', undefined]);
    // Still served.
    socket.send({ type: 'subscribe', id: 'ok', scope: { kind: 'all' }, after: 'now' });
    await socket.next((m) => m.type === 'live' && m.sub === 'ok');
    // Two more malformed ones make six: more than the five tolerated.
    socket.send('[]');
    socket.send('null');
    expect(await socket.closed).toEqual({ code: CloseCode.protocol, reason: 'too many malformed messages' });

    const binary = await authedSocket(fx, 'union');
    binary.ws.send(Buffer.from([1, 2, 3]));
    expect(await binary.closed).toEqual({ code: CloseCode.protocol, reason: 'binary frames are not accepted' });
  });

  it('manages subscriptions: duplicate ids, a cap, unsubscribe', async () => {
    const fx = await hubFixture({ live: { maxSubscriptions: 2 } });
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    const socket = await authedSocket(fx, 'union');
    socket.send({ type: 'subscribe', id: 'a', scope: { kind: 'all' }, after: 'now' });
    socket.send({ type: 'subscribe', id: 'a', scope: { kind: 'inbox' }, after: 'now' });
    socket.send({ type: 'subscribe', id: 'b', scope: { kind: 'case', caseId }, after: 'now' });
    socket.send({ type: 'subscribe', id: 'c', scope: { kind: 'all' }, after: 'now' });
    await socket.next((m) => m.type === 'error' && m.sub === 'c');
    expect(socket.messages.filter((m) => m.type === 'error').map((m) => [m.sub, m.status])).toEqual([
      ['a', 409],
      ['c', 429],
    ]);
    expect(fx.hub.live.stats().subscriptions).toBe(2);

    socket.send({ type: 'unsubscribe', id: 'a' });
    socket.send({ type: 'unsubscribe', id: 'zzz' });
    await socket.next((m) => m.type === 'error' && m.sub === 'zzz');
    expect(socket.messages.find((m) => m.type === 'unsubscribed')).toEqual({ type: 'unsubscribed', sub: 'a' });
    const position = await note(fx, caseId, 'union');
    // 'b' gets the new event; 'a' (gone) gets nothing.
    await socket.next((m) => m.type === 'events' && m.sub === 'b');
    expect(socket.messages.filter((m) => m.type === 'events').map((m) => [m.sub, m.events.map((e: any) => e.position)])).toEqual([
      ['b', [position.toString()]],
    ]);
  });

  it('closes every client with 1001 on shutdown', async () => {
    const fx = await hubFixture();
    const closes: Closed[] = [];
    const client = await liveClient(fx, 'union', ['liaison'], { onClose: ({ code, reason }) => closes.push({ code, reason }) });
    client.subscribe({ kind: 'all' }, 'start');
    const raw = await authedSocket(fx, 'court');
    await fx.hub.live.close();
    expect(await raw.closed).toEqual({ code: CloseCode.goingAway, reason: 'server shutting down' });
    await expect.poll(() => closes, POLL).toEqual([{ code: CloseCode.goingAway, reason: 'server shutting down' }]);
    expect(fx.hub.live.stats().clients).toBe(0);
    await client.close();
  });
});
