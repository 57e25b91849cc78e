import { describe, expect, it } from 'vitest';
import { estimateProgress, renderProgress } from '../src/index.js';

const base = { projection: 'p', done: false } as const;

describe('estimateProgress', () => {
  it('measures the fraction by position and extrapolates the total over holes', () => {
    // 500 events seen by position 1000 of 4000: positions are half holes, so about 2000 events in all.
    const p = estimateProgress({ ...base, eventsDone: 500, position: 1000n, headPosition: 4000n, elapsedMs: 2000 });
    expect(p).toMatchObject({ fraction: 0.25, totalEstimate: 2000, eventsPerSecond: 250, etaMs: 6000 });
  });

  it('has no ETA before there is a rate, and is complete when done or when the store is empty', () => {
    expect(estimateProgress({ ...base, eventsDone: 0, position: null, headPosition: 10n, elapsedMs: 0 })).toMatchObject({
      fraction: 0,
      totalEstimate: 10,
      etaMs: null,
    });
    expect(estimateProgress({ ...base, eventsDone: 0, position: null, headPosition: null, elapsedMs: 5 })).toMatchObject({ fraction: 1 });
    expect(estimateProgress({ ...base, done: true, eventsDone: 7, position: 7n, headPosition: 9n, elapsedMs: 5 })).toMatchObject({
      fraction: 1,
      totalEstimate: 7,
      etaMs: 0,
    });
  });
});

describe('renderProgress', () => {
  it('draws a bar, the percentage, the rate with thousands separators and the ETA', () => {
    const p = estimateProgress({ ...base, eventsDone: 48_213 * 61, position: 61n, headPosition: 100n, elapsedMs: 61_000 });
    expect(renderProgress(p)).toBe('[██████░░░░] 61%  48,213 ev/s  ETA 39s');
  });

  it('writes long ETAs in minutes or hours, an unknown one as --, and says done at the end', () => {
    const at = (etaMs: number | null) =>
      renderProgress({ ...estimateProgress({ ...base, eventsDone: 0, position: null, headPosition: 1n, elapsedMs: 0 }), etaMs });
    expect(at(125_000)).toBe('[░░░░░░░░░░] 0%  0 ev/s  ETA 2m 05s');
    expect(at(3_720_000)).toBe('[░░░░░░░░░░] 0%  0 ev/s  ETA 1h 02m');
    expect(at(null)).toBe('[░░░░░░░░░░] 0%  0 ev/s  ETA --');
    const done = estimateProgress({ ...base, done: true, eventsDone: 10, position: 10n, headPosition: 10n, elapsedMs: 1000 });
    expect(renderProgress(done, 4)).toBe('[████] 100%  10 ev/s  done');
  });
});
