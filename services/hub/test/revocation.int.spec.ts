import type { AgencyId } from '@hub/contracts';
import { agencyStream, appendSigned, recordSessionRevoked } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { HubKeys, REVOCATION_GRACE_MS } from '../src/keys.js';
import { CloseCode } from '../src/live/protocol.js';
import { hubFixture, type HubFixture } from './support/fixture.js';
import { POLL, rawSocket } from './live/support.js';

const HOUR = 60 * 60 * 1000;

/** The session a token stands for, as its agency's logout records it. */
function sessionOf(token: string): { sessionId: string; expiresAt: Date } {
  const { jti, exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { jti: string; exp: number };
  return { sessionId: jti, expiresAt: new Date(exp * 1000) };
}

/** `agency` records the logout of `token`'s session in its own stream, signed, as its service does. */
function signOut(fx: HubFixture, agency: AgencyId, token: string) {
  return recordSessionRevoked(fx.store, agency, fx.agencies[agency].signer, sessionOf(token), fx.now());
}

const status = async (fx: HubFixture, token: string) => (await fx.request('GET', '/api/cases', token)).status;

describe('sessions signed out at their agency', () => {
  it('are refused by the hub (401 session-revoked) once the agency records SessionRevoked; other sessions are not', async () => {
    const fx = await hubFixture();
    const token = await fx.token('union');
    const other = await fx.token('union', ['liaison'], 'union-other');
    expect(await status(fx, token)).toBe(200);

    await signOut(fx, 'union', token);
    await expect.poll(() => status(fx, token), POLL).toBe(401);
    const refused = await fx.request('GET', '/api/cases', token);
    expect(refused.body).toMatchObject({ type: 'urn:hub:problem:session-revoked', status: 401, detail: '会话已退出，请重新登录' });
    expect(await status(fx, other)).toBe(200);
    expect(fx.hub.keys.isRevoked(sessionOf(token).sessionId, 'union')).toBe(true);
  });

  it('counts a SessionRevoked only in the stream of the agency that issued the session', async () => {
    const fx = await hubFixture();
    const token = await fx.token('union');
    const { sessionId } = sessionOf(token);

    // The court "revokes" a union session in its own stream: not its session to revoke.
    await signOut(fx, 'court', token);
    // The court writes into the union's stream in its own name: not the union's revocation either.
    await appendSigned(fx.store, 'court', fx.agencies.court.signer, agencyStream('union'), [
      {
        type: 'SessionRevoked',
        data: { sessionId, expiresAt: sessionOf(token).expiresAt.toISOString(), revokedAt: fx.now().toISOString() },
        metadata: { schemaVersion: 1 },
      },
    ]);
    // Markers behind them in the same two streams: once the hub refuses these, it has read the others.
    const courtMarker = await fx.token('court');
    const unionMarker = await fx.token('union', ['liaison'], 'union-marker');
    await signOut(fx, 'court', courtMarker);
    await signOut(fx, 'union', unionMarker);
    await expect.poll(() => status(fx, courtMarker), POLL).toBe(401);
    await expect.poll(() => status(fx, unionMarker), POLL).toBe(401);

    expect(await status(fx, token)).toBe(200);
    expect(fx.hub.keys.isRevoked(sessionId, 'union')).toBe(false);
    expect(fx.hub.keys.isRevoked(sessionId, 'court')).toBe(true); // held for the court's sessions, which this is not
  });

  it('are read at start, and forgotten once the session would have expired anyway', async () => {
    const fx = await hubFixture();
    const token = await fx.token('procuratorate');
    await signOut(fx, 'procuratorate', token);
    const keys = new HubKeys(fx.store, { anchors: fx.anchors, storeKeys: false, source: 'test' }, undefined, fx.now);
    await keys.start();
    try {
      expect(keys.isRevoked(sessionOf(token).sessionId, 'procuratorate')).toBe(true);
      expect(keys.revokedCount()).toBe(1);
      fx.advance(HOUR + REVOCATION_GRACE_MS + 1_000);
      expect(keys.isRevoked(sessionOf(token).sessionId, 'procuratorate')).toBe(false);
      // Pruned when the next revocation arrives.
      await signOut(fx, 'procuratorate', await fx.token('procuratorate'));
      await expect.poll(() => keys.revokedCount(), POLL).toBe(1);
    } finally {
      await keys.close();
    }
  });

  it('closes the live-feed socket of that session with 4401 the moment the hub sees the revocation', async () => {
    // The sweep is an hour away: only the revocation itself can close the socket in time.
    const fx = await hubFixture({ live: { sessionCheckMs: HOUR } });
    const token = await fx.token('union');
    const socket = await rawSocket(fx);
    socket.send({ type: 'auth', token });
    await socket.next((m) => m.type === 'ready');
    const bystander = await rawSocket(fx);
    bystander.send({ type: 'auth', token: await fx.token('union', ['liaison'], 'union-other') });
    await bystander.next((m) => m.type === 'ready');

    await signOut(fx, 'union', token);
    expect(await socket.closed).toEqual({ code: CloseCode.unauthorized, reason: 'session revoked' });
    expect(socket.messages.at(-1)).toMatchObject({ type: 'error', status: 401, detailEn: 'This session was logged out; please log in again' });
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);

    // Presenting the revoked token again: refused the same way.
    const again = await rawSocket(fx);
    again.send({ type: 'auth', token });
    expect(await again.closed).toEqual({ code: CloseCode.unauthorized, reason: 'session revoked' });
    bystander.ws.close();
  });
});
