import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgencyId } from '@hub/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningAgencyServer } from '../server.js';

/** A command a service's smoke spec sends: its route segment and body. */
export interface SmokeAct {
  path: string;
  body: Record<string, unknown>;
}

/**
 * The smoke spec every agency service runs against its own entry point: it boots on port 0 with
 * a temp data dir and sqlite store, is healthy, records an act of its own kind and is refused
 * (403, rule R1) an act only another agency may record.
 */
export function serviceSmokeSpec(options: {
  agency: AgencyId;
  startServer: (env: Record<string, string>) => Promise<RunningAgencyServer>;
  own: SmokeAct;
  notOurs: SmokeAct;
}): void {
  const { agency: AGENCY, startServer, own: OWN, notOurs: NOT_OURS } = options;
  describe(`${AGENCY} service`, () => {
    const dir = mkdtempSync(join(tmpdir(), `${AGENCY}-smoke-`));
    let running: RunningAgencyServer;
    let token = '';
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await fetch(running.url + path, {
        method,
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };

    beforeAll(async () => {
      running = await startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`, LOG_LEVEL: 'silent' });
      await running.service.users.create({ agency: AGENCY, username: 'liaison', password: 'Smoke-Test-2026', roles: ['liaison'] });
      token = (await call('POST', '/api/session', { username: 'liaison', password: 'Smoke-Test-2026' })).body['token'] as string;
    });
    afterAll(async () => {
      await running?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is healthy', async () => {
      expect((await call('GET', '/health')).body).toMatchObject({ status: 'ok', eventStore: { engine: 'sqlite' } });
    });

    it('records an act of its own kind and is refused one of another agency', async () => {
      const opened = await call('POST', '/api/cases', {
        channel: 'walk_in',
        category: 'wage_arrears',
        summary: '拖欠工资',
        employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
        workerCount: 1,
        workers: [{ name: '李四' }],
        amountClaimedFen: 100_000,
        region: '330106',
      });
      expect(opened.status).toBe(201);
      const caseId = opened.body['caseId'] as string;
      const own = await call('POST', `/api/cases/${caseId}/${OWN.path}`, OWN.body);
      expect(own.status, JSON.stringify(own.body)).toBe(200);
      const foreign = await call('POST', `/api/cases/${caseId}/${NOT_OURS.path}`, NOT_OURS.body);
      expect(foreign).toMatchObject({ status: 403, body: { ruleId: 'R1' } });
    });
  });
}
