import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { defineProjection, listStreams, RebuildInProgress, streamIndexProjection, STREAM_INDEX, type RebuildProgress } from '../src/index.js';
import { appliedLog, appliedSummary } from './support/applied-log.js';
import { appendEvents, fixture } from './support/fixture.js';

/** A projection whose table is named after its version, to see which version's tables exist. */
function versioned(version: number) {
  const table = `rows_v${version}`;
  return defineProjection({
    name: 'versioned',
    version,
    init: (db) => db.exec(`CREATE TABLE IF NOT EXISTS ${table} (position INTEGER NOT NULL)`),
    apply: (db, event) => void db.prepare(`INSERT INTO ${table} (position) VALUES (?)`).run(event.position),
  });
}

const tables = (db: Database.Database) =>
  db
    .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .all()
    .map((r) => r.name);

describe('rebuilding', () => {
  it('discards the tables of an older version and rebuilds from the start', async () => {
    const { store, readModels, runner } = fixture();
    const first = await appendEvents(store, 40);
    const v1 = runner([versioned(1)]);
    await v1.start();
    await v1.waitForPosition(first, 5_000);
    await v1.stop();

    const last = await appendEvents(store, 10);
    const v2 = runner([versioned(2)]);
    await v2.start();
    await v2.waitForPosition(last, 5_000);
    const db = v2.readModel('versioned').db;
    expect(tables(db)).toEqual(['projection_checkpoints', 'rows_v2']);
    expect(db.prepare('SELECT count(*) AS n FROM rows_v2').get()).toEqual({ n: 50 });
    expect((await v2.status())[0]).toMatchObject({ version: 2, position: last });
    expect(readdirSync(join(readModels, 'versioned')).filter((f) => f.endsWith('.db'))).toEqual(['2.db']);
  });

  it('rebuilds into a shadow while readers keep querying the old model, then switches them over', async () => {
    const { store, runner } = fixture();
    const last = await appendEvents(store, 3_000, { streams: 300 });
    const projections = runner([streamIndexProjection], { batchSize: 100 });
    await projections.start();
    await projections.waitForPosition(last, 10_000);
    const handle = projections.readModel(STREAM_INDEX);
    const oldPath = handle.path!;
    // Damage the live model as a bug would: the rebuild must bring the stream back.
    const vandal = new Database(oldPath);
    vandal.prepare("DELETE FROM stream_index WHERE stream = 'case-7'").run();
    vandal.close();

    const totals: number[] = [];
    let rebuilding = true;
    const reader = (async () => {
      while (rebuilding) {
        totals.push(listStreams(handle.db, { limit: 1, offset: 0 }).total);
        await nextMacrotask();
      }
    })();
    const reports: RebuildProgress[] = [];
    const rebuild = projections.rebuild(STREAM_INDEX, { onProgress: (p) => reports.push(p), progressIntervalMs: 0 });
    await expect.poll(() => (reports.length > 0 ? reports[0]!.eventsDone : 0), { interval: 1 }).toBeGreaterThan(0);
    expect((await projections.status())[0]?.state).toBe('rebuilding');
    const appended = await store.append('late-1', [{ type: 'Noted', data: {} }]);
    const final = await rebuild;
    rebuilding = false;
    await reader;

    await projections.waitForPosition(appended.position, 5_000);
    const after = listStreams(handle.db, { limit: 1000, offset: 0 });
    expect(after.total).toBe(301);
    expect(after.streams.find((s) => s.stream === 'case-7')).toMatchObject({ eventCount: 10 });
    // Readers saw the old model (299, then 300 with the late stream) and then the rebuilt one, never a partial one.
    expect(totals.length).toBeGreaterThan(2);
    expect(totals.every((n) => n >= 299)).toBe(true);
    expect(totals).toEqual([...totals].sort((a, b) => a - b));
    expect(totals[0]).toBe(299);
    expect(handle.path).not.toBe(oldPath);
    expect(existsSync(oldPath)).toBe(false);

    const counts = reports.map((r) => r.eventsDone);
    expect(reports.length).toBeGreaterThan(2);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(new Set(counts).size).toBeGreaterThan(2);
    expect(final).toMatchObject({ projection: STREAM_INDEX, done: true, fraction: 1, etaMs: 0 });
    expect(final.eventsDone).toBeGreaterThanOrEqual(3_000);
    expect(reports.at(-1)).toEqual(final);
    expect((await projections.status())[0]).toMatchObject({ state: 'live', rebuild: null });
  });

  it('keeps serving the old model when the rebuild fails, and deletes the shadow', async () => {
    const { store, readModels, runner } = fixture();
    let refuse = false;
    const last = await appendEvents(store, 200);
    const projections = runner([appliedLog({ failWhen: (event) => refuse && event.position === 150n })], { batchSize: 50 });
    await projections.start();
    await projections.waitForPosition(last, 5_000);

    refuse = true;
    await expect(projections.rebuild('applied-log')).rejects.toThrow(/refused Noted at 150/);
    expect(appliedSummary(projections.readModel('applied-log').db)).toMatchObject({ rows: 200, checkpoint: last });
    expect((await projections.status())[0]).toMatchObject({ state: 'live', rebuild: null });
    expect(readdirSync(join(readModels, 'applied-log')).filter((f) => f.endsWith('.db'))).toEqual(['1.db']);
  });

  it('refuses a second rebuild of the same projection while one runs; stop abandons it', async () => {
    const { store, readModels, runner } = fixture();
    await appendEvents(store, 2_000, { perAppend: 100 });
    const projections = runner([appliedLog()], { batchSize: 20 });
    await projections.start();
    const first = expect(projections.rebuild('applied-log')).rejects.toThrow(/stopped during the rebuild/);
    await expect.poll(async () => (await projections.status())[0]?.state, { interval: 1 }).toBe('rebuilding');
    await expect(projections.rebuild('applied-log')).rejects.toBeInstanceOf(RebuildInProgress);
    await projections.stop();
    await first;
    expect(readdirSync(join(readModels, 'applied-log')).filter((f) => f.endsWith('.db'))).toEqual(['1.db']);
  });
});

describe('change notifications', () => {
  it('tells listeners of every commit readers can see and of the switch after a rebuild; unsubscribing stops it', async () => {
    const { store, runner } = fixture();
    const last = await appendEvents(store, 1_000, { streams: 50 });
    const projections = runner([streamIndexProjection], { batchSize: 100 });
    // What a listener reads inside the callback: the checkpoint of the model readers are on.
    const seen: bigint[] = [];
    const readCheckpoint = () => {
      let max = 0n;
      for (const s of listStreams(projections.readModel(STREAM_INDEX).db, { limit: 1000, offset: 0 }).streams) if (s.lastPosition > max) max = s.lastPosition;
      return max;
    };
    const unsubscribe = projections.onChange(() => seen.push(readCheckpoint()));
    await projections.start();
    await projections.waitForPosition(last, 10_000);
    expect(seen.at(-1)).toBe(last);
    expect(seen).toEqual([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

    seen.length = 0;
    const rebuilt = projections.rebuild(STREAM_INDEX, { progressIntervalMs: 0 });
    await rebuilt;
    // While the shadow filled, readers' model did not move, so nothing was announced until the switch.
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((p) => p === last)).toBe(true);

    unsubscribe();
    seen.length = 0;
    const appended = await store.append('late', [{ type: 'Noted', data: {} }]);
    await projections.waitForPosition(appended.position, 5_000);
    expect(seen).toEqual([]);
  });
});
