import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listStreams, streamIndexProjection, STREAM_INDEX } from '../src/index.js';
import { appliedLog, appliedSummary } from './support/applied-log.js';
import { countedLog, countErrors, streamCount } from './support/counted-log.js';
import { appendEvents, fixture, storePositions } from './support/fixture.js';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const crashChild = fileURLToPath(new URL('./support/crash-child.ts', import.meta.url));

/** Runs the crash child to its death; resolves with the signal that ended it and what it wrote to stderr. */
function runCrashChild(args: string[]): Promise<{ signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', crashChild, ...args], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ signal, stderr }));
  });
}

/** Opens the generation a projection's CURRENT file names, read-write so that SQLite recovers the WAL as the runner would. */
function openCurrent(directory: string, name: string): Database.Database {
  const folder = join(directory, name);
  return new Database(join(folder, readFileSync(join(folder, 'CURRENT'), 'utf8').trim()));
}

describe('exactly once', () => {
  it('survives a process killed mid-batch: the next runner applies every event once, the checkpoint at the end', async () => {
    const { store, storePath, readModels, runner } = fixture();
    const last = await appendEvents(store, 1_000, { perAppend: 50 });
    const crashAt = 250n; // the middle of the third batch of 100

    const { signal, stderr } = await runCrashChild([storePath, readModels, String(crashAt)]);
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    // It died holding the third batch: the two before are committed, nothing of the third is.
    const left = openCurrent(readModels, 'applied-log');
    expect(appliedSummary(left)).toMatchObject({ rows: 200, distinct: 200, checkpoint: 200n });
    left.close();

    const projections = runner([appliedLog()], { batchSize: 100 });
    await projections.start();
    await projections.waitForPosition(last, 10_000);
    const summary = appliedSummary(projections.readModel('applied-log').db);
    expect(summary.rows).toBe(1_000);
    expect(summary.distinct).toBe(1_000);
    expect(summary.positions).toEqual(await storePositions(store));
    expect(summary.checkpoint).toBe(last);
  });

  it('survives a kill between the models and their shared fold: the fold, behind, folds again what it lacks; nothing is folded or applied twice', async () => {
    const { store, storePath, readModels, runner } = fixture();
    const last = await appendEvents(store, 1_000, { perAppend: 50, streams: 7 });
    // The fold writes its states every 250 events, the models every batch of 100. Killed while
    // "second" applies the third batch: "first" has committed it (300), "second" has 200, and
    // the fold's file none of them.
    const { signal, stderr } = await runCrashChild([storePath, readModels, '250', 'fold', '250']);
    expect(stderr).toBe('');
    expect(signal).toBe('SIGKILL');
    for (const [name, rows] of [
      ['first', 300],
      ['second', 200],
    ] as const) {
      const left = openCurrent(readModels, name);
      expect(countErrors(left)).toEqual({ rows, wrong: 0 });
      left.close();
    }

    const projections = runner([countedLog('first'), countedLog('second')], { batchSize: 100, foldPersistEvery: 250 });
    await projections.start();
    await projections.waitForPosition(last, 10_000);
    for (const name of ['first', 'second']) expect(countErrors(projections.readModel(name).db)).toEqual({ rows: 1_000, wrong: 0 });
    await projections.stop();

    // And a restart from a fold that is ahead of nothing: resumes where both left off.
    const more = await appendEvents(store, 300, { perAppend: 50, streams: 7 });
    const again = runner([countedLog('first'), countedLog('second')], { batchSize: 100, foldPersistEvery: 250 });
    await again.start();
    await again.waitForPosition(more, 10_000);
    for (const name of ['first', 'second']) expect(countErrors(again.readModel(name).db)).toEqual({ rows: 1_300, wrong: 0 });
  });

  it('writes the fold at a clean stop, live and short of its interval: the next start folds nothing again and counts on from there', async () => {
    const { store, readModels, runner } = fixture();
    const first = await appendEvents(store, 120, { perAppend: 10, streams: 7 });
    // Live after 120 events, far short of the fold's 50,000-event interval: only the stop writes it.
    const projections = runner([countedLog('first')], { batchSize: 100 });
    await projections.start();
    await projections.waitForPosition(first, 10_000);
    await projections.stop();
    const fold = new Database(join(readModels, '_folds', `${streamCount.name}.db`), { readonly: true });
    expect(fold.prepare('SELECT position FROM fold_checkpoint').pluck().get()).toBe(first.toString());
    fold.close();

    const more = await appendEvents(store, 80, { perAppend: 10, streams: 7 });
    const again = runner([countedLog('first')], { batchSize: 100 });
    await again.start();
    await again.waitForPosition(more, 10_000);
    expect(countErrors(again.readModel('first').db)).toEqual({ rows: 200, wrong: 0 });
  });

  it('rolls back the batch of an apply that throws, keeps the checkpoint before it, and applies it all once on restart', async () => {
    const { store, runner } = fixture();
    let failing = true;
    const last = await appendEvents(store, 500, { perAppend: 25 });
    const projections = runner([appliedLog({ failWhen: (event) => failing && event.position === 137n })], { batchSize: 40 });
    await projections.start();
    await expect.poll(async () => (await projections.status())[0]?.state).toBe('failed');

    const partial = appliedSummary(projections.readModel('applied-log').db);
    expect(partial.checkpoint).not.toBeNull();
    expect(partial.checkpoint! < 137n).toBe(true);
    expect(partial.rows).toBe(partial.distinct);
    expect(partial.positions).toEqual((await storePositions(store)).filter((p) => p <= partial.checkpoint!));

    failing = false;
    await projections.restart();
    await projections.waitForPosition(last, 10_000);
    const summary = appliedSummary(projections.readModel('applied-log').db);
    expect(summary).toMatchObject({ rows: 500, distinct: 500, checkpoint: last });
  });

  it('resumes from the checkpoint: stop after K events, append more, a new runner carries on without duplicates', async () => {
    const { store, runner } = fixture();
    const k = await appendEvents(store, 120, { streams: 4 });
    const first = runner([appliedLog(), streamIndexProjection]);
    await first.start();
    await first.waitForPosition(k, 5_000);
    await first.stop();

    const last = await appendEvents(store, 80, { streams: 4 });
    const second = runner([appliedLog(), streamIndexProjection]);
    await second.start();
    expect((await second.status()).map((s) => s.position)).toEqual([k, k]);
    await second.waitForPosition(last, 5_000);

    expect(appliedSummary(second.readModel('applied-log').db)).toMatchObject({ rows: 200, distinct: 200, checkpoint: last });
    const { streams } = listStreams(second.readModel(STREAM_INDEX).db, { limit: 10, offset: 0 });
    expect(streams.map((s) => [s.stream, s.eventCount, s.lastRevision])).toEqual([
      ['case-0', 50, 49n],
      ['case-1', 50, 49n],
      ['case-2', 50, 49n],
      ['case-3', 50, 49n],
    ]);
  });

  it('resumes after a stop in the middle of a catch-up', async () => {
    const { store, runner } = fixture();
    const last = await appendEvents(store, 3_000, { perAppend: 100 });
    const first = runner([appliedLog()], { batchSize: 50 });
    await first.start();
    await expect.poll(async () => (await first.status())[0]?.position ?? 0n, { interval: 1 }).toBeGreaterThan(0n);
    await first.stop();

    const second = runner([appliedLog()], { batchSize: 50 });
    await second.start();
    await second.waitForPosition(last, 10_000);
    expect(appliedSummary(second.readModel('applied-log').db)).toMatchObject({ rows: 3_000, distinct: 3_000, checkpoint: last });
  });

  it('applies 50,000 events in batches', { timeout: 120_000 }, async () => {
    const { store, runner } = fixture();
    const last = await appendEvents(store, 50_000, { streams: 100, perAppend: 500, prefix: 'bulk' });
    const projections = runner([appliedLog(), streamIndexProjection]);
    await projections.start();
    await projections.waitForPosition(last, 110_000);

    expect(appliedSummary(projections.readModel('applied-log').db)).toMatchObject({ rows: 50_000, distinct: 50_000, checkpoint: last });
    const page = listStreams(projections.readModel(STREAM_INDEX).db, { category: 'bulk', limit: 1000, offset: 0 });
    expect(page.total).toBe(100);
    expect(page.streams.every((s) => s.eventCount === 500 && s.lastRevision === 499n)).toBe(true);
  });
});
