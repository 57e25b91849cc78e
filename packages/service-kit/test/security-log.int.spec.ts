import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it, onTestFinished } from 'vitest';
import { beijingTime, csvField, entryHash, openLocalDb, SecurityLog, securityLogCsv, securityLogRetentionDays, SecurityLogSettingError } from '../src/index.js';
import { migrate } from '../src/local-db.js';
import { MIGRATIONS } from '../src/security-log/chain.js';
import { tempDir } from './helpers.js';

const ADMIN = { userId: 'u-admin', name: '王管理', agency: 'union' };

function openLog(start = '2026-01-01T00:00:00Z') {
  const { dir, cleanup } = tempDir();
  const path = join(dir, 'union.local.db');
  const db = openLocalDb(path);
  const clock = { now: new Date(start) };
  const log = new SecurityLog(db, () => clock.now);
  onTestFinished(() => {
    db.close();
    cleanup();
  });
  /** Plain SQL on the real file, from another connection: what someone with the file could do. */
  const tamper = (sql: string, ...params: unknown[]) => {
    const raw = new Database(path);
    try {
      raw.prepare(sql).run(...params);
    } finally {
      raw.close();
    }
  };
  return { log, clock, tamper };
}

const some = (log: SecurityLog, n: number) => {
  for (let i = 1; i <= n; i++) log.record({ kind: 'user_created', actor: ADMIN, subject: `user-${i}`, sourceIp: '10.0.0.7', detail: { username: `u${i}` } });
};

describe('SecurityLog', () => {
  it('given entries appended, when verified, then the chain holds: each entry names the hash before it and its own', () => {
    const { log } = openLog();
    some(log, 3);
    const entries = log.list({ limit: 10 });
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
    expect(log.verify()).toEqual({ ok: true, entries: 3, firstSeq: 1, lastSeq: 3, headHash: entries[0]!.hash });
  });

  it('given a row edited with plain SQL in the SQLite file, when verified, then it names that entry', () => {
    const { log, tamper } = openLog();
    some(log, 5);
    tamper("UPDATE security_log SET actor_name = '别人' WHERE seq = 3");
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') } });
  });

  it('given a row edited and its own hash recomputed, when verified, then the entry after it is named; a removed row is named too', () => {
    const { log, tamper } = openLog();
    some(log, 4);
    const second = log.list({ limit: 1, before: 3 })[0]!;
    const forged = { seq: 2, at: second.at, kind: second.kind, actor_id: 'someone-else', actor_name: second.actor.name, actor_agency: second.actor.agency };
    const rest = {
      subject: second.subject,
      source_ip: second.sourceIp,
      forwarded_for: second.forwardedFor,
      outcome: second.outcome,
      detail: JSON.stringify(second.detail),
      prev_hash: second.prevHash,
    };
    tamper('UPDATE security_log SET actor_id = ?, hash = ? WHERE seq = 2', 'someone-else', entryHash({ ...forged, ...rest }));
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('previous hash') } });

    const { log: other, tamper: tamperOther } = openLog();
    some(other, 4);
    tamperOther('DELETE FROM security_log WHERE seq = 3');
    expect(other.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: 'entry 3 is missing' } });
  });

  it('given a log from before the hash_alg column and a deployment switched to CRYPTO_SUITE=gm, then old entries stay sha256, new ones are chained with SM3, the whole log verifies and an edit or relabel is still named', () => {
    const { dir, cleanup } = tempDir();
    onTestFinished(cleanup);
    const path = join(dir, 'union.local.db');
    const db = openLocalDb(path);
    onTestFinished(() => {
      db.close();
    });
    // The table as it was before this column, with two entries written then (sha256, as before).
    migrate(db, 'security-log', MIGRATIONS.slice(0, 2));
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
    const gm = new SecurityLog(db, () => new Date('2026-02-01T00:00:00Z'), 'sm3');
    some(gm, 2);
    const rows = db.prepare('SELECT seq, hash_alg, hash, prev_hash FROM security_log ORDER BY seq').all() as {
      seq: number;
      hash_alg: string;
      hash: string;
      prev_hash: string;
    }[];
    expect(rows.map((r) => r.hash_alg)).toEqual(['sha256', 'sha256', 'sm3', 'sm3']);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    // An SM3 entry's hash, recomputed here with node's own sm3 over its fields and the algorithm's name.
    const third = gm.list({ limit: 1, before: 4 })[0]!;
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
    expect(gm.verify()).toMatchObject({ ok: true, entries: 4, headHash: rows[3]!.hash });

    const raw = new Database(path);
    try {
      raw.prepare("UPDATE security_log SET subject = 'user-x' WHERE seq = 3").run();
      expect(gm.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') } });
      raw.prepare("UPDATE security_log SET subject = 'user-1', hash_alg = 'sha256' WHERE seq = 3").run();
      expect(gm.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('edited') } });
      raw.prepare("UPDATE security_log SET hash_alg = 'md5' WHERE seq = 3").run();
      expect(gm.verify()).toMatchObject({ ok: false, broken: { seq: 3, reason: expect.stringContaining('"md5" is unknown') } });
      raw.prepare("UPDATE security_log SET hash_alg = 'sm3' WHERE seq = 3").run();
      expect(gm.verify()).toMatchObject({ ok: true, entries: 4 });
    } finally {
      raw.close();
    }
  });

  it('given entries older than the retention, when pruned, then they go, a checkpoint stays and the chain still verifies', () => {
    const { log, clock, tamper } = openLog();
    some(log, 3);
    clock.now = new Date('2026-05-01T00:00:00Z');
    some(log, 2);
    clock.now = new Date('2026-07-15T00:00:00Z');
    expect(log.prune(180)).toBe(3);
    const entries = log.list({ limit: 10 });
    expect(entries.map((e) => e.seq)).toEqual([6, 5, 4]);
    expect(entries[0]).toMatchObject({ kind: 'log_pruned', detail: { throughSeq: 3, removed: 3, retentionDays: 180 } });
    expect(log.verify()).toMatchObject({ ok: true, entries: 3, firstSeq: 4, lastSeq: 6 });
    // A later prune removes the first checkpoint too; its successor vouches for the new start.
    clock.now = new Date('2027-01-15T00:00:00Z');
    log.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin' });
    expect(log.prune(180)).toBe(3);
    expect(log.verify()).toMatchObject({ ok: true, firstSeq: 7, lastSeq: 8 });
    // Removing the checkpoint (or what it accounts for) is seen.
    tamper("DELETE FROM security_log WHERE kind = 'log_pruned'");
    expect(log.verify()).toMatchObject({ ok: false, broken: { seq: 7, reason: expect.stringContaining('no log_pruned checkpoint') } });
  });

  it('given a retention under six months, when set or used, then it is refused with a message that says why', () => {
    const { log } = openLog();
    expect(() => log.prune(90)).toThrow(SecurityLogSettingError);
    expect(() => securityLogRetentionDays(undefined, { SECURITY_LOG_RETENTION_DAYS: '90' })).toThrow(/至少保存 180 天.*at least 180/);
    expect(() => securityLogRetentionDays(undefined, { SECURITY_LOG_RETENTION_DAYS: 'half a year' })).toThrow(SecurityLogSettingError);
    expect(securityLogRetentionDays(undefined, {})).toBe(180);
    expect(securityLogRetentionDays(undefined, { SECURITY_LOG_RETENTION_DAYS: '400' })).toBe(400);
  });

  it('given the lockout, when it locks and unlocks an account, then account_locked and account_unlocked name the user and what the caller adds', () => {
    const { log } = openLog();
    log.accountLocked('union', { id: 'u-li', username: 'lilianluo' }, { failures: 5, until: '2026-01-01T00:30:00.000Z' });
    log.accountUnlocked('union', { id: 'u-li', username: 'lilianluo' }, { by: 'time' });
    log.accountLocked('union', { id: null, username: 'nobody' }, { failures: 5 });
    expect(log.list({ limit: 10 }).reverse()).toMatchObject([
      { kind: 'account_locked', actor: { userId: null, agency: 'union' }, subject: 'user-u-li', detail: { username: 'lilianluo', failures: 5 } },
      { kind: 'account_unlocked', subject: 'user-u-li', detail: { username: 'lilianluo', by: 'time' } },
      { kind: 'account_locked', subject: 'username:nobody', detail: { username: 'nobody' } },
    ]);
    expect(log.verify().ok).toBe(true);
  });

  it('given entries, when filtered, then by kind, time, actor (also the username a failed sign-in tried) and page', () => {
    const { log, clock } = openLog('2026-12-07T01:30:00Z');
    log.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin' });
    log.record({
      kind: 'sign_in_failed',
      actor: { userId: null, name: null, agency: 'union' },
      subject: 'username:mallory',
      outcome: 'failure',
      detail: { username: 'mallory' },
    });
    clock.now = new Date('2026-12-08T01:30:00Z');
    log.record({ kind: 'export', actor: { userId: 'u-aud', name: '赵审计', agency: 'procuratorate' }, subject: 'case-1' });
    expect(log.list({ limit: 10, kinds: ['sign_in_failed'] }).map((e) => e.seq)).toEqual([2]);
    expect(log.list({ limit: 10, from: '2026-12-08T00:00:00Z' }).map((e) => e.seq)).toEqual([3]);
    expect(log.list({ limit: 10, to: '2026-12-08T00:00:00Z' }).map((e) => e.seq)).toEqual([2, 1]);
    expect(log.list({ limit: 10, actor: 'mallory' }).map((e) => e.seq)).toEqual([2]);
    expect(log.list({ limit: 10, actor: '审计' }).map((e) => e.seq)).toEqual([3]);
    expect(log.list({ limit: 10, agency: 'procuratorate' }).map((e) => e.seq)).toEqual([3]);
    expect(log.list({ limit: 2 }).map((e) => e.seq)).toEqual([3, 2]);
    expect(log.list({ limit: 2, before: 2 }).map((e) => e.seq)).toEqual([1]);
  });

  it('given entries, when written as CSV, then Chinese headers, Beijing times, kinds in words and no formula a spreadsheet would run', () => {
    const { log } = openLog('2026-12-07T01:30:00Z');
    log.record({ kind: 'sign_in', actor: ADMIN, subject: 'user-u-admin', sourceIp: '10.0.0.7' });
    log.record({
      kind: 'sign_in_failed',
      actor: { userId: null, name: null, agency: 'union' },
      subject: 'username:=cmd',
      outcome: 'failure',
      detail: { username: '=cmd' },
    });
    const csv = securityLogCsv(log.list({ limit: 10 }).reverse());
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('\ufeff序号,时间（北京时间）,事件,结果,操作人,操作人编号,所属机构,对象,来源地址,转发来源,详情,哈希');
    expect(lines[1]).toMatch(/^1,2026年12月7日 09:30,登录成功,成功,王管理,u-admin,工会,user-u-admin,10\.0\.0\.7,,,[0-9a-f]{64}$/);
    expect(lines[2]).toMatch(/^2,2026年12月7日 09:30,登录失败,失败,（尝试的用户名）=cmd,,工会,username:=cmd,,,"{""username"":""=cmd""}",[0-9a-f]{64}$/);
    expect(lines[3]).toBe('');
    expect(beijingTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05');
    // What a person typed never starts a field unguarded: a spreadsheet would run `=…`, `+…`, `-…`, `@…`.
    expect(['=cmd|calc', '+1', '-2', '@SUM(A1)', 'a,b'].map(csvField)).toEqual(["'=cmd|calc", "'+1", "'-2", "'@SUM(A1)", '"a,b"']);
  });
});
