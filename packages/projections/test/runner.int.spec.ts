import { describe, expect, it } from 'vitest';
import { listStreams, ProjectionFailed, streamIndexProjection, STREAM_INDEX, WaitForPositionTimeout } from '../src/index.js';
import { appliedLog, appliedSummary } from './support/applied-log.js';
import { countedLog, countErrors } from './support/counted-log.js';
import { appendEvents, fixture, storePositions } from './support/fixture.js';
import { projectionSpec } from './support/spec.js';

const at = (seconds: number) => new Date(Date.parse('2025-03-01T08:00:00.000Z') + seconds * 1000).toISOString();

describe('stream index, as a projection spec', () => {
  const spec = projectionSpec(streamIndexProjection);

  it('summarises every stream once the runner has caught up', async () => {
    await spec
      .given([
        { stream: 'case-1', type: 'CaseOpened' },
        { stream: 'case-2', type: 'CaseOpened' },
        { stream: 'case-1', type: 'LeadTransferred' },
        { stream: 'meeting-7', type: 'MeetingHeld' },
        { stream: 'case-1', type: 'CaseClosed' },
        { stream: 'solo', type: 'Noted' },
      ])
      .then((db) => listStreams(db, { limit: 10, offset: 0 }), {
        total: 4,
        streams: [
          { stream: 'case-1', category: 'case', lastRevision: 2n, lastPosition: 5n, eventCount: 3, firstRecordedAt: at(0), lastRecordedAt: at(4) },
          { stream: 'case-2', category: 'case', lastRevision: 0n, lastPosition: 2n, eventCount: 1, firstRecordedAt: at(1), lastRecordedAt: at(1) },
          { stream: 'meeting-7', category: 'meeting', lastRevision: 0n, lastPosition: 4n, eventCount: 1, firstRecordedAt: at(3), lastRecordedAt: at(3) },
          { stream: 'solo', category: 'solo', lastRevision: 0n, lastPosition: 6n, eventCount: 1, firstRecordedAt: at(5), lastRecordedAt: at(5) },
        ],
      });
  });

  it('filters by category and pages in stream-name order', async () => {
    const given = ['case-a', 'meeting-x', 'case-b', 'case-c', 'case-d'].map((stream) => ({ stream, type: 'Noted' }));
    await spec.given(given).then((db) => listStreams(db, { category: 'case', limit: 2, offset: 1 }), {
      total: 4,
      streams: [expect.objectContaining({ stream: 'case-b', category: 'case' }), expect.objectContaining({ stream: 'case-c', category: 'case' })],
    });
  });
});

describe('projection runner', () => {
  it('goes live on an empty store and applies an append made after that; waitForPosition resolves for it', async () => {
    const { store, runner } = fixture();
    const projections = runner([streamIndexProjection, appliedLog()]);
    await projections.start();
    await expect.poll(async () => (await projections.status()).map((s) => s.state)).toEqual(['live', 'live']);

    const { position } = await store.append('case-live', [{ type: 'CaseOpened', data: {} }]);
    await projections.waitForPosition(position, 5_000);

    expect(listStreams(projections.readModel(STREAM_INDEX).db, { limit: 10, offset: 0 }).streams.map((s) => s.stream)).toEqual(['case-live']);
    expect(appliedSummary(projections.readModel('applied-log').db)).toMatchObject({ rows: 1, checkpoint: position });
    const status = await projections.status();
    expect(status.map(({ name, position: p, lag, state }) => ({ name, p, lag, state }))).toEqual([
      { name: STREAM_INDEX, p: position, lag: 0n, state: 'live' },
      { name: 'applied-log', p: position, lag: 0n, state: 'live' },
    ]);
  });

  it('applies only the event types a projection names, yet moves its checkpoint over every event', async () => {
    const { store, runner } = fixture();
    await store.append('case-1', [
      { type: 'CaseOpened', data: {} },
      { type: 'Noted', data: {} },
    ]);
    const { position } = await store.append('case-2', [{ type: 'Noted', data: {} }]);
    const projections = runner([appliedLog({ eventTypes: ['CaseOpened'] })]);
    await projections.start();
    await projections.waitForPosition(position, 5_000);
    const summary = appliedSummary(projections.readModel('applied-log').db);
    expect(summary).toMatchObject({ rows: 1, positions: [1n], checkpoint: position });
  });

  it('keeps the other projections going when one fails; the failure names the event; restart retries it', async () => {
    const { store, runner } = fixture();
    let refuse = true;
    const faulty = appliedLog({ name: 'faulty', failWhen: (event) => refuse && event.type === 'Boom' });
    await appendEvents(store, 30, { streams: 3 });
    const boom = (await store.append('case-0', [{ type: 'Boom', data: {} }])).position;
    const before = await appendEvents(store, 30, { streams: 3 });
    const projections = runner([faulty, streamIndexProjection], { batchSize: 7 });
    await projections.start();

    await projections.waitForPosition(before, 5_000, [STREAM_INDEX]);
    await expect(projections.waitForPosition(before, 5_000)).rejects.toBeInstanceOf(ProjectionFailed);
    const [failed] = await projections.status();
    expect(failed).toMatchObject({ name: 'faulty', state: 'failed', lastError: { position: boom, eventType: 'Boom' } });
    expect(failed!.lastError!.message).toContain('refused Boom');
    expect(failed!.position === null || failed!.position < boom).toBe(true);
    // Whatever it committed before the failure is whole and stops short of the failing event.
    const partial = appliedSummary(projections.readModel('faulty').db, 'faulty');
    expect(partial.rows).toBe(partial.distinct);
    expect(partial.positions.every((p) => p < boom)).toBe(true);
    expect(partial.checkpoint).toBe(failed!.position);

    const later = await appendEvents(store, 10, { prefix: 'later' });
    await projections.waitForPosition(later, 5_000, [STREAM_INDEX]);

    refuse = false;
    await projections.restart('faulty');
    await projections.restart(); // the healthy one has nothing to retry: this returns at once
    await projections.waitForPosition(later, 5_000);
    const summary = appliedSummary(projections.readModel('faulty').db, 'faulty');
    expect(summary.rows).toBe(summary.distinct);
    expect(summary.positions).toEqual(await storePositions(store));
    expect((await projections.status())[0]).toMatchObject({ state: 'live', lastError: { eventType: 'Boom' } });
  });

  it('folds shared state once for every model reading it; a model that failed, restarted or rebuilt alone gets every count right', async () => {
    const { store, runner } = fixture();
    let refuse = true;
    await appendEvents(store, 120, { streams: 4 });
    const boom = (await store.append('case-1', [{ type: 'Boom', data: {} }])).position;
    const before = await appendEvents(store, 120, { streams: 4 });
    const projections = runner([countedLog('steady'), countedLog('faulty', (event) => refuse && event.type === 'Boom')], {
      batchSize: 25,
      foldPersistEvery: 60,
      foldCapacity: 2,
    });
    await projections.start();
    await projections.waitForPosition(before, 5_000, ['steady']);
    expect((await projections.status())[1]).toMatchObject({ name: 'faulty', state: 'failed', lastError: { position: boom } });

    // The fold has gone on past the failed model: its restart folds again from the start.
    refuse = false;
    await projections.restart('faulty');
    const later = await appendEvents(store, 40, { streams: 4 });
    await projections.waitForPosition(later, 5_000);
    for (const name of ['steady', 'faulty']) expect(countErrors(projections.readModel(name).db)).toEqual({ rows: 281, wrong: 0 });

    // Rebuilt alone, into a shadow with its own fold, then handed back to the shared one.
    await projections.rebuild('faulty');
    const last = await appendEvents(store, 40, { streams: 4 });
    await projections.waitForPosition(last, 5_000);
    for (const name of ['steady', 'faulty']) expect(countErrors(projections.readModel(name).db)).toEqual({ rows: 321, wrong: 0 });
  });

  it('rejects waitForPosition on timeout, naming who is behind', async () => {
    const { runner } = fixture();
    const projections = runner([appliedLog()]);
    await projections.start();
    const wait = projections.waitForPosition(1_000n, 30);
    await expect(wait).rejects.toBeInstanceOf(WaitForPositionTimeout);
    await expect(wait).rejects.toThrow(/did not reach position 1000 within 30 ms: "applied-log" at start/);
  });

  it('stops cleanly while catching up, and refuses work afterwards', async () => {
    const { store, runner } = fixture();
    const last = await appendEvents(store, 2_000, { perAppend: 100 });
    const projections = runner([appliedLog()], { batchSize: 50 });
    await projections.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const waiting = expect(projections.waitForPosition(last + 10n, 60_000)).rejects.toThrow(/stopped while waiting/);
    await projections.stop();
    await waiting;
    await expect(projections.waitForPosition(1n, 10)).rejects.toThrow(/not running/);
    expect(() => projections.readModel('applied-log').db).toThrow(/not open/);
  });
});
