import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OCCURRED_AT } from '@hub/contracts';
import { ConfigError } from '@hub/service-kit';
import { runMain } from './support/run-main.js';
import { describe, expect, it, onTestFinished } from 'vitest';
import { startAgencyServer, type RunningAgencyServer } from '../src/index.js';
import { openCaseBody, PASSWORD, request, streamOf } from './support.js';

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'deployment-data-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The settings of a real service started from its environment, with these deployment files. */
function settings(dir: string, files: Record<string, string>): Record<string, string> {
  return {
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    EVENT_STORE_URL: `sqlite:${join(dir, 'hub.db')}`,
    LOG_LEVEL: 'silent',
    HUB_VAULT_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...files,
  };
}

/** Starts the union service as its main does (startAgencyServer from env), signs in a liaison. */
async function startUnion(env: Record<string, string>): Promise<{ running: RunningAgencyServer; api: ReturnType<typeof request> }> {
  const running = await startAgencyServer('union', env);
  onTestFinished(() => running.close());
  await running.service.users.create({ agency: 'union', username: 'liaison', displayName: '联络员', password: PASSWORD, roles: ['liaison'] });
  const login = await request(running.url)('POST', '/api/session', { username: 'liaison', password: PASSWORD });
  expect(login.status).toBe(201);
  return { running, api: request(running.url, login.body.token as string) };
}

/** Given a service, when a case is opened as having happened at `occurredAt`, then the feedback deadline it recorded. */
async function feedbackDueOfCaseOpenedAt(service: Awaited<ReturnType<typeof startUnion>>, occurredAt: string): Promise<string> {
  const opened = await service.api('POST', '/api/cases', { ...openCaseBody(), occurredAt });
  expect(opened.status, JSON.stringify(opened.body)).toBe(201);
  const [event] = await streamOf(service.running.store, opened.body.caseId as string);
  expect(event!.metadata[OCCURRED_AT]).toBe(occurredAt);
  const read = await service.api('GET', `/api/cases/${opened.body.caseId}`);
  const due = (event!.data as { workerFeedbackDueAt: string }).workerFeedbackDueAt;
  // What people see is what was recorded.
  expect(read.body.deadlines.find((d: { kind: string }) => d.kind === 'worker_feedback')?.dueAt).toBe(due);
  return due;
}

describe('deployment data: the deadline policy and the holiday calendar come from files (issue 13.7)', () => {
  it('given DEADLINE_POLICY with a 2-hour feedback period, when a real service opens a case, then the worker is owed feedback 2 hours after, not 24', async () => {
    const dir = folder();
    const policyFile = join(dir, 'deadline-policy.json');
    writeFileSync(policyFile, JSON.stringify({ note: '本市：2 小时内回复', workerFeedback: { amount: 2, unit: 'hours' } }, null, 2));
    const union = await startUnion(settings(dir, { DEADLINE_POLICY: policyFile }));
    expect(union.running.service.agency).toBe('union');
    const due = await feedbackDueOfCaseOpenedAt(union, '2026-11-03T02:00:00.000Z');
    expect(due).toBe('2026-11-03T04:00:00.000Z');
  });

  it('given a custom holiday beside the national calendar, when a case is opened the day before it, then a working-day deadline moves past it (and past 国庆)', async () => {
    const dir = folder();
    const policyFile = join(dir, 'deadline-policy.json');
    writeFileSync(policyFile, JSON.stringify({ workerFeedback: { amount: 1, unit: 'working_days' } }));
    const localFile = join(dir, 'local-2026.json');
    writeFileSync(localFile, JSON.stringify({ year: 2026, source: '本地规定（测试）', holidays: [{ name: '地方假日', date: '2026-09-30' }] }, null, 2));
    // 2026-09-29, a Tuesday, 10:00 in Beijing.
    const opened = '2026-09-29T02:00:00.000Z';

    const national = await startUnion(settings(join(dir, 'a'), { DEADLINE_POLICY: policyFile }));
    expect(await feedbackDueOfCaseOpenedAt(national, opened)).toBe('2026-09-30T15:59:59.999Z'); // the end of Wednesday 9-30

    const withLocal = await startUnion(settings(join(dir, 'b'), { DEADLINE_POLICY: policyFile, HOLIDAY_CALENDAR: `national,${localFile}` }));
    // 9-30 rests by the local file, 10-1…10-7 by the national one: the next working day is Thursday 10-8.
    expect(await feedbackDueOfCaseOpenedAt(withLocal, opened)).toBe('2026-10-08T15:59:59.999Z');

    const localOnly = await startUnion(settings(join(dir, 'c'), { DEADLINE_POLICY: policyFile, HOLIDAY_CALENDAR: localFile }));
    // Without the national calendar, 国庆 is no holiday: Thursday 10-1 is the next working day.
    expect(await feedbackDueOfCaseOpenedAt(localOnly, opened)).toBe('2026-10-01T15:59:59.999Z');
  });

  it('given a bad file, when the service is started from its environment, then it refuses with the file, line, column and what is wrong', async () => {
    const dir = folder();
    const policyFile = join(dir, 'deadline-policy.json');
    writeFileSync(policyFile, '{\n  "workerFeedback": { "amount": 24, "unit": "weeks" }\n}\n');
    const error = await startAgencyServer('union', settings(dir, { DEADLINE_POLICY: policyFile })).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringContaining(`DEADLINE_POLICY ${policyFile}:2:45: 第 2 行第 45 列：workerFeedback.unit 只能是`),
    ]);
    expect((error as ConfigError).problems[0]).toContain(
      'line 2, column 45: workerFeedback.unit must be one of hours, calendar_days, working_days, months, not "weeks"',
    );
  });

  it('given the shipped calendars (2027 provisional), the service process says so once at start, then listens', { timeout: 60_000 }, async () => {
    const dir = folder();
    const run = await runMain({ ...settings(dir, {}), LOG_LEVEL: 'info' }, /listening on/);
    const lines = run.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    const provisional = lines.filter((l) => l.msg.includes('holiday calendar is provisional'));
    expect(provisional).toHaveLength(1);
    expect(provisional[0]).toMatchObject({ level: 40 });
    expect(provisional[0]!.msg).toContain('节假日日历 2027 年为暂定（packages/case-domain/calendars/prc-2027.json）');
    // The warning comes before the service listens (it is said at start, not on first use).
    const listening = lines.findIndex((l) => /listening on/.test(l.msg));
    expect(listening).toBeGreaterThan(lines.indexOf(provisional[0]!));
    expect(run.stderr).toBe('');
  });

  it('given a bad file, the service process exits 1 with the plain message on stderr and no stack trace (policy, then calendar)', {
    timeout: 90_000,
  }, async () => {
    const dir = folder();
    const policyFile = join(dir, 'deadline-policy.json');
    writeFileSync(policyFile, '{\n  "workerFeedback": { "amount": 24, "unit": "hours" },\n}\n');
    const policy = await runMain(settings(dir, { DEADLINE_POLICY: policyFile }));
    expect(policy.code).toBe(1);
    expect(policy.stderr).toContain('union: 配置有误，未启动 · invalid configuration, not started:');
    expect(policy.stderr).toContain(`DEADLINE_POLICY ${policyFile}:2:54: 第 2 行第 54 列：} 前多余的逗号 · line 2, column 54: trailing comma before }`);
    expect(policy.stderr).not.toMatch(/^\s+at /m);

    const calendarFile = join(dir, 'prc-2027.json');
    writeFileSync(calendarFile, '{\n  "year": 2027,\n  "holidays": ["2027-02-05", "2027-02-29"]\n}\n');
    const calendar = await runMain(settings(dir, { HOLIDAY_CALENDAR: `national,${calendarFile}` }));
    expect(calendar.code).toBe(1);
    expect(calendar.stderr).toContain(`HOLIDAY_CALENDAR ${calendarFile}:3:30: 第 3 行第 30 列：`);
    expect(calendar.stderr).toContain('not a date YYYY-MM-DD (or no such day): "2027-02-29"');
    expect(calendar.stderr).not.toMatch(/^\s+at /m);
    expect(calendar.stdout).not.toContain('listening');
  });
});
