/**
 * Run as a child process by one-commit-kill.int.spec.ts: an agency service (the union's) over the
 * SQLite store at argv[2], with its files under argv[3], driving its own HTTP API as fast as it
 * answers with four clients at once (open a case, then feedback on it, and early warnings). It
 * prints `sent` before each request and `ack <status>` after each answer, so the parent knows what
 * was in flight when it kills this process with SIGKILL (no cleanup, as a power cut or an OOM kill).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SqliteEventStore } from '@hub/event-store';
import { createLogger } from '@hub/service-kit';
import { createAgencyService } from '../../src/index.js';

const [storePath, dataDir] = process.argv.slice(2);
if (!storePath || !dataDir) throw new Error('usage: command-child <store path> <data dir>');

const store = new SqliteEventStore({ path: storePath });
const service = await createAgencyService({
  agency: 'union',
  store,
  dataDir,
  logger: createLogger({ name: 'child', level: 'silent' }),
  vaultKey: Buffer.alloc(32, 1),
  repairAtStartup: false,
  witnessIntervalMs: 0,
});
const server = service.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const username = `u${randomUUID().slice(0, 8)}`;
const password = '正确的密码-Correct-Horse-9';
await service.users.create({ agency: 'union', username, displayName: '测试联络员', password, roles: ['liaison'] });
const login = await fetch(`${url}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password }),
});
const { token } = (await login.json()) as { token: string };

const write = (line: string) => process.stdout.write(`${line}\n`);
async function post(path: string, body: unknown): Promise<any> {
  write('sent');
  const res = await fetch(url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  write(`ack ${res.status}`);
  return text ? JSON.parse(text) : undefined;
}

const employer = { name: '某建筑劳务有限公司', uscc: '91330106MA2KQ7T39F' };
async function client(n: number): Promise<never> {
  for (let i = 0; ; i++) {
    const opened = await post('/api/cases', {
      channel: 'hotline_12351',
      category: 'wage_arrears',
      summary: `工地拖欠农民工工资 ${n}-${i}`,
      employers: [employer],
      workerCount: 3,
      workers: [{ name: `张三${n}-${i}`, idNumber: '330106199003071236', phone: '13812345678' }],
      amountClaimedFen: 3_600_000,
      region: '330106',
    });
    for (let k = 0; k < 3; k++) await post(`/api/cases/${opened.caseId}/give-worker-feedback`, { channel: 'phone', summary: `已电话告知 ${k}` });
    await post('/api/warnings', { employer, level: 'orange', reasons: ['连续 2 个月未发放工资'], region: '330106' });
  }
}

write('ready');
await Promise.all([client(0), client(1), client(2), client(3)]);
