import { publishKeys, SessionIssuer } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { hubFixture } from './support/fixture.js';

describe('the keys the hub trusts', () => {
  it('follows a key an agency publishes while the hub runs: sessions made with it are accepted at once', async () => {
    const fx = await hubFixture();
    const union = fx.agencies.union;
    const rotated = union.keyring.rotate('sessions');
    const issuer = new SessionIssuer(rotated, 60, fx.now);
    const token = (await issuer.issue({ id: 'union-new', agency: 'union', roles: ['liaison'], displayName: 'new key' })).token;
    // Not published yet: the hub cannot know the key.
    expect((await fx.request('GET', '/api/cases', token)).status).toBe(401);
    await publishKeys(fx.store, 'union', [rotated]);
    await expect.poll(async () => (await fx.request('GET', '/api/cases', token)).status, { timeout: 10_000 }).toBe(200);
    expect(fx.hub.keys.trusted('sessions').filter((k) => k.agency === 'union').map((k) => k.keyId)).toContain(rotated.keyId);
  });
});
