import { signInSettings } from '@hub/service-kit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { AgencyClient, DEMO_PASSWORD, openSqlite, secondFactorSetUpHere, startCluster } from '../src/index.js';

/**
 * The harness's client under the deployment's default TOTP_REQUIRED_ROLES (admin, auditor): the
 * demo loader and scenarios sign admins and auditors in through the same enrolment and codes a
 * person uses in the console (docs/sign-in.md, "The second factor").
 */
describe('scripted sign-ins with a second factor', () => {
  it('given the default setting, when the union admin signs in three times within one 30-second step, then the first sets up the second factor, the others give a recovery code each, and all are real sessions', async () => {
    const opened = await openSqlite();
    const at = new Date('2026-03-02T01:00:05Z');
    const cluster = await startCluster({ store: opened.store, login: false, clock: () => at, signIn: signInSettings({}) });
    onTestFinished(async () => {
      await cluster.close();
      await opened.dispose();
    });
    const url = cluster.urls.union;
    expect(secondFactorSetUpHere(url, 'admin')).toBe(false);

    const first = await cluster.login('union', 'admin');
    expect(secondFactorSetUpHere(url, 'admin')).toBe(true);
    const admin = (await cluster.services.union.users.byUsername('union', 'admin'))!;
    expect(await cluster.services.union.secondFactors.status(admin.id)).toMatchObject({ enrolled: true, recoveryCodesLeft: 10 });

    // Same step: the code is spent, so the client falls back on a recovery code.
    const second = await cluster.login('union', 'admin');
    const third = await cluster.login('union', 'admin');
    expect((await cluster.services.union.secondFactors.status(admin.id)).recoveryCodesLeft).toBe(8);
    for (const client of [first, second, third]) {
      const me = await client.call<{ actor: { userId: string } }>('GET', '/api/session');
      expect(me.actor.userId).toBe(admin.id);
    }
    // A liaison needs none.
    expect(await new AgencyClient('union', url).login('liaison', DEMO_PASSWORD, () => at)).toMatch(/^ey/);
    expect((await cluster.services.union.securityLog.list({ limit: 100 })).filter((e) => e.kind === 'recovery_code_used')).toHaveLength(2);
  });
});
