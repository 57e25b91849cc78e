import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccessLog, openLocalDb } from '../src/index.js';
import { tempDir } from './helpers.js';

describe('AccessLog', () => {
  it('keeps who viewed what, newest first, and prunes only past a retention of at least six months', () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const { dir, cleanup } = tempDir();
    const db = openLocalDb(join(dir, 'access.db'));
    const log = new AccessLog(db, () => now);
    log.record({ agency: 'union', userId: 'u1', userName: '李联络', action: 'view_personal_data', subject: 'case-a', detail: { workers: ['w1'] } });
    now = new Date('2026-08-01T00:00:00Z');
    log.record({ agency: 'union', userId: 'u2', action: 'export', subject: 'case-b' });
    expect(log.list({ limit: 10 }).map((e) => [e.userId, e.subject])).toEqual([
      ['u2', 'case-b'],
      ['u1', 'case-a'],
    ]);
    expect(log.list({ limit: 10, subject: 'case-a' })[0]).toMatchObject({ userName: '李联络', detail: { workers: ['w1'] } });
    expect(() => log.prune(90)).toThrow(RangeError);
    expect(log.prune(183)).toBe(1);
    expect(log.list({ limit: 10 }).map((e) => e.userId)).toEqual(['u2']);
    db.close();
    cleanup();
  });
});
