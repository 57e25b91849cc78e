import { join } from 'node:path';
import Database from 'better-sqlite3';
import { localDbPath } from '@hub/service-kit';
import { describe, expect, it } from 'vitest';
import { auditFixture, caseWithHistory } from '../audit/support.js';

describe("the hub's security log", () => {
  it('given a case exported, when an auditor reads the log, then the export is there naming who, which case and the format; CSV and verify answer', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    const auditor = await fx.token('court', ['auditor'], 'court-auditor-1');
    const exported = await fx.request('GET', `/api/cases/${caseId}/export?format=json`, auditor);
    expect(exported.status).toBe(200);

    const log = await fx.request('GET', '/api/admin/security-log?kind=export', auditor);
    expect(log.status).toBe(200);
    expect(log.body.entries).toMatchObject([
      {
        seq: 1,
        kind: 'export',
        outcome: 'success',
        actor: { userId: 'court-auditor-1', name: 'court auditor', agency: 'court' },
        subject: `case-${caseId}`,
        detail: { format: 'json', verified: true },
      },
    ]);
    expect((await fx.request('GET', '/api/admin/security-log/verify', auditor)).body).toMatchObject({ ok: true, entries: 1, lastSeq: 1 });

    const csv = await fetch(`${fx.url}/api/admin/security-log.csv`, { headers: { authorization: `Bearer ${auditor}` } });
    expect(csv.status).toBe(200);
    const [header, row] = Buffer.from(await csv.arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .split('\r\n');
    expect(header).toBe('序号,时间（北京时间）,事件,结果,操作人,操作人编号,所属机构,对象,来源地址,转发来源,详情,哈希');
    expect(row).toMatch(new RegExp(`^1,\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2},导出案件,成功,court auditor,court-auditor-1,人民法院,case-${caseId},`));
  });

  it('given exports by two agencies, when an admin reads, then only their own agency’s; a liaison gets 403; an edit in the file is named', async () => {
    const fx = await auditFixture();
    const { caseId } = await caseWithHistory(fx);
    for (const agency of ['court', 'union'] as const) {
      const token = await fx.token(agency, ['auditor']);
      expect((await fx.request('GET', `/api/cases/${caseId}/export?format=json`, token)).status).toBe(200);
    }
    const unionAdmin = await fx.token('union', ['admin']);
    const mine = await fx.request('GET', '/api/admin/security-log', unionAdmin);
    expect(mine.body.entries.map((e: { actor: { agency: string } }) => e.actor.agency)).toEqual(['union']);
    const liaison = await fx.token('union', ['liaison']);
    for (const path of ['/api/admin/security-log', '/api/admin/security-log.csv', '/api/admin/security-log/verify'])
      expect((await fx.request('GET', path, liaison)).status, path).toBe(403);

    const raw = new Database(localDbPath(join(fx.dir, 'hub'), 'hub'));
    try {
      raw.prepare("UPDATE security_log SET subject = 'case-other' WHERE seq = 1").run();
    } finally {
      raw.close();
    }
    expect((await fx.request('GET', '/api/admin/security-log/verify', unionAdmin)).body).toMatchObject({ ok: false, broken: { seq: 1 } });
  });
});
