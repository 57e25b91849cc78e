import { describe, expect, it } from 'vitest';
import { AccessLog } from '../src/index.js';
import { ENGINES, openForTest, type EngineUnderTest } from './engines.js';

describe.each(ENGINES)('AccessLog on $name', (engine: EngineUnderTest) => {
  it('keeps who viewed what, newest first, and prunes only past a retention of at least six months', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const { db } = await openForTest(engine);
    const log = await AccessLog.open(db, () => now);
    await log.record({ agency: 'union', userId: 'u1', userName: '李联络', action: 'view_personal_data', subject: 'case-a', detail: { workers: ['w1'] } });
    now = new Date('2026-08-01T00:00:00Z');
    await log.record({ agency: 'union', userId: 'u2', action: 'export', subject: 'case-b' });
    expect((await log.list({ limit: 10 })).map((e) => [e.userId, e.subject])).toEqual([
      ['u2', 'case-b'],
      ['u1', 'case-a'],
    ]);
    expect((await log.list({ limit: 10, subject: 'case-a' }))[0]).toMatchObject({ userName: '李联络', detail: { workers: ['w1'] } });
    await expect(log.prune(90)).rejects.toThrow(RangeError);
    expect(await log.prune(183)).toBe(1);
    expect((await log.list({ limit: 10 })).map((e) => e.userId)).toEqual(['u2']);
  });

  it('pages newest first by id, and a reopened log keeps its entries', async () => {
    const { db, replica } = await openForTest(engine);
    const log = await AccessLog.open(db, () => new Date('2026-03-01T00:00:00Z'));
    for (let i = 1; i <= 5; i++) await log.record({ agency: 'union', userId: `u${i}`, action: 'download_document', subject: `case-${i}` });
    const first = await log.list({ limit: 2 });
    expect(first.map((e) => e.userId)).toEqual(['u5', 'u4']);
    expect(typeof first[0]!.id).toBe('number');
    expect((await log.list({ limit: 2, before: first[1]!.id })).map((e) => e.userId)).toEqual(['u3', 'u2']);
    // Another replica (or the service after a restart) opens the same table: no migration runs twice.
    const again = await AccessLog.open(replica(), () => new Date('2026-03-02T00:00:00Z'));
    await again.record({ agency: 'union', userId: 'u6', action: 'export', subject: 'case-6' });
    expect((await log.list({ limit: 10 })).map((e) => e.userId)).toEqual(['u6', 'u5', 'u4', 'u3', 'u2', 'u1']);
  });
});

if (!process.env['DATABASE_URL']) it.skip('AccessLog on PostgreSQL: skipped, DATABASE_URL is not set', () => {});
