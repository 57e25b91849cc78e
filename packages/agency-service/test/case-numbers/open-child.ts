/**
 * Run as a child process by case-numbers-concurrency.int.spec.ts: one union service on the store
 * at argv[2] (sqlite:… or postgres://…), its own data dir argv[3], opening `count` cases through
 * its HTTP API, four requests in flight at once. It waits for `go` on stdin so both services
 * start together, and prints the numbers it was answered as one JSON line.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInterface } from 'node:readline';
import { connect } from '@hub/event-store';
import { createLogger } from '@hub/service-kit';
import { createAgencyService } from '../../src/index.js';
import { openCaseBody, PASSWORD } from '../support.js';

const [url, dataDir, countText] = process.argv.slice(2);
if (!url || !dataDir || !countText) throw new Error('usage: open-child <store url> <data dir> <count>');
const store = await connect(url);
const service = await createAgencyService({
  agency: 'union',
  store,
  dataDir,
  logger: createLogger({ name: 'child', level: 'silent' }),
  vaultKey: Buffer.alloc(32, 1),
  repairAtStartup: false,
  completeOpeningsAtStartup: false,
  witnessIntervalMs: 0,
});
const server = service.app.listen(0, '127.0.0.1');
await new Promise((resolve) => server.once('listening', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const username = `u${randomUUID().slice(0, 8)}`;
await service.users.create({ agency: 'union', username, displayName: '测试联络员', password: PASSWORD, roles: ['liaison'] });
const login = await fetch(`${base}/api/session`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ username, password: PASSWORD }),
});
const { token } = (await login.json()) as { token: string };

process.stdout.write('ready\n');
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once('line', () => resolve()));
const answers: { status: number; caseId: string; caseNumber: string }[] = [];
let left = Number(countText);
await Promise.all(
  Array.from({ length: 4 }, async () => {
    while (left-- > 0) {
      const res = await fetch(`${base}/api/cases`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(openCaseBody()),
      });
      const body = (await res.json()) as { caseId: string; caseNumber: string };
      answers.push({ status: res.status, caseId: body.caseId, caseNumber: body.caseNumber });
    }
  }),
);
await new Promise((resolve) => server.close(resolve));
await service.close();
await store.close();
process.stdout.write(`${JSON.stringify(answers)}\n`);
