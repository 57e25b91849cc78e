/**
 * The hostile run's findings against the live feed (issue 10), each as it was reproduced: a
 * message that used to stop the process, a subscribe/unsubscribe storm that used to freeze it,
 * and a subscription to a case that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../src/live/protocol.js';
import { id, openCase } from '../support/cases.js';
import { hubFixture, type HubFixture } from '../support/fixture.js';
import { authedSocket, note, POLL, rawSocket } from './support.js';

/** The hub still serves: a fresh socket authenticates and /health answers. */
async function expectAlive(fx: HubFixture): Promise<void> {
  const res = await fetch(`${fx.url}/health`);
  expect(res.status).toBe(200);
  const socket = await authedSocket(fx, 'union');
  socket.ws.close();
}

describe('live feed under hostile input', () => {
  it('answers a subscribe whose `after` is not a position with a 400, before and after auth, and keeps running', async () => {
    const fx = await hubFixture();
    const bad = ['abc', '1.5', 'NaN', '1e3', '\u0000', 'true', '-1', '9223372036854775808', '99999999999999999999'];
    // Unauthenticated: the message is answered as malformed, and the process lives on.
    const stranger = await rawSocket(fx);
    stranger.send({ type: 'subscribe', id: 's1', scope: { kind: 'all' }, after: 'abc' });
    const problem = await stranger.next((m) => m.type === 'error');
    expect(problem).toMatchObject({ status: 400 });
    expect(problem.detailEn).toContain('after');
    stranger.ws.close();

    const socket = await authedSocket(fx, 'union', ['auditor']);
    for (const [i, after] of bad.slice(0, 5).entries()) {
      socket.send({ type: 'subscribe', id: `s${i}`, scope: { kind: 'all' }, after });
      const answer = await socket.next((m) => m.type === 'error' && m.sub === `s${i}`);
      expect(answer).toMatchObject({ status: 400 });
    }
    // The sixth malformed message ends the socket (4400), as repeated bad messages always do.
    socket.send({ type: 'subscribe', id: 's9', scope: { kind: 'all' }, after: bad[5] });
    expect((await socket.closed).code).toBe(CloseCode.protocol);
    await expectAlive(fx);
  });

  it('answers 400 (never 500) to a timeline `after` that is not a position', async () => {
    const fx = await hubFixture();
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    await fx.settle();
    const token = await fx.token('union');
    for (const after of ['abc', '1.5', 'NaN', '1e3', '%00', 'true', '-1', '', '9223372036854775808', '１２']) {
      const res = await fx.request('GET', `/api/cases/${caseId}/timeline?after=${after}`, token);
      expect(res.status, `after=${after}`).toBe(400);
    }
    const res = await fx.request('GET', `/api/cases/${caseId}/timeline?after=0`, token);
    expect(res.status).toBe(200);
  });

  it('stops a cancelled subscription at once: 1,000 subscribe/unsubscribe pairs cost next to nothing', async () => {
    const pageSize = 100;
    const fx = await hubFixture({ live: { heartbeatMs: 600_000, catchUpPageSize: pageSize } });
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    // A timeline long enough that each `after: "start"` catch-up would be many pages.
    for (let i = 0; i < 20; i += 1) await note(fx, caseId, 'union', 200);
    await fx.settle();
    const socket = await authedSocket(fx, 'union', ['auditor']);
    const before = fx.hub.live.stats().eventsSent;
    // Twenty bursts of fifty pairs, the client reading everything it is sent in between.
    const bursts = 20;
    for (let burst = 0; burst < bursts; burst += 1) {
      for (let i = 0; i < 50; i += 1) {
        socket.send({ type: 'subscribe', id: 's1', scope: { kind: 'all' }, after: 'start' });
        socket.send({ type: 'unsubscribe', id: 's1' });
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await expect.poll(() => socket.messages.filter((m) => m.type === 'unsubscribed').length, POLL).toBe(1_000);
    const health = await fetch(`${fx.url}/health`);
    expect(health.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A subscription's catch-up runs on a later turn, two pages per turn at most: only a pair
    // split across two reads of the socket lets one turn of catch-up through.
    const sent = fx.hub.live.stats().eventsSent - before;
    expect(sent).toBeLessThanOrEqual(bursts * 2 * pageSize);
    expect(socket.messages.filter((m) => m.type === 'live')).toHaveLength(0);
    socket.ws.close();
    await expectAlive(fx);
  });

  it("holds a paused client's catch-ups at the low-water mark, and cuts it off on what is queued for all its subscriptions", async () => {
    const fx = await hubFixture({ live: { heartbeatMs: 600_000, maxBufferedBytes: 512 * 1024, lowWaterBytes: 64 * 1024 } });
    const caseId = id();
    await fx.act('union', caseId, openCase(caseId));
    for (let i = 0; i < 20; i += 1) await note(fx, caseId, 'union', 50, 2_000);
    await fx.settle();
    const socket = await authedSocket(fx, 'union', ['auditor']);
    // The client stops reading: what the hub sends stays queued on its side of the socket.
    (socket.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const before = fx.hub.live.stats().eventsSent;
    for (let i = 0; i < 10; i += 1) socket.send({ type: 'subscribe', id: `start${i}`, scope: { kind: 'all' }, after: 'start' });
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Ten catch-ups of 1,000 events each wait for the client instead of queueing 10,000 events.
    expect(fx.hub.live.stats().eventsSent - before).toBeLessThan(5_000);
    for (let i = 0; i < 10; i += 1) socket.send({ type: 'subscribe', id: `now${i}`, scope: { kind: 'all' }, after: 'now' });
    // Live events for ten subscriptions of one stalled socket: cut off (4008) once its queue passes the limit.
    let appended = 0;
    while (fx.hub.live.stats().cutOff === 0 && appended < 200) {
      await note(fx, caseId, 'union', 5, 10_000);
      appended += 1;
      await fx.settle();
    }
    expect(fx.hub.live.stats().cutOff).toBe(1);
    expect(fx.hub.live.stats().subscriptions).toBe(0);
    // Once the client reads again it learns why.
    (socket.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    expect((await socket.closed).code).toBe(CloseCode.tooSlow);
    await expectAlive(fx);
  });

  it('answers 404 to a live subscription for a case that does not exist, even for an auditor', async () => {
    const fx = await hubFixture();
    const socket = await authedSocket(fx, 'union', ['auditor']);
    for (const [i, caseId] of [id(), '../../x', 'case-1', '\u202e'].entries()) {
      socket.send({ type: 'subscribe', id: `c${i}`, scope: { kind: 'case', caseId }, after: 'start' });
      const answer = await socket.next((m) => m.sub === `c${i}` && (m.type === 'error' || m.type === 'live'));
      expect(answer, caseId).toMatchObject({ type: 'error', status: 404 });
    }
    socket.ws.close();
  });
});
