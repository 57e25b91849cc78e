import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { KeyRing, SqliteSqlDb } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { DirectoryDocumentStore } from '../src/documents/index.js';
import { agencyPaths } from '../src/paths.js';
import type { Role } from '@hub/contracts';
import { pdf } from './support/files.js';
import { env, openCaseBody, PASSWORD, request, type Booted } from './support.js';

type Entry = {
  seq: number;
  kind: string;
  actor: { userId: string | null; name: string | null; agency: string | null };
  subject: string;
  sourceIp: string | null;
  outcome: string;
  detail: Record<string, unknown>;
};

/** A signed-in person of the booted agency: a JSON client and the token for raw fetches. */
async function person(booted: Booted, roles: Role[], displayName = `测试${roles.join('')}`) {
  const agency = booted.service.agency;
  const username = `u${randomUUID().slice(0, 8)}`;
  const user = await booted.service.users.create({ agency, username, displayName, password: PASSWORD, roles });
  const token = (await request(booted.url)('POST', '/api/session', { username, password: PASSWORD })).body.token as string;
  return { user, token, api: request(booted.url, token), auth: { authorization: `Bearer ${token}` } };
}

/** The log as an auditor of the agency reads it, oldest first. */
async function entries(booted: Booted, query = ''): Promise<Entry[]> {
  const auditor = await booted.as(['auditor']);
  const res = await auditor('GET', `/api/admin/security-log?limit=1000${query}`);
  expect(res.status).toBe(200);
  return (res.body.entries as Entry[]).reverse();
}

describe('the security log of an agency service', () => {
  it('given sign-ins through the real route, when one succeeds and one fails, then both are logged with the username tried and never the password', async () => {
    const e = env();
    const dataDir = join(e.dir, 'svc-union');
    const union = await e.boot('union', { dataDir });
    const user = await union.service.users.create({ agency: 'union', username: 'lilianluo', displayName: '李联络', password: PASSWORD, roles: ['liaison'] });
    const anonymous = request(union.url);
    expect((await anonymous('POST', '/api/session', { username: 'lilianluo', password: PASSWORD })).status).toBe(201);
    const tried = `猜的密码-${randomUUID()}`;
    // As through the hub's gateway: the peer is the proxy, X-Forwarded-For names the browser (kept as claimed).
    expect((await anonymous('POST', '/api/session', { username: 'lilianluo', password: tried }, { 'x-forwarded-for': '203.0.113.9' })).status).toBe(401);
    expect((await anonymous('POST', '/api/session', { username: 'nobody-here', password: tried })).status).toBe(401);

    const log = await entries(union, '&kind=sign_in,sign_in_failed');
    expect(log.slice(0, 3)).toMatchObject([
      {
        kind: 'sign_in',
        outcome: 'success',
        actor: { userId: user.id, name: '李联络', agency: 'union' },
        subject: `user-${user.id}`,
        sourceIp: expect.stringContaining('127.0.0.1'),
        forwardedFor: null,
      },
      {
        kind: 'sign_in_failed',
        outcome: 'failure',
        actor: { userId: null, agency: 'union' },
        subject: 'username:lilianluo',
        forwardedFor: '203.0.113.9',
        detail: { username: 'lilianluo' },
      },
      { kind: 'sign_in_failed', outcome: 'failure', subject: 'username:nobody-here', detail: { username: 'nobody-here' } },
    ]);
    // Not in any row of the real file.
    const raw = new Database(agencyPaths(dataDir, 'union').localDb, { readonly: true });
    try {
      const rows = JSON.stringify(raw.prepare('SELECT * FROM security_log').all());
      expect(rows).toContain('nobody-here');
      expect(rows).not.toContain(tried);
      expect(rows).not.toContain(PASSWORD);
    } finally {
      raw.close();
    }
  });

  it('given an admin, when they create a user and a service account and issue it a key, then each change is logged naming the admin', async () => {
    const e = env();
    const union = await e.boot('union');
    const admin = await union.as(['admin']);
    const created = await admin('POST', '/api/admin/users', { username: 'xinren', displayName: '新人', password: PASSWORD, roles: ['liaison', 'secretary'] });
    expect(created.status).toBe(201);
    const account = await admin('POST', '/api/admin/service-accounts', { name: '数据对接', roles: ['liaison'] });
    expect((await admin('POST', `/api/admin/service-accounts/${account.body.account.id}/keys`)).status).toBe(201);

    const log = (await entries(union)).filter((x) => ['user_created', 'service_account_created', 'api_key_issued'].includes(x.kind));
    expect(log).toMatchObject([
      {
        kind: 'user_created',
        actor: { name: '测试admin', agency: 'union' },
        subject: `user-${created.body.id}`,
        detail: { username: 'xinren', roles: ['liaison', 'secretary'] },
      },
      { kind: 'service_account_created', subject: `service-account-${account.body.account.id}`, detail: { roles: ['liaison'] } },
      { kind: 'api_key_issued', subject: `service-account-${account.body.account.id}` },
    ]);
    expect(JSON.stringify(log)).not.toContain(account.body.apiKey);
  });

  it('given a retention under six months, when the service starts, then it refuses with a message naming the setting', async () => {
    const e = env();
    await expect(e.boot('union', { securityLogRetentionDays: 90 })).rejects.toThrow(/SECURITY_LOG_RETENTION_DAYS must be a whole number of days, at least 180/);
  });

  it('given the key ring, when the service first starts and again after a key was rotated, then key_published and key_rotated are logged once each', async () => {
    const e = env();
    const dataDir = join(e.dir, 'svc-union');
    const first = await e.boot('union', { dataDir });
    const published = (await entries(first)).filter((x) => x.kind.startsWith('key_'));
    expect(published.map((x) => [x.kind, x.detail['purpose']])).toEqual([
      ['key_published', 'events'],
      ['key_published', 'sessions'],
    ]);
    await first.service.close();

    const db = SqliteSqlDb.open(agencyPaths(dataDir, 'union').localDb);
    // The key ring as the service opens it: its private keys are sealed under the service's key-encryption key.
    const kek = Buffer.alloc(32, 1);
    const previous = (await (await KeyRing.open(db, undefined, kek)).current('events')).keyId;
    const rotated = (await (await KeyRing.open(db, undefined, kek)).rotate('events')).keyId;
    await db.close();
    const again = await e.boot('union', { dataDir });
    const keys = (await entries(again)).filter((x) => x.kind.startsWith('key_'));
    expect(keys.map((x) => x.kind)).toEqual(['key_published', 'key_published', 'key_rotated']);
    expect(keys[2]).toMatchObject({ subject: `key-${rotated}`, detail: { purpose: 'events', keyId: rotated, replaces: previous } });
  });

  it('given a case with a document, when it is downloaded and a worker revealed, then both are logged', async () => {
    const e = env();
    const union = await e.boot('union', { documents: new DirectoryDocumentStore(join(e.dir, 'documents')) });
    const liaison = await person(union, ['liaison'], '李联络');
    const { caseId } = (await liaison.api('POST', '/api/cases', openCaseBody())).body;
    const worker = (await liaison.api('GET', `/api/cases/${caseId}`)).body.workers[0];
    expect((await liaison.api('POST', `/api/cases/${caseId}/workers/${worker.workerId}/reveal`)).status).toBe(200);
    const up = await fetch(`${union.url}/api/cases/${caseId}/documents?fileName=${encodeURIComponent('工资表.pdf')}&kind=evidence`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream', ...liaison.auth },
      body: pdf('工资表'),
    });
    expect(up.status).toBe(201);
    const { documentId } = (await up.json()) as { documentId: string };
    expect((await fetch(`${union.url}/api/cases/${caseId}/documents/${documentId}`, { headers: liaison.auth })).status).toBe(200);

    const log = (await entries(union)).filter((x) => ['reveal_personal_data', 'download_document'].includes(x.kind));
    expect(log).toMatchObject([
      {
        kind: 'reveal_personal_data',
        subject: `case-${caseId}`,
        actor: { userId: liaison.user.id, name: '李联络', agency: 'union' },
        detail: { workers: [worker.workerId], fields: ['name', 'idNumber', 'phone'] },
      },
      { kind: 'download_document', subject: `case-${caseId}`, actor: { userId: liaison.user.id }, detail: { documentId } },
    ]);
  });

  it('given the routes, when a liaison or another agency’s admin asks, then 403; the agency’s admin gets the CSV and the verification', async () => {
    const e = env();
    const union = await e.boot('union');
    const procuratorate = await e.boot('procuratorate');
    const liaison = await person(union, ['liaison']);
    // A procuratorate admin's session is not even accepted by the union's service (its own sessions only).
    const foreign = await person(procuratorate, ['admin']);
    for (const path of ['/api/admin/security-log', '/api/admin/security-log.csv', '/api/admin/security-log/verify']) {
      expect((await fetch(union.url + path, { headers: liaison.auth })).status, path).toBe(403);
      expect((await fetch(union.url + path, { headers: foreign.auth })).status, path).toBe(401);
    }

    const admin = await person(union, ['admin']);
    expect((await admin.api('GET', '/api/admin/security-log?kind=no_such_kind')).status).toBe(400);
    expect((await admin.api('GET', '/api/admin/security-log/verify')).body).toMatchObject({ ok: true, firstSeq: 1 });
    const csv = await fetch(`${union.url}/api/admin/security-log.csv?kind=sign_in`, { headers: admin.auth });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so Excel reads the Chinese as UTF-8 (fetch's text() would drop it).
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('序号,时间（北京时间）,事件,结果,操作人,操作人编号,所属机构,对象,来源地址,转发来源,详情,哈希');
    // The liaison's and the admin's sign-ins (the procuratorate's was at its own service), oldest first.
    expect(lines.slice(1, -1).map((l) => l.split(',').slice(2, 7))).toEqual([
      ['登录成功', '成功', '测试liaison', liaison.user.id, '工会'],
      ['登录成功', '成功', '测试admin', admin.user.id, '工会'],
    ]);
    for (const line of lines.slice(1, -1)) expect(line).toMatch(/^\d+,\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2},/);
  });
});
