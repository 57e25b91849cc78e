import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { listStreams, STREAM_INDEX, type RebuildProgress } from '../src/index.js';
import { appendEvents, fixture, type Fixture } from './support/fixture.js';
import { threadProjections } from './support/thread-projections.js';

const MODULE = new URL('./support/thread-projections.ts', import.meta.url).href;

function threaded(f: Fixture, options: { batchSize?: number; rebuildBatchSize?: number } = {}) {
  return f.runner(threadProjections, {
    batchSize: 100,
    ...options,
    rebuildWorker: { storeUrl: `sqlite:${f.storePath}`, module: MODULE, exportName: 'threadProjections' },
  });
}

interface Row {
  position: number;
  stream: string;
  nth: number;
  thread: number;
}

afterEach(() => {
  delete process.env['THREAD_SPEC_REFUSE'];
});

describe('a rebuild on a worker thread', () => {
  it('fills the shadows off the serving thread, hands the fold over, catches up what came meanwhile and switches over', async () => {
    const f = fixture();
    const initial = await appendEvents(f.store, 4_000, { streams: 40, perAppend: 20 });
    const projections = threaded(f);
    await projections.start();
    await projections.waitForPosition(initial, 20_000);
    const oldPath = projections.readModel('thread-log').path!;

    // Appends keep coming during the whole rebuild: some land while the thread reads, some after it handed over.
    let rebuilding = true;
    const writer = (async () => {
      let n = 0;
      while (rebuilding) {
        await f.store.append(`late-${n++ % 3}`, [{ type: 'Noted', data: { n } }]);
        await nextMacrotask();
      }
    })();
    const reports: RebuildProgress[] = [];
    const finals = await Promise.all(
      await projections.rebuildAll(
        ['thread-log', STREAM_INDEX].map((name) => ({ name, options: { progressIntervalMs: 0, onProgress: (p: RebuildProgress) => reports.push(p) } })),
      ),
    );
    rebuilding = false;
    await writer;
    const head = (await f.store.headPosition())!;
    await projections.waitForPosition(head, 10_000);

    const db = projections.readModel('thread-log').db;
    expect(projections.readModel('thread-log').path).not.toBe(oldPath);
    expect(existsSync(oldPath)).toBe(false);
    const rows = db.prepare<[], Row>('SELECT position, stream, nth, thread FROM applied ORDER BY position').all();
    // Every event exactly once (the key refuses a second apply), in order, none missing.
    expect(rows.map((r) => BigInt(r.position))).toEqual(Array.from({ length: Number(head) }, (_, i) => BigInt(i + 1)));
    // The fold's counts run on unbroken across the handover from the thread to this one.
    const perStream = new Map<string, number[]>();
    for (const row of rows) perStream.set(row.stream, [...(perStream.get(row.stream) ?? []), row.nth]);
    for (const counts of perStream.values()) expect(counts).toEqual(counts.map((_, i) => i + 1));
    // The bulk (at least everything there was when the rebuild began) was applied on another thread.
    const byThread = rows.filter((r) => r.thread !== 0);
    expect(byThread.length).toBeGreaterThanOrEqual(Number(initial));
    expect(new Set(byThread.map((r) => r.thread)).size).toBe(1);

    expect(listStreams(projections.readModel(STREAM_INDEX).db, { limit: 1, offset: 0 }).total).toBe(perStream.size);
    expect(finals.map((p) => p.done)).toEqual([true, true]);
    const logReports = reports.filter((r) => r.projection === 'thread-log').map((r) => r.eventsDone);
    expect(logReports.length).toBeGreaterThan(1);
    expect(logReports).toEqual([...logReports].sort((a, b) => a - b));
    expect((await projections.status()).map((s) => s.state)).toEqual(['live', 'live']);
    // The scratch folds are gone once the rebuild is.
    await expect.poll(() => readdirSync(join(f.readModels, '_folds')).filter((n) => n.includes('.rebuild-'))).toEqual([]);
  });

  it('keeps serving the old model when the thread fails a model, and deletes its shadow', async () => {
    const f = fixture();
    const last = await appendEvents(f.store, 1_000, { perAppend: 50 });
    const projections = threaded(f);
    await projections.start();
    await projections.waitForPosition(last, 10_000);
    const before = projections.readModel('thread-log').db.prepare('SELECT count(*) AS n FROM applied').get();

    process.env['THREAD_SPEC_REFUSE'] = '500';
    const [failed, other] = await projections.rebuildAll([{ name: 'thread-log' }, { name: STREAM_INDEX }]);
    await expect(failed).rejects.toThrow(/refused at 500/);
    // The other model of the same thread is not held back by its sibling's failure.
    await expect(other).resolves.toMatchObject({ done: true });
    expect(projections.readModel('thread-log').db.prepare('SELECT count(*) AS n FROM applied').get()).toEqual(before);
    expect(before).toEqual({ n: 1_000 });
    await expect.poll(() => readdirSync(join(f.readModels, 'thread-log')).filter((n) => n.endsWith('.db'))).toEqual(['1.db']);
    expect((await projections.status()).map((s) => s.state)).toEqual(['live', 'live']);
  });

  it('stops the thread and deletes the shadows when the runner stops mid-rebuild', async () => {
    const f = fixture();
    await appendEvents(f.store, 20_000, { perAppend: 500 });
    const projections = threaded(f, { rebuildBatchSize: 100 });
    await projections.start();
    const reports: RebuildProgress[] = [];
    const [rebuild] = await projections.rebuildAll([{ name: 'thread-log', options: { progressIntervalMs: 0, onProgress: (p) => reports.push(p) } }]);
    const abandoned = expect(rebuild).rejects.toThrow(/stopped during the rebuild/);
    await expect.poll(() => reports.length, { interval: 5, timeout: 20_000 }).toBeGreaterThan(0);
    await projections.stop();
    await abandoned;
    expect(readdirSync(join(f.readModels, 'thread-log')).filter((n) => n.endsWith('.db'))).toEqual(['1.db']);
    expect(readdirSync(join(f.readModels, '_folds')).filter((n) => n.includes('.rebuild-'))).toEqual([]);
  });

  it('runs in-thread on a store no other connection can open (in memory)', async () => {
    const f = fixture();
    const last = await appendEvents(f.store, 300);
    const projections = f.runner(threadProjections, {
      rebuildWorker: { storeUrl: 'sqlite::memory:', module: MODULE, exportName: 'threadProjections' },
    });
    await projections.start();
    await projections.waitForPosition(last, 10_000);
    await projections.rebuild('thread-log');
    const threads = projections.readModel('thread-log').db.prepare<[], { thread: number }>('SELECT DISTINCT thread FROM applied').all();
    expect(threads).toEqual([{ thread: 0 }]);
  });
});
