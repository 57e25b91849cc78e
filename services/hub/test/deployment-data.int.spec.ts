import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startAgencyServer } from '@hub/agency-service';
import { ConfigError } from '@hub/service-kit';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startHubServer } from '../src/server.js';

const PASSWORD = '正确的密码-Correct-Horse-9';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'hub-deployment-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const WORKER = { name: '张三', idNumber: '330106199003071236', phone: '13812345678' };

describe('the hub reads the same deployment data as the agency services (issue 13.7)', () => {
  it('given DEADLINE_POLICY with dueSoonDays 10, when the hub lists a deadline 7 days away, then it is due soon there and pending at a hub on the defaults', async () => {
    const dir = folder();
    const policyFile = join(dir, 'deadline-policy.json');
    writeFileSync(policyFile, JSON.stringify({ workerFeedback: { amount: 7, unit: 'calendar_days' }, dueSoonDays: 10 }));
    const common = { EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`, PORT: '0', LOG_LEVEL: 'silent', HUB_VAULT_KEY: Buffer.alloc(32, 3).toString('base64') };
    const union = await startAgencyServer('union', { ...common, DATA_DIR: join(dir, 'union'), DEADLINE_POLICY: policyFile });
    onTestFinished(() => union.close());
    await union.service.users.create({ agency: 'union', username: 'liaison', displayName: '联络员', password: PASSWORD, roles: ['liaison'] });
    const login = await fetch(`${union.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'liaison', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const opened = await fetch(`${union.url}/api/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        channel: 'hotline_12351',
        category: 'wage_arrears',
        summary: '工地拖欠农民工工资',
        employers: [{ name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' }],
        workerCount: 1,
        workers: [WORKER],
        amountClaimedFen: 1_000_000,
        region: '330106',
      }),
    });
    expect(opened.status).toBe(201);
    const { caseId } = (await opened.json()) as { caseId: string };

    const statusAt = async (env: Record<string, string>) => {
      const hub = await startHubServer({ ...common, ...env, CONSOLE_DIR: 'off', TRUST_STORE_KEYS: '1' });
      try {
        const res = await fetch(`${hub.url}/api/deadlines?caseId=${caseId}`, { headers: { authorization: `Bearer ${token}` } });
        const body = (await res.json()) as { upToDate: boolean; deadlines: { kind: string; status: string }[] };
        expect(body.upToDate).toBe(true);
        return { dueSoonDays: hub.hub.context.policy.dueSoonDays, status: body.deadlines.find((d) => d.kind === 'worker_feedback')?.status };
      } finally {
        await hub.close();
      }
    };
    expect(await statusAt({ DATA_DIR: join(dir, 'hub-a'), DEADLINE_POLICY: policyFile })).toEqual({ dueSoonDays: 10, status: 'due_soon' });
    expect(await statusAt({ DATA_DIR: join(dir, 'hub-b') })).toEqual({ dueSoonDays: 3, status: 'pending' });
  });

  it('given a bad calendar file, the hub does not start, and says where and what', async () => {
    const dir = folder();
    const calendarFile = join(dir, 'local.json');
    writeFileSync(calendarFile, '{\n  "year": 2027,\n  "holidays": [],\n  "workdays": ["2027-02-10"]\n}\n');
    const error = await startHubServer({
      EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`,
      DATA_DIR: dir,
      PORT: '0',
      CONSOLE_DIR: 'off',
      LOG_LEVEL: 'silent',
      TRUST_STORE_KEYS: '1',
      HOLIDAY_CALENDAR: calendarFile,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems[0]).toBe(
      `HOLIDAY_CALENDAR ${calendarFile}:4:16: 第 4 行第 16 列：2027-02-10 是周三，调休上班日只能是周六或周日 · line 4, column 16: workdays: 2027-02-10 is not a Saturday or Sunday (a working weekend day is listed, weekdays are worked anyway)`,
    );
  });
});
