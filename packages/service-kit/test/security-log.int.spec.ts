import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  beijingTime,
  csvField,
  entryHash,
  openLocalDb,
  SecurityLog,
  securityLogCsv,
  securityLogRetentionDays,
  SecurityLogSettingError,
  SqliteSqlDb,
  type SqlQueries,
  type SqlValue,
} from '../src/index.js';
import { migrate } from '../src/local-db.js';
import { MIGRATIONS, verifyChain } from '../src/security-log/chain.js';
import { ENGINES, openForTest, type EngineUnderTest } from './engines.js';
import { tempDir } from './helpers.js';

const ADMIN = { userId: 'u-admin', name: '王管理', agency: 'union' };

const some = async (log: SecurityLog, n: number) => {
  for (let i = 1; i <= n; i++)
    await log.record({ kind: 'user_created', actor: ADMIN, subject: `user-${i}`, sourceIp: '10.0.0.7', detail: { username: `u${i}` } });
};

describe.each(ENGINES)('SecurityLog on $name', (engine: EngineUnderTest) => {
  async function openLog(start = '2026-01-01T00:00:00Z') {
    const { db, tamper, replica } = await openForTest(engine);
    const clock = { now: new Date(start) };
    const log = await SecurityLog.open(db, () => clock.now);
    return { db, log, clock, tamper, replica };
  }

  it('given entries appended, when verified, then the chain holds: each entry names the hash before it and its own', async () => {
    const { log } = await openLog();
    await some(log, 3);
    const entries = await log.list({ limit: 10 });
    expect(entries.map((e) => e.seq)).toEqual([3, 2, 1]);
    expect(entries[2]!.prevHash).toBe('0'.repeat(64));
    expect(entries[1]!.prevHash).toBe(entries[2]!.hash);
    expect(entries[0]).toMatchObject({
      kind: 'user_created',
      actor: ADMIN,
      subject: 'user-3',
      sourceIp: '10.0.0.7',
      outcome: 'success',
      detail: { username: 'u3' },
    });
    expect(await log.verify()).toEqual({ ok: true, entries: 3, firstSeq: 1, lastSeq: 3, headHash: entries[0]!.hash });
  });

  it('given a row edited with plain SQL in the database, when verified, then it names that entry', async () => {
    const { log, tamper } = await openLog();
    await some(log, 5);
    await tamper("UPDATE security_log SET actor_name = '别人' WHERE seq = 3");
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') } });
  });

  it('given a row edited and its own hash recomputed, when verified, then the entry after it is named; a removed row is named too', async () => {
    const { log, tamper } = await openLog();
    await some(log, 4);
    const second = (await log.list({ limit: 1, before: 3 }))[0]!;
    const forged = { seq: 2, at: second.at, kind: second.kind, actor_id: 'someone-else', actor_name: second.actor.name, actor_agency: second.actor.agency };
    const rest = {
      subject: second.subject,
      source_ip: second.sourceIp,
      forwarded_for: second.forwardedFor,
      outcome: second.outcome,
      detail: JSON.stringify(second.detail),
      prev_hash: second.prevHash,
    };
    await tamper('UPDATE security_log SET actor_id = ?, hash = ? WHERE seq = 2', 'someone-else', entryHash({ ...forged, ...rest }));
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('previous hash') } });

    const { log: other, tamper: tamperOther } = await openLog();
    await some(other, 4);
    await tamperOther('DELETE FROM security_log WHERE seq = 3');
    expect(await other.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: 'entry 3 is missing' } });
  });

  it('given entries older than the retention, when pruned, then they go, a checkpoint stays and the chain still verifies', async () => {
    const { log, clock, tamper } = await openLog();
    await some(log, 3);
    clock.now = new Date('2026-05-01T00:00:00Z');
    await some(log, 2);
    clock.now = new Date('2026-07-15T00:00:00Z');
    expect(await log.prune(180)).toBe(3);
    const entries = await log.list({ limit: 10 });
    expect(entries.map((e) => e.seq)).toEqual([6, 5, 4]);
    expect(entries[0]).toMatchObject({ kind: 'log_pruned', detail: { throughSeq: 3, removed: 3, retentionDays: 180 } });
    expect(await log.verify()).toMatchObject({ ok: true, entries: 3, firstSeq: 4, lastSeq: 6 });
    // A later prune removes the first checkpoint too; its successor vouches for the new start.
    clock.now = new Date('2027-01-15T00:00:00Z');
    await log.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin' });
    expect(await log.prune(180)).toBe(3);
    expect(await log.verify()).toMatchObject({ ok: true, firstSeq: 7, lastSeq: 8 });
    // Removing the checkpoint (or what it accounts for) is seen.
    await tamper("DELETE FROM security_log WHERE kind = 'log_pruned'");
    expect(await log.verify()).toMatchObject({ ok: false, broken: { seq: 7, reason: expect.stringContaining('no log_pruned checkpoint') } });
  });

  it('given every entry older than the retention, when pruned, then the checkpoint takes the next seq and links to the last entry removed', async () => {
    const { log, clock } = await openLog();
    await some(log, 3);
    const removedHead = (await log.list({ limit: 1 }))[0]!;
    clock.now = new Date('2026-07-15T00:00:00Z');
    expect(await log.prune(180)).toBe(3);
    const [checkpoint, ...others] = await log.list({ limit: 10 });
    expect(others).toEqual([]);
    expect(checkpoint).toMatchObject({ seq: 4, kind: 'log_pruned', prevHash: removedHead.hash, detail: { throughSeq: 3, lastPrunedHash: removedHead.hash } });
    expect(await log.verify()).toEqual({ ok: true, entries: 1, firstSeq: 4, lastSeq: 4, headHash: checkpoint!.hash });
  });

  it('given a retention under six months, when set or used, then it is refused with a message that says why', async () => {
    const { log } = await openLog();
    await expect(log.prune(90)).rejects.toThrow(SecurityLogSettingError);
    expect(() => securityLogRetentionDays(undefined, { SECURITY_LOG_RETENTION_DAYS: '90' })).toThrow(/至少保存 180 天.*at least 180/);
    expect(() => securityLogRetentionDays(undefined, { SECURITY_LOG_RETENTION_DAYS: 'half a year' })).toThrow(SecurityLogSettingError);
    expect(securityLogRetentionDays(undefined, {})).toBe(180);
    expect(securityLogRetentionDays(undefined, { SECURITY_LOG_RETENTION_DAYS: '400' })).toBe(400);
  });

  it('given the lockout, when it locks and unlocks an account, then account_locked and account_unlocked name the user and what the caller adds', async () => {
    const { log } = await openLog();
    await log.accountLocked('union', { id: 'u-li', username: 'lilianluo' }, { failures: 5, until: '2026-01-01T00:30:00.000Z' });
    await log.accountUnlocked('union', { id: 'u-li', username: 'lilianluo' }, { by: 'time' });
    await log.accountLocked('union', { id: null, username: 'nobody' }, { failures: 5 });
    expect((await log.list({ limit: 10 })).reverse()).toMatchObject([
      { kind: 'account_locked', actor: { userId: null, agency: 'union' }, subject: 'user-u-li', detail: { username: 'lilianluo', failures: 5 } },
      { kind: 'account_unlocked', subject: 'user-u-li', detail: { username: 'lilianluo', by: 'time' } },
      { kind: 'account_locked', subject: 'username:nobody', detail: { username: 'nobody' } },
    ]);
    expect((await log.verify()).ok).toBe(true);
  });

  it('given entries, when filtered, then by kind, time, actor (also the username a failed sign-in tried) and page', async () => {
    const { log, clock } = await openLog('2026-12-07T01:30:00Z');
    await log.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin' });
    await log.record({
      kind: 'sign_in_failed',
      actor: { userId: null, name: null, agency: 'union' },
      subject: 'username:mallory',
      outcome: 'failure',
      detail: { username: 'mallory' },
    });
    clock.now = new Date('2026-12-08T01:30:00Z');
    await log.record({ kind: 'export', actor: { userId: 'u-aud', name: '赵审计', agency: 'procuratorate' }, subject: 'case-1' });
    expect((await log.list({ limit: 10, kinds: ['sign_in_failed'] })).map((e) => e.seq)).toEqual([2]);
    expect((await log.list({ limit: 10, from: '2026-12-08T00:00:00Z' })).map((e) => e.seq)).toEqual([3]);
    expect((await log.list({ limit: 10, to: '2026-12-08T00:00:00Z' })).map((e) => e.seq)).toEqual([2, 1]);
    expect((await log.list({ limit: 10, actor: 'mallory' })).map((e) => e.seq)).toEqual([2]);
    expect((await log.list({ limit: 10, actor: '审计' })).map((e) => e.seq)).toEqual([3]);
    expect((await log.list({ limit: 10, agency: 'procuratorate' })).map((e) => e.seq)).toEqual([3]);
    expect((await log.list({ limit: 2 })).map((e) => e.seq)).toEqual([3, 2]);
    expect((await log.list({ limit: 2, before: 2 })).map((e) => e.seq)).toEqual([1]);
  });

  it('given entries, when written as CSV, then Chinese headers, Beijing times, kinds in words and no formula a spreadsheet would run', async () => {
    const { log } = await openLog('2026-12-07T01:30:00Z');
    await log.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin', sourceIp: '10.0.0.7' });
    await log.record({
      kind: 'sign_in_failed',
      actor: { userId: null, name: null, agency: 'union' },
      subject: 'username:=cmd',
      outcome: 'failure',
      detail: { username: '=cmd' },
    });
    const csv = securityLogCsv((await log.list({ limit: 10 })).reverse());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\ufeff序号,时间（北京时间）,事件,结果,操作人,操作人编号,所属机构,对象,来源地址,转发来源,详情,哈希');
    expect(lines[1]).toMatch(/^1,2026年12月7日 09:30,登录成功,成功,王管理,u-admin,工会,user-u-admin,10\.0\.0\.7,,,[0-9a-f]{64}$/);
    expect(lines[2]).toMatch(/^2,2026年12月7日 09:30,登录失败,失败,（尝试的用户名）=cmd,,工会,username:=cmd,,,"{""username"":""=cmd""}",[0-9a-f]{64}$/);
    expect(lines[3]).toBe('');
    expect(beijingTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
    // What a person typed never starts a field unguarded: a spreadsheet would run `=…`, `+…`, `-…`, `@…`.
    expect(['=cmd|calc', '+1', '-2', '@SUM(A1)', 'a,b'].map(csvField)).toEqual(["'=cmd|calc", "'+1", "'-2", "'@SUM(A1)", '"a,b"']);
  });

  it('given a deployment switched from CRYPTO_SUITE=intl to gm, then old entries stay sha256, new ones are chained with SM3, the whole log verifies and a relabel is named', async () => {
    const { db, tamper } = await openForTest(engine);
    const intl = await SecurityLog.open(db, () => new Date('2026-01-01T00:00:00Z'), 'sha256');
    await some(intl, 2);
    const gm = await SecurityLog.open(db, () => new Date('2026-02-01T00:00:00Z'), 'sm3');
    await some(gm, 2);
    const rows = await db.all<{ seq: number; hash_alg: string; hash: string; prev_hash: string }>(
      'SELECT seq, hash_alg, hash, prev_hash FROM security_log ORDER BY seq',
    );
    expect(rows.map((r) => [r.seq, r.hash_alg])).toEqual([
      [1, 'sha256'],
      [2, 'sha256'],
      [3, 'sm3'],
      [4, 'sm3'],
    ]);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    expect(await gm.verify()).toMatchObject({ ok: true, entries: 4, headHash: rows[3]!.hash });
    await tamper("UPDATE security_log SET hash_alg = 'sha256' WHERE seq = 4");
    expect(await gm.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: expect.stringContaining('edited') } });
    await tamper("UPDATE security_log SET hash_alg = 'md5' WHERE seq = 4");
    expect(await gm.verify()).toMatchObject({ ok: false, broken: { seq: 4, reason: expect.stringContaining('"md5" is unknown') } });
  });

  it('given two replicas of the service over one database appending at once, then every entry links to the one before it: no fork, no gap, the chain verifies', async () => {
    const { db, replica } = await openForTest(engine);
    const clock = () => new Date('2026-03-01T00:00:00Z');
    const one = await SecurityLog.open(db, clock);
    const two = await SecurityLog.open(replica(), clock);
    const appended = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 2 === 0 ? one : two).record({ kind: 'sign_in', actor: ADMIN, subject: `user-${i}`, detail: { replica: i % 2 === 0 ? 'one' : 'two' } }),
      ),
    );
    expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    const entries = (await one.list({ limit: 100 })).reverse();
    expect(entries).toHaveLength(60);
    // A fork would show as two entries naming the same previous hash.
    expect(new Set(entries.map((e) => e.prevHash)).size).toBe(60);
    for (const [i, e] of entries.entries()) expect(e.prevHash).toBe(i === 0 ? '0'.repeat(64) : entries[i - 1]!.hash);
    expect(new Set(entries.map((e) => e.detail['replica']))).toEqual(new Set(['one', 'two']));
    expect(await one.verify()).toEqual({ ok: true, entries: 60, firstSeq: 1, lastSeq: 60, headHash: entries[59]!.hash });
    expect(await two.verify()).toEqual(await one.verify());
  });

  it('given two replicas starting together, when both prune while appending, then entries are removed once, one checkpoint is written and the chain verifies', async () => {
    const { db, replica } = await openForTest(engine);
    const clock = { now: new Date('2026-01-01T00:00:00Z') };
    const one = await SecurityLog.open(db, () => clock.now);
    const two = await SecurityLog.open(replica(), () => clock.now);
    await some(one, 4);
    clock.now = new Date('2026-07-15T00:00:00Z');
    const [a, , b] = await Promise.all([
      one.prune(180),
      two.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin' }),
      two.prune(180),
      one.record({ kind: 'sign_out', actor: ADMIN, subject: 'user-u-admin' }),
    ]);
    expect([a, b].sort()).toEqual([0, 4]);
    const entries = await one.list({ limit: 10 });
    expect(entries.filter((e) => e.kind === 'log_pruned')).toHaveLength(1);
    expect(entries).toHaveLength(3);
    expect(await two.verify()).toMatchObject({ ok: true, entries: 3, firstSeq: 5, lastSeq: 7 });
  });

  it('given a chain longer than a page, when verified a page at a time, then it holds across pages and a break at a page boundary is named', async () => {
    const { db, log, tamper } = await openLog();
    await some(log, 7);
    const head = (await log.list({ limit: 1 }))[0]!.hash;
    expect(await verifyChain(db, 2)).toEqual({ ok: true, entries: 7, firstSeq: 1, lastSeq: 7, headHash: head });
    expect(await verifyChain(db, 3)).toEqual(await log.verify());
    await tamper('DELETE FROM security_log WHERE seq = 5');
    expect(await verifyChain(db, 2)).toMatchObject({ ok: false, broken: { seq: 5, reason: 'entry 5 is missing' } });
  });

  it('given a prune removing entries ahead of a verification under way, then the walk starts again from the checkpoint rather than calling the chain broken', async () => {
    const { db, log, clock } = await openLog();
    await some(log, 3);
    clock.now = new Date('2026-05-01T00:00:00Z');
    await some(log, 2);
    clock.now = new Date('2026-07-15T00:00:00Z');
    let pruned: number | undefined;
    // The prune lands after the walk has read its first page (entries 1 and 2).
    const racing: SqlQueries = {
      engine: db.engine,
      get: (sql, params) => db.get(sql, params),
      run: (sql, params) => db.run(sql, params),
      all: async <T>(sql: string, params?: readonly SqlValue[]) => {
        const rows = await db.all<T>(sql, params);
        if (pruned === undefined && sql.startsWith('SELECT * FROM security_log WHERE seq > ?')) pruned = await log.prune(180);
        return rows;
      },
    };
    expect(await verifyChain(racing, 2)).toMatchObject({ ok: true, entries: 3, firstSeq: 4, lastSeq: 6 });
    expect(pruned).toBe(3);
  });
});

if (!process.env['DATABASE_URL']) it.skip('SecurityLog on PostgreSQL: skipped, DATABASE_URL is not set', () => {});

describe('SecurityLog in a SQLite file written by earlier versions', () => {
  it('given a log from before the hash_alg column and a deployment switched to CRYPTO_SUITE=gm, then old entries stay sha256, new ones are chained with SM3, the whole log verifies and an edit or relabel is still named', async () => {
    const { dir, cleanup } = tempDir();
    onTestFinished(cleanup);
    const path = join(dir, 'union.local.db');
    const db = openLocalDb(path);
    onTestFinished(() => {
      db.close();
    });
    // The table as it was before this column, with two entries written then (sha256, as before).
    migrate(db, 'security-log', MIGRATIONS.sqlite.slice(0, 2));
    let prev = '0'.repeat(64);
    for (const seq of [1, 2]) {
      const row = {
        seq,
        at: `2026-01-0${seq}T00:00:00.000Z`,
        kind: 'user_created' as const,
        actor_id: ADMIN.userId,
        actor_name: ADMIN.name,
        actor_agency: ADMIN.agency,
        subject: `user-${seq}`,
        source_ip: null,
        forwarded_for: null,
        outcome: 'success' as const,
        detail: '{}',
        prev_hash: prev,
      };
      prev = entryHash(row);
      db.prepare(
        `INSERT INTO security_log (seq, at, kind, actor_id, actor_name, actor_agency, subject, source_ip, forwarded_for, outcome, detail, prev_hash, hash)
         VALUES (@seq, @at, @kind, @actor_id, @actor_name, @actor_agency, @subject, @source_ip, @forwarded_for, @outcome, @detail, @prev_hash, @hash)`,
      ).run({ ...row, hash: prev });
    }
    const gm = await SecurityLog.open(new SqliteSqlDb(db), () => new Date('2026-02-01T00:00:00Z'), 'sm3');
    await some(gm, 2);
    const rows = db.prepare('SELECT seq, hash_alg, hash, prev_hash FROM security_log ORDER BY seq').all() as {
      seq: number;
      hash_alg: string;
      hash: string;
      prev_hash: string;
    }[];
    expect(rows.map((r) => r.hash_alg)).toEqual(['sha256', 'sha256', 'sm3', 'sm3']);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    // An SM3 entry's hash, recomputed here with node's own sm3 over its fields and the algorithm's name.
    const third = (await gm.list({ limit: 1, before: 4 }))[0]!;
    const fields = [
      3,
      third.at,
      third.kind,
      ADMIN.userId,
      ADMIN.name,
      ADMIN.agency,
      'user-1',
      '10.0.0.7',
      null,
      'success',
      JSON.stringify(third.detail),
      rows[1]!.hash,
      'sm3',
    ];
    expect(third.hash).toBe(createHash('sm3').update(JSON.stringify(fields)).digest('hex'));
    expect(await gm.verify()).toMatchObject({ ok: true, entries: 4, headHash: rows[3]!.hash });

    const raw = new Database(path);
    try {
      raw.prepare("UPDATE security_log SET subject = 'user-x' WHERE seq = 3").run();
      expect(await gm.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') } });
      raw.prepare("UPDATE security_log SET subject = 'user-1', hash_alg = 'sha256' WHERE seq = 3").run();
      expect(await gm.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') } });
      raw.prepare("UPDATE security_log SET hash_alg = 'md5' WHERE seq = 3").run();
      expect(await gm.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('"md5" is unknown') } });
      raw.prepare("UPDATE security_log SET hash_alg = 'sm3' WHERE seq = 3").run();
      expect(await gm.verify()).toMatchObject({ ok: true, entries: 4 });
    } finally {
      raw.close();
    }
  });
});
